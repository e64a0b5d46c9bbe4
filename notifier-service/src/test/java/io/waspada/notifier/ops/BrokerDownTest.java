package io.waspada.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.kafka.KafkaConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With no broker to answer, a sample is empty and says why; it never throws and never hangs past its deadlines. */
class BrokerDownTest {

    @Test
    @Timeout(60)
    void aSampleWithoutABrokerIsEmptyAndListsTheProblems() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> problems = new CopyOnWriteArrayList<>();
        try (Admin admin = Admin.create(KafkaConnection.plaintext("127.0.0.1:" + port).with(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500)))) {
            ClusterSampler.Figures figures = new ClusterSampler(List.of("tip.alerts.v1", "tip.dlq.v1"))
                    .sample(new BrokerQueries(admin, Duration.ofSeconds(2), problems::add), Instant.now());
            assertThat(figures.topics()).isEmpty();
            assertThat(figures.groups()).isEmpty();
        }
        assertThat(problems).anyMatch(p -> p.startsWith("describe tip.alerts.v1"))
                .anyMatch(p -> p.startsWith("list groups"))
                .anyMatch(p -> p.startsWith("describe cluster"));
    }
}
