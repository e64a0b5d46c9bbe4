package io.waspada.kafka.local;

import io.waspada.kafka.KafkaAccess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./waspada kafka}: a real single-node Kafka (KRaft) as its own process on 127.0.0.1, data under a
 * directory that survives restarts, the platform's topics created, and its principals with their ACLs: the admin's
 * password in {@code DIR/admin.password}, each principal's in {@code DIR/principals/NAME.password} (made on the first
 * start, owner-only). Stops cleanly on SIGINT/SIGTERM.
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
        LocalKafkaCluster cluster;
        try {
            cluster = LocalKafkaCluster.startPersistent(dataDir, port, controllerPort);
        } catch (IllegalStateException e) {
            // One line the launcher shows, not a stack trace (e.g. a data directory from before authentication).
            System.err.println("Kafka not started: " + e.getMessage());
            System.exit(1);
            return;
        }
        SharedKafka.createTopics(cluster.connection());
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String name : KafkaAccess.shipped().names()) {
            passwords.put(name, Secrets.readOrCreate(dataDir.resolve("principals").resolve(name + ".password")));
        }
        SharedKafka.createPrincipals(cluster.connection(), passwords);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Kafka stopping (data kept in " + dataDir.toAbsolutePath() + ")");
            cluster.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        System.out.printf("Kafka ready on %s (SASL/SCRAM-SHA-512; principals %s) in %d ms (data: %s)%n",
                cluster.bootstrapServers(), passwords.keySet(), (System.nanoTime() - start) / 1_000_000,
                dataDir.toAbsolutePath());
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
