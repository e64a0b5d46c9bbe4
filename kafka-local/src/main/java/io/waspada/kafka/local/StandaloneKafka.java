package io.waspada.kafka.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./waspada kafka}: a real single-node Kafka (KRaft) as its own process on 127.0.0.1, data under a
 * directory that survives restarts, the platform's topics created. Stops cleanly on SIGINT/SIGTERM.
 * Arguments: {@code [--data-dir DIR] [--port 9092] [--controller-port 9093]}.
 */
public final class StandaloneKafka {

    private StandaloneKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(option(args, "--data-dir", ".waspada/kafka"));
        int port = Integer.parseInt(option(args, "--port", "9092"));
        int controllerPort = Integer.parseInt(option(args, "--controller-port", "9093"));

        long start = System.nanoTime();
        LocalKafkaCluster cluster = LocalKafkaCluster.startPersistent(dataDir, port, controllerPort);
        SharedKafka.createTopics(cluster.connection());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Kafka stopping (data kept in " + dataDir.toAbsolutePath() + ")");
            cluster.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        System.out.printf("Kafka ready on %s in %d ms (data: %s)%n", cluster.bootstrapServers(),
                (System.nanoTime() - start) / 1_000_000, dataDir.toAbsolutePath());
        stopped.await();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
