package io.waspada.kafka.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;

/**
 * One node of a multi-node local cluster as its own process ({@code StandaloneKafka --node N}), so a fault test can
 * kill one broker with SIGKILL while the others serve. Node 1 also does what the single-process cluster does once it is
 * up: waits until every broker has registered, then creates the topics and the principals (idempotent, so a restarted
 * node 1 does it again harmlessly) and prints {@code Kafka ready}; the others print {@code Kafka node N ready}.
 */
final class NodeProcess {

    private static final Duration ALL_BROKERS = Duration.ofSeconds(120);

    private NodeProcess() {
    }

    static void run(Path dataDir, int[] ports, int[] controllerPorts, int node) throws InterruptedException {
        long start = System.nanoTime();
        LocalKafkaCluster cluster;
        try {
            cluster = LocalKafkaCluster.startPersistentNode(dataDir, ports, controllerPorts, node);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("Kafka node " + node + " not started: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Kafka node " + node + " stopping");
            cluster.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        if (node == 1) {
            try {
                awaitBrokers(cluster, ports.length);
                SharedKafka.createTopics(cluster.connection());
                Map<String, String> passwords = new LinkedHashMap<>();
                for (String name : SharedKafka.principalNames()) {
                    passwords.put(name, Secrets.readOrCreate(dataDir.resolve("principals").resolve(name + ".password")));
                }
                SharedKafka.createPrincipals(cluster.connection(), passwords);
                System.out.printf("Kafka ready: node 1 of %d, topics and principals %s in %d ms%n", ports.length,
                        passwords.keySet(), (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                // Said at once, and the process ends (its shutdown hook stops the node): no one waits for "ready".
                System.err.println("Kafka node 1 could not set the cluster up: " + e);
                System.exit(1);
            }
        } else {
            System.out.printf("Kafka node %d ready in %d ms%n", node, (System.nanoTime() - start) / 1_000_000);
        }
        stopped.await();
    }

    /** Topics are created with the full replication factor: every broker must have registered first. */
    private static void awaitBrokers(LocalKafkaCluster cluster, int brokers) throws InterruptedException {
        long deadline = System.nanoTime() + ALL_BROKERS.toNanos();
        try (Admin admin = Admin.create(cluster.connection().clientConfig())) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get().size() >= brokers) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // not answering yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only some of " + brokers + " brokers registered within "
                            + ALL_BROKERS);
                }
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }
}
