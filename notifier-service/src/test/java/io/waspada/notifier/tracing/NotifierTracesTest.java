package io.waspada.notifier.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.notifier.delivery.Notification;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.testing.Fixtures;
import io.waspada.tracing.KafkaTraceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier's spans: a version read from the topic continues the correlator's trace, pushes are its children, and
 * a page of several alerts is a child of its first alert's route span linked to the others', with its context in the
 * request headers.
 */
class NotifierTracesTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final OpenTelemetry telemetry = OpenTelemetrySdk.builder().setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final NotifierTraces traces = new NotifierTraces(telemetry);
    private final KafkaTraceContext records = new KafkaTraceContext(W3CTraceContextPropagator.getInstance());
    private final TaskForce hook = new TaskForce("HOOK", "Hook", Set.of(Handling.H1), List.of(), Optional.empty(),
            Optional.empty());

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aRoutedVersionContinuesTheCorrelatorsTraceAndItsPushesAreChildren() {
        Span correlate = provider.get("correlator").spanBuilder("correlate").startSpan();
        try (Scope route = traces.intake(alert("a1"), true, headersOf(correlate))) {
            traces.pushed("a1", 1, "HOOK");
        }
        SpanData route = named("route alert");
        assertThat(route.getParentSpanId()).isEqualTo(correlate.getSpanContext().getSpanId());
        assertThat(route.getTraceId()).isEqualTo(correlate.getSpanContext().getTraceId());
        assertThat(route.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(named("websocket push").getParentSpanId()).isEqualTo(route.getSpanId());
    }

    @Test
    void aPageOfSeveralAlertsIsAChildOfTheFirstsRouteLinkedToTheOthersAndCarriesItsContext() {
        Alert first = alert("p1");
        Alert second = alert("p2");
        Alert unseen = alert("p3"); // decided by an earlier run: no route span here
        traces.intake(first, true, headersOf(provider.get("c").spanBuilder("c1").startSpan())).close();
        traces.intake(second, true, headersOf(provider.get("c").spanBuilder("c2").startSpan())).close();

        PageSpan page = traces.page(new Notification("n1", hook, "/", Map.of(), List.of(unseen, first, second), 1,
                false, Set.of()), "webhook");
        Map<String, String> request = new HashMap<>();
        page.inject(request::put);
        page.failedTry(1, "HTTP 503");
        page.delivered(2);

        SpanData span = named("page webhook");
        assertThat(span.getParentSpanId()).isEqualTo(routeOf("p1").getSpanId());
        assertThat(span.getLinks()).extracting(link -> link.getSpanContext().getSpanId())
                .containsExactly(routeOf("p2").getSpanId());
        assertThat(span.getEvents()).extracting(event -> event.getName()).containsExactly("try failed");
        assertThat(request.get("traceparent")).isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
    }

    @Test
    void aShownVersionIsNotRememberedForPagesAndAnUntracedOneStartsATrace() {
        traces.intake(alert("s1"), false, new RecordHeaders()).close();
        PageSpan page = traces.page(new Notification("n2", hook, "/", Map.of(), List.of(alert("s1")), 1, false,
                Set.of()), "email");
        page.failed(3, "mail server down");
        assertThat(named("show alert").getParentSpanContext().isValid()).isFalse();
        assertThat(named("page email").getParentSpanContext().isValid()).as("no route span of this instance").isFalse();
    }

    @Test
    void withTracingOffNothingIsBuiltOrWritten() {
        NotifierTraces off = new NotifierTraces(OpenTelemetry.noop());
        off.intake(alert("o1"), true, new RecordHeaders()).close();
        PageSpan page = off.page(new Notification("n3", hook, "/", Map.of(), List.of(alert("o1")), 1, false,
                Set.of()), "webhook");
        Map<String, String> request = new HashMap<>();
        page.inject(request::put);
        assertThat(page).isSameAs(PageSpan.NONE);
        assertThat(request).isEmpty();
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    private RecordHeaders headersOf(Span span) {
        RecordHeaders headers = new RecordHeaders();
        records.inject(Context.root().with(span), headers);
        return headers;
    }

    private SpanData named(String name) {
        return exported.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported.getFinishedSpanItems()));
    }

    private SpanData routeOf(String alertId) {
        return exported.getFinishedSpanItems().stream().filter(span -> span.getName().equals("route alert")
                && alertId.equals(span.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("waspada.alert.id")).map(e -> e.getValue().toString())
                        .findFirst().orElse(null))).findFirst().orElseThrow();
    }

    private static Alert alert(String id) {
        return Fixtures.alert(id, Fixtures.sighting("e-" + id, Fixtures.passport("P-" + id)));
    }
}
