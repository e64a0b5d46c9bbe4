package io.waspada.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The packaged platform starts as production runs it (four processes) and every service is healthy and scraped. */
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
            for (String service : Platform.SERVICES) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create(platform.url(service) + "/q/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(service).isEqualTo(200);
                assertThat(health.body()).as(service).contains("\"status\": \"UP\"").contains("Kafka");
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                        URI.create(platform.url(service) + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).as(service).contains("jvm_memory_used_bytes");
            }
        }
    }
}
