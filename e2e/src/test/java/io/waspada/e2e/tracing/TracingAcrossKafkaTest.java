package io.waspada.e2e.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.waspada.e2e.faults.HookRouting;
import io.waspada.e2e.faults.WebhookReceiver;
import io.waspada.e2e.platform.AgencyKeys;
import io.waspada.e2e.platform.AlertSockets;
import io.waspada.e2e.platform.ConsumerLag;
import io.waspada.e2e.platform.Officers;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import io.waspada.e2e.tracing.OtlpReceiver.ReceivedSpan;
import io.waspada.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One trace from an agency's POST to the task force's webhook and WebSocket, across two Kafka hops, on the packaged
 * services with tracing switched on by configuration and a real OTLP receiver as the trace backend: the ingest span
 * continues the agency's {@code traceparent}, the correlator's span is its child through the event topic and the
 * repartition topic, the notifier's route span the correlator's child through the alerts topic, and the WebSocket
 * push and the webhook page (whose request carries the page span's {@code traceparent}) the route span's children.
 * The same run has JSON logs switched on: every line each service writes is one JSON object.
 */
@Timeout(600)
class TracingAcrossKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void oneTraceRunsFromTheAgencysPostThroughKafkaToThePageAndTheWebSocket() throws Exception {
        Path keysDir = Files.createTempDirectory("tracing-keys");
        try (OtlpReceiver traces = new OtlpReceiver(); WebhookReceiver hook = new WebhookReceiver()) {
            hook.accept();
            AgencyKeys keys = AgencyKeys.create(keysDir);
            Map<String, String> env = new HashMap<>(keys.serviceEnv());
            env.put("WASPADA_ROUTING_CONFIG", HookRouting.webhookOnly(hook).toString());
            env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint());
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
            env.put("WASPADA_LOG_JSON", "true");
            try (Platform platform = Platform.start(env);
                    AlertSockets sockets = AlertSockets.connect(platform.url("notifier-service"),
                            Map.of("HOOK", Officers.of(platform).token("HOOK")), DEADLINE);
                    ConsumerLag lag = new ConsumerLag(platform.connection())) {
                String passport = "T" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                String first = traceId();
                post(platform, keys, "ID_IMIGRASI", passport, "ENTIKONG", 0.9856, 110.3544, "ID", "KALIMANTAN_BARAT",
                        now.minus(Duration.ofHours(5)), first);
                // The first event correlated (no alert on its own) before the second is posted: the second raises the
                // alert, and its trace is the one that goes on.
                Awaitility.await("the first event correlated").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                        .until(() -> lag.of("waspada-correlation",
                                List.of(Topics.SIGHTINGS.name(), Topics.INTERCEPTIONS.name())) == 0);
                String agencySpan = HEX.formatHex(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
                String second = traceId();
                post(platform, keys, "IMMIGRATION", passport, "TEBEDU", 1.0043, 110.3670, "MY", "SARAWAK",
                        now.minus(Duration.ofHours(3)), second);

                Awaitility.await("the page and the push of the alert").atMost(DEADLINE)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> !hook.accepted().isEmpty() && !sockets.arrivals().isEmpty());
                Awaitility.await("the spans of every step").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                        .until(() -> span(traces.trace(second), "page webhook").isPresent()
                                && span(traces.trace(second), "websocket push").isPresent());
                List<ReceivedSpan> trace = traces.trace(second);
                trace.forEach(span -> System.out.printf("[tracing] %-16s %-34s %s <- %s%n", span.service(),
                        span.name(), span.spanId(), span.parentSpanId()));

                ReceivedSpan ingest = trace.stream().filter(span -> span.service().equals("alert-producer")
                        && span.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
                assertThat(ingest.parentSpanId()).as("the agency's span").isEqualTo(agencySpan);
                ReceivedSpan correlate = span(trace, "correlate CROSS_BORDER_MOVEMENT").orElseThrow();
                assertThat(correlate.service()).isEqualTo("stream-processor");
                assertThat(correlate.parentSpanId()).as("across the event topic").isEqualTo(ingest.spanId());
                String alertId = correlate.attributes().get("waspada.alert.id");
                ReceivedSpan route = span(trace, "route alert").orElseThrow();
                assertThat(route.service()).isEqualTo("notifier-service");
                assertThat(route.parentSpanId()).as("across the alerts topic").isEqualTo(correlate.spanId());
                assertThat(route.attributes()).containsEntry("waspada.alert.id", alertId);
                ReceivedSpan push = span(trace, "websocket push").orElseThrow();
                assertThat(push.parentSpanId()).isEqualTo(route.spanId());
                assertThat(push.attributes()).containsEntry("waspada.task_force", "HOOK");
                ReceivedSpan page = span(trace, "page webhook").orElseThrow();
                assertThat(page.parentSpanId()).isEqualTo(route.spanId());
                assertThat(hook.traceparents()).as("the receiver can join the trace")
                        .contains("00-" + second + "-" + page.spanId() + "-01");
                assertThat(hook.accepted()).contains(alertId);

                // The first event's trace ends at the correlator: it raised nothing.
                assertThat(traces.trace(first)).extracting(ReceivedSpan::service).containsOnly("alert-producer");
                // No span, from any service, carries an identifier.
                assertThat(traces.all()).allSatisfy(span -> assertThat(span.attributes().values())
                        .noneMatch(value -> value.contains(passport)));
                assertThat(traces.problems()).isEmpty();

                for (PlatformProcess process : platform.processes()) {
                    if (Platform.SERVICES.contains(process.name())) {
                        assertJsonLines(process.log());
                    }
                }
            }
        }
    }

    private static Optional<ReceivedSpan> span(List<ReceivedSpan> trace, String name) {
        return trace.stream().filter(span -> span.name().equals(name)).findFirst();
    }

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static void post(Platform platform, AgencyKeys keys, String agency, String passport, String site,
            double lat, double lon, String country, String region, Instant observedAt, String traceId)
            throws Exception {
        String body = """
                {"eventId": "%s", "agency": "%s", "observedAt": "%s",
                 "location": {"lat": %s, "lon": %s, "country": "%s", "region": "%s", "site": "%s"},
                 "subjects": [{"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID", "ageBand": "ADULT",
                   "identifiers": [{"scheme": "PASSPORT", "value": "%s", "issuer": "ID"}]}],
                 "handling": "H1", "sourceReliability": "B", "informationAccuracy": 2}
                """.formatted(UUID.randomUUID(), agency, observedAt, lat, lon, country, region, site, passport);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.url("alert-producer") + "/api/v1/sightings"))
                .header("Authorization", "Bearer " + keys.key(agency))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-0102030405060708-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    /** Every line of the log is one JSON object with a level and a message. */
    private static void assertJsonLines(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(log.toString()).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.isObject()).as(log + ": " + line).isTrue();
            assertThat(entry.has("level") && entry.has("message")).as(log + ": " + line).isTrue();
        }
    }
}
