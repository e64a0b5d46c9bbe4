package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.waspada.avro.Alert;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.testing.CorrelationDriver;
import io.waspada.topics.Topics;
import io.waspada.tracing.KafkaTraceContext;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The correlator's part of a trace, on the production topology: an alert version is a span whose parent is the span
 * the completing event carried (through the re-key and the repartition topic), and its record carries that span on.
 */
class AlertTracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final KafkaTraceContext context = new KafkaTraceContext(W3CTraceContextPropagator.getInstance());
    private final CorrelationDriver driver = new CorrelationDriver(RuleSettings.defaults(), false,
            new AlertTraces(provider.get("test"), context, Topics.ALERTS.name()));

    @AfterEach
    void close() {
        driver.close();
        provider.close();
    }

    @Test
    void theAlertVersionContinuesTheTraceOfTheEventThatRaisedIt() {
        Span firstPost = provider.get("ingest").spanBuilder("POST first").startSpan();
        Span secondPost = provider.get("ingest").spanBuilder("POST second").startSpan();
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P1"))), traced(firstPost));
        driver.send(sighting("e2", "IMMIGRATION", hours(6), TEBEDU, minorVictim(passport("P1"))), traced(secondPost));

        List<TestRecord<String, Alert>> alerts = driver.alertRecords();
        assertThat(alerts).hasSize(1);
        SpanContext carried = Span.fromContext(context.extract(alerts.get(0).headers())).getSpanContext();
        assertThat(carried.getTraceId()).isEqualTo(secondPost.getSpanContext().getTraceId());

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans).hasSize(1);
        SpanData correlate = spans.get(0);
        assertThat(correlate.getName()).isEqualTo("correlate CROSS_BORDER_MOVEMENT");
        assertThat(correlate.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(correlate.getParentSpanId()).isEqualTo(secondPost.getSpanContext().getSpanId());
        assertThat(correlate.getSpanId()).as("the alert record carries the correlate span")
                .isEqualTo(carried.getSpanId());
        assertThat(correlate.getAttributes().asMap().keySet()).extracting(Object::toString).containsExactlyInAnyOrder(
                "messaging.system", "messaging.operation.type", "messaging.destination.name", "waspada.alert.id",
                "waspada.alert.version", "waspada.alert.rule", "waspada.alert.severity");
        assertThat(correlate.getAttributes().asMap().values()).extracting(Object::toString)
                .as("no identifier token in a span").noneMatch(value -> value.contains("P1"));
    }

    @Test
    void anEventWithoutATraceRaisesAnAlertThatStartsOne() {
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P2"))));
        driver.send(sighting("e2", "IMMIGRATION", hours(6), TEBEDU, minorVictim(passport("P2"))));

        List<TestRecord<String, Alert>> alerts = driver.alertRecords();
        assertThat(alerts).hasSize(1);
        SpanContext carried = Span.fromContext(context.extract(alerts.get(0).headers())).getSpanContext();
        assertThat(carried.isValid()).isTrue();
        assertThat(exported.getFinishedSpanItems()).singleElement()
                .satisfies(span -> assertThat(span.getParentSpanContext().isValid()).isFalse());
    }

    @Test
    void withTracingOffAlertsCarryNoHeaders() {
        try (CorrelationDriver untraced = new CorrelationDriver()) {
            untraced.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P3"))),
                    traced(provider.get("ingest").spanBuilder("POST").startSpan()));
            untraced.send(sighting("e2", "IMMIGRATION", hours(6), TEBEDU, minorVictim(passport("P3"))));
            assertThat(untraced.alertRecords()).singleElement()
                    .satisfies(alert -> assertThat(alert.headers().toArray()).isEmpty());
        }
    }

    private RecordHeaders traced(Span post) {
        RecordHeaders headers = new RecordHeaders();
        context.inject(Context.root().with(post), headers);
        return headers;
    }
}
