package io.waspada.correlation.bench;

import io.waspada.kafka.KafkaConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * The platform's standalone Kafka broker ({@code StandaloneKafka}, as {@code ./waspada kafka} runs it) in its own
 * JVM, so the benchmark's heap and CPU figures are the stream processor's alone. Stopped on close.
 */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final KafkaConnection kafka;
    private final Path data;

    private BrokerProcess(Process process, KafkaConnection kafka, Path data) {
        this.process = process;
        this.kafka = kafka;
        this.data = data;
    }

    static BrokerProcess start() throws IOException, InterruptedException {
        return start(1);
    }

    /** {@code brokers} Kafka nodes in one JVM (3: replication factor 3, min ISR 2), as {@code --brokers 3} runs them. */
    static BrokerProcess start(int brokers) throws IOException, InterruptedException {
        List<String> ports = new java.util.ArrayList<>();
        List<String> controllerPorts = new java.util.ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            ports.add(Integer.toString(freePort()));
            controllerPorts.add(Integer.toString(freePort()));
        }
        Path data = Files.createTempDirectory("waspada-bench-kafka-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, brokers == 1 ? "-Xmx1g" : "-Xmx1536m",
                "-Dlog4j2.configurationFile=waspada-kafka-log4j2.xml",
                "-cp", System.getProperty("java.class.path"), "io.waspada.kafka.local.StandaloneKafka",
                "--data-dir", data.toString(), "--port", String.join(",", ports),
                "--controller-port", String.join(",", controllerPorts)))
                .redirectErrorStream(true).start();
        String bootstrap = String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("Kafka ready")) {
                Thread drain = new Thread(() -> discard(out), "broker-output");
                drain.setDaemon(true);
                drain.start();
                // The benchmark's clients connect as the broker's admin.
                String admin = Files.readString(data.resolve("admin.password")).strip();
                return new BrokerProcess(process, KafkaConnection.scram(bootstrap, "SASL_PLAINTEXT", "admin", admin),
                        data);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroy();
        throw new IllegalStateException("The benchmark broker did not start");
    }

    /** The broker JVM's CPU time so far (zero when the platform does not report it). */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void discard(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the broker logs to its own file; its stdout only needs draining
            }
        } catch (IOException e) {
            // the broker stopped
        }
    }

    KafkaConnection connection() {
        return kafka;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
