package io.waspada.ingest.support;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waspada.kafka.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Kafka of its own for a test that takes the broker away and brings it back: the platform's standalone broker
 * ({@code StandaloneKafka}, as {@code ./waspada kafka} runs it, with the platform's topics, principals and ACLs) in its
 * own JVM on 127.0.0.1, temporary data, free ports. The service connects as {@code alert-producer}.
 * {@link #takeDown()} stops the process (its port then refuses connections: Kafka is unreachable), {@link #bringBack()}
 * starts it again on the same ports and data, so what was acknowledged before is still there.
 * <p>
 * Its own process, not the JVM's shared in-process broker: stopping that would pull it from under every other test,
 * and a second in-process broker started by another Quarkus application's class loader fails its logins (Kafka's SASL
 * providers are registered JVM-wide by the first loader). It also keeps the broker's threads and heap out of the
 * figures the test reads from this JVM. Its output goes to {@code target/restartable-kafka.log}.
 */
public class RestartableKafka implements QuarkusTestResourceLifecycleManager {

    private static final String PRINCIPAL = "alert-producer";
    private static final String READY = "Kafka ready";
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Path LOG = Path.of("target", "restartable-kafka.log");

    private static Path data;
    private static int port;
    private static int controllerPort;
    private static Process broker;
    private static int starts;

    @Override
    public synchronized Map<String, String> start() {
        try {
            data = Files.createTempDirectory("waspada-restartable-kafka-");
            try (ServerSocket one = freePort(); ServerSocket two = freePort()) {
                port = one.getLocalPort();
                controllerPort = two.getLocalPort();
            }
            Files.deleteIfExists(LOG);
            starts = 0;
            bringBack();
            String password = Files.readString(data.resolve("principals").resolve(PRINCIPAL + ".password")).strip();
            // The service's kafka.* settings, as KafkaTestResource makes them for the shared broker.
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", bootstrapServers());
            config.put("kafka.security.protocol", "SASL_PLAINTEXT");
            config.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
            config.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"" + PRINCIPAL + "\" password=\"" + password + "\";");
            config.put("quarkus.kafka.devservices.enabled", "false");
            config.put("quarkus.devservices.enabled", "false");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker (SIGTERM: a clean stop); returns once its process has ended. */
    public static synchronized void takeDown() {
        broker.destroy();
        try {
            if (!broker.waitFor(60, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
                throw new IllegalStateException("the broker did not stop within 60 s of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the broker (again) on its ports and data; returns once it serves. */
    public static synchronized void bringBack() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            // The test class path carries JBoss' log manager, which wants to own JUL from the start, as in this JVM.
            broker = new ProcessBuilder(List.of(java, "-Xmx512m", "-Dlog4j2.configurationFile=waspada-kafka-log4j2.xml",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classpath, "io.waspada.kafka.local.StandaloneKafka", "--data-dir", data.toString(),
                    "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int readyLines = starts + 1;
        await("the broker ready (" + LOG + ")").atMost(START_DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> readyLines(LOG) >= readyLines || !broker.isAlive());
        if (readyLines(LOG) < readyLines) {
            throw new IllegalStateException("the broker ended before it was ready; see " + LOG.toAbsolutePath());
        }
        starts = readyLines;
    }

    /** How the test's own clients connect: as the broker's admin. */
    public static synchronized KafkaConnection admin() {
        try {
            String password = Files.readString(data.resolve("admin.password")).strip();
            return KafkaConnection.scram(bootstrapServers(), "SASL_PLAINTEXT", "admin", password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerSocket freePort() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private static long readyLines(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.startsWith(READY)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        if (broker != null && broker.isAlive()) {
            takeDown();
        }
        if (data == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
