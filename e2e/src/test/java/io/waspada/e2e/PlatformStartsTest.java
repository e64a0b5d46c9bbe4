package io.waspada.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.e2e.monitoring.DashboardQueries;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged platform starts as production runs it (four processes), every service is healthy and scraped, and
 * the Grafana dashboard's queries name only metrics the services export.
 */
@Timeout(300)
class PlatformStartsTest {

    @Test
    void kafkaAndTheThreeServicesStartAsSeparateProcessesAndReportHealthAndMetrics() throws Exception {
        long start = System.nanoTime();
        try (Platform platform = Platform.start(Map.of())) {
            System.out.printf("Platform (Kafka + 3 services) ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(platform.processes()).extracting(PlatformProcess::name)
                    .containsExactly("kafka", "alert-producer", "stream-processor", "notifier-service");
            HttpClient http = HttpClient.newHttpClient();
            Set<String> exported = new TreeSet<>();
            for (String service : Platform.SERVICES) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create(platform.url(service) + "/q/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(service).isEqualTo(200);
                assertThat(health.body()).as(service).contains("\"status\": \"UP\"").contains("Kafka");
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                        URI.create(platform.url(service) + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).as(service).contains("jvm_memory_used_bytes");
                exported.addAll(DashboardQueries.exported(metrics.body()));
            }
            // Grafana's dashboard (docker-compose) must only query what the services export, from the start.
            for (String expression : DashboardQueries.expressions(DashboardQueries.SHIPPED)) {
                Set<String> names = new TreeSet<>(DashboardQueries.metricNames(expression));
                names.removeAll(DashboardQueries.SYNTHETIC);
                assertThat(exported).as("metrics of dashboard query %s", expression).containsAll(names);
            }
        }
    }
}
