package io.waspada.notifier.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.it.FeedClient;
import io.waspada.notifier.it.NotifierTestResource;
import io.waspada.notifier.it.TestAlerts;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark, not a test (surefire's default includes skip {@code *Benchmark}): alert-to-WebSocket latency and
 * deliveries per second through the real notifier and the real broker. Produces {@code bench.alerts} new alerts to
 * {@code tip.alerts.v1} while {@code bench.connections} officers of one task force are connected, and prints
 * p50/p99/max of (WebSocket arrival - just before the produce call) and deliveries/s. Asserts nothing about time.
 * <pre>
 * ./mvnw -B -o verify -pl notifier-service -am -Dtest=AlertToWebSocketBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.alerts=5000 -Dbench.connections=4 [-Dbench.rate=200]
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(600)
class AlertToWebSocketBenchmark {

    @TestHTTPResource("/")
    URI base;

    @Test
    void measure() throws Exception {
        int alerts = Integer.getInteger("bench.alerts", 5000);
        int connections = Integer.getInteger("bench.connections", 4);
        // Alerts per second to produce; 0 = as fast as the producer goes (saturation), > 0 = paced (latency).
        int rate = Integer.getInteger("bench.rate", 0);
        String run = TestAlerts.uniqueId("bench");
        List<FeedClient> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            FeedClient client = FeedClient.connect(base, "access_token=" + TestAlerts.token("bench." + i, "NORTH", "officer"));
            clients.add(client);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(FeedClient::backlogComplete));
        int backlog = clients.get(0).messages().size();

        List<Alert> batch = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            batch.add(TestAlerts.alert(run + "-" + i, 1, "KEDAH", Severity.HIGH, run + "-tok-" + i, Handling.H1));
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long start;
        try (KafkaProducer<String, Alert> producer = TopicClients.producer(SharedKafka.connection(), Topics.ALERTS)) {
            producer.partitionsFor(Topics.ALERTS.name());
            start = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                Alert alert = batch.get(i);
                if (rate > 0) {
                    LockSupport.parkNanos(start + i * 1_000_000_000L / rate - System.nanoTime());
                }
                sentAt.put(alert.getAlertId(), System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getAlertId(), alert));
            }
        }
        long produced = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> clients.stream().allMatch(c -> c.messages().size() >= backlog + alerts));
        long end = clients.stream().mapToLong(c -> c.arrivals().get(c.arrivals().size() - 1)).max().orElseThrow();

        long[] latencies = clients.stream().flatMapToLong(c -> {
            List<JsonNode> messages = c.messages();
            List<Long> arrivals = c.arrivals();
            long[] values = new long[messages.size()];
            int n = 0;
            for (int i = 0; i < messages.size(); i++) {
                Long sent = sentAt.get(messages.get(i).path("alert").path("alertId").asText());
                if (sent != null) {
                    values[n++] = arrivals.get(i) - sent;
                }
            }
            return Arrays.stream(values, 0, n);
        }).sorted().toArray();
        double seconds = (end - start) / 1e9;
        System.out.printf("%n=== alert-to-WebSocket benchmark: %d alerts x %d connections, %s ===%n", alerts, connections,
                rate > 0 ? "paced at " + rate + " alerts/s" : "unpaced");
        System.out.printf("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d deliveries)%n",
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
                latencies.length);
        long firstArrival = clients.stream().mapToLong(c -> c.arrivals().get(backlog)).min().orElseThrow();
        System.out.printf("produce loop %.0f ms, first WebSocket arrival after %.0f ms%n", (produced - start) / 1e6,
                (firstArrival - start) / 1e6);
        System.out.printf("throughput %.0f alerts/s in, %.0f WebSocket deliveries/s out (%.2f s)%n%n",
                alerts / seconds, latencies.length / seconds, seconds);
        clients.forEach(FeedClient::close);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
