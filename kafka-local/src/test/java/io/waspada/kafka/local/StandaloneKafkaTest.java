package io.waspada.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.avro.Sighting;
import io.waspada.kafka.KafkaAccess;
import io.waspada.kafka.KafkaConnection;
import io.waspada.testing.Fixtures;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local platform's broker as its own process: starts, creates the topics, stops on SIGTERM, keeps its data. */
@Timeout(180)
class StandaloneKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    void startsWithTheTopicsStopsCleanlyAndKeepsItsDataAcrossARestart() throws Exception {
        int[] ports = LocalKafkaCluster.freePorts(2);
        Sighting sighting = Fixtures.sighting("kept-across-restart", Fixtures.passport("tok-kept"));

        Process first = start(ports);
        // Secured from the first start: the admin's password and each principal's, owner-only, beside the data.
        KafkaConnection kafka = KafkaConnection.scram("127.0.0.1:" + ports[0], "SASL_PLAINTEXT", "admin",
                Files.readString(dataDir.resolve(LocalKafkaCluster.ADMIN_PASSWORD)).strip());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.resolve(LocalKafkaCluster.ADMIN_PASSWORD)))).isEqualTo("rw-------");
        for (String principal : KafkaAccess.shipped().names()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dataDir.resolve("principals/" + principal + ".password")))).as(principal).isEqualTo("rw-------");
        }
        assertThatThrownBy(() -> listTopics(KafkaConnection.plaintext("127.0.0.1:" + ports[0])))
                .as("no credentials, no answer").isInstanceOf(java.util.concurrent.ExecutionException.class);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(Topics.ALL.stream().map(Topic::name).toList());
        }
        try (KafkaProducer<String, Sighting> producer = TopicClients.producer(kafka, Topics.SIGHTINGS)) {
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS.name(), sighting.getEventId(), sighting)).get(30, TimeUnit.SECONDS);
        }
        stop(first);

        Process second = start(ports);
        try {
            List<ConsumerRecord<String, Sighting>> read = TopicClients.read(kafka, Topics.SIGHTINGS, 1, Duration.ofSeconds(60));
            assertThat(read).extracting(ConsumerRecord::value).containsExactly(sighting);
        } finally {
            stop(second);
        }
    }

    @Test
    void aDataDirectoryFromBeforeAuthenticationIsRefusedWithWhatToDo() throws Exception {
        Files.writeString(dataDir.resolve("cluster.id"), "an-old-unsecured-cluster");
        assertThatThrownBy(() -> LocalKafkaCluster.startPersistent(dataDir, 1, 2))
                .hasMessageContaining("formatted before Kafka required authentication")
                .hasMessageContaining("./waspada local --reset");
    }

    private static java.util.Set<String> listTopics(KafkaConnection kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.with(java.util.Map.of("default.api.timeout.ms", 3000,
                "request.timeout.ms", 2000)))) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        }
    }

    private Process start(int[] ports) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, StandaloneKafka.class.getName(),
                "--data-dir", dataDir.toString(), "--port", Integer.toString(ports[0]),
                "--controller-port", Integer.toString(ports[1]))
                .redirectErrorStream(true)
                .start();
        long begin = System.nanoTime();
        String ready = awaitLine(process, "Kafka ready", Duration.ofSeconds(90));
        System.out.printf("Standalone broker process ready in %d ms: %s%n", (System.nanoTime() - begin) / 1_000_000, ready);
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }

    private static String awaitLine(Process process, String marker, Duration deadline) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.contains(marker)) {
                        // Keep draining so the process never blocks on a full pipe.
                        CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));
                        return line;
                    }
                }
                throw new IllegalStateException("Process ended before printing '" + marker + "'");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return found.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("No '" + marker + "' within " + deadline + ": " + e.getMessage(), e);
        }
    }
}
