package io.waspada.kafka.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./waspada kafka}: a real Kafka (KRaft; one node, or one per port listed) as its own process on 127.0.0.1, data under a
 * directory that survives restarts, the platform's topics created, and its principals with their ACLs: the admin's
 * password in {@code DIR/admin.password}, each principal's in {@code DIR/principals/NAME.password} (made on the first
 * start, owner-only). Stops cleanly on SIGINT/SIGTERM.
 * Arguments: {@code [--data-dir DIR] [--port 9092] [--controller-port 9093]}; comma-separated port lists start that
 * many nodes (e.g. {@code --port 9092,9094,9096 --controller-port 9093,9095,9097}: a 3-broker cluster, as the fault
 * tests use it). The fault suite runs each node of such a cluster as its own process, so one can be killed with
 * SIGKILL: {@code --format} formats every node's directory once, then {@code --node N} (same port lists) runs node N
 * alone (see {@link NodeProcess}).
 */
public final class StandaloneKafka {

    private StandaloneKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(option(args, "--data-dir", ".waspada/kafka"));
        int[] ports = ports(option(args, "--port", "9092"));
        int[] controllerPorts = ports(option(args, "--controller-port", "9093"));
        if (java.util.Arrays.asList(args).contains("--format")) {
            LocalKafkaCluster.formatPersistent(dataDir, ports, controllerPorts);
            System.out.println("Kafka formatted: " + ports.length + " nodes under " + dataDir.toAbsolutePath());
            return;
        }
        String node = option(args, "--node", null);
        if (node != null) {
            NodeProcess.run(dataDir, ports, controllerPorts, Integer.parseInt(node));
            return;
        }

        long start = System.nanoTime();
        LocalKafkaCluster cluster;
        try {
            cluster = LocalKafkaCluster.startPersistent(dataDir, ports, controllerPorts);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // One line the launcher shows, not a stack trace (e.g. a data directory from before authentication).
            System.err.println("Kafka not started: " + e.getMessage());
            System.exit(1);
            return;
        }
        SharedKafka.createTopics(cluster.connection());
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String name : SharedKafka.principalNames()) {
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
        if (ports.length > 1) {
            followCommands(cluster);
        }
        stopped.await();
    }

    /**
     * Fault tests drive a cluster through its standard input: {@code stop-node N} stops node N (1-based), the others
     * keep serving; {@code start-node N} starts it again on its data. Nothing else is read; end of input ends this.
     */
    private static void followCommands(LocalKafkaCluster cluster) {
        Thread commands = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] words = line.trim().split("\\s+");
                    if (words.length == 2 && words[0].equals("stop-node")) {
                        int node = Integer.parseInt(words[1]);
                        cluster.stopNode(node - 1);
                        System.out.println("Kafka node " + node + " stopped");
                    } else if (words.length == 2 && words[0].equals("start-node")) {
                        int node = Integer.parseInt(words[1]);
                        cluster.startNode(node - 1);
                        System.out.println("Kafka node " + node + " started");
                    } else if (!line.isBlank()) {
                        System.out.println("Unknown command: " + line);
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                System.out.println("Commands no longer read: " + e);
            }
        }, "kafka-commands");
        commands.setDaemon(true);
        commands.start();
    }

    private static int[] ports(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
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
