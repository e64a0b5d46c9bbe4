package io.waspada.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.waspada.kafka.KafkaConnection;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka cluster of N combined KRaft nodes in this JVM, on 127.0.0.1 only. Used in-process
 * by tests (temporary data, random ports) and by the standalone broker of the local platform
 * (persistent data, fixed ports). With 3 nodes: replication factor 3 and {@code min.insync.replicas=2}.
 */
public final class LocalKafkaCluster implements KafkaRuntime {

    private final List<KRaftNode> nodes;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final String adminPassword;

    private LocalKafkaCluster(List<KRaftNode> nodes, Path dataDir, boolean deleteOnClose, String adminPassword) {
        this.nodes = nodes;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.adminPassword = adminPassword;
    }

    /** A throw-away cluster for tests: temporary directory, free ports, deleted on close. */
    public static LocalKafkaCluster startTemporary(int brokers) {
        try {
            Path dir = Files.createTempDirectory("waspada-kafka-");
            int[] ports = freePorts(2 * brokers);
            return start(dir, brokers, ports, Uuid.randomUuid().toString(), true, Secrets.newPassword());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A persistent single-node cluster: the broker on {@code port}, the controller on {@code controllerPort},
     * data under {@code dataDir}; a second start reuses the data (and the cluster id stored there).
     */
    public static LocalKafkaCluster startPersistent(Path dataDir, int port, int controllerPort) {
        return startPersistent(dataDir, new int[] {port}, new int[] {controllerPort});
    }

    /**
     * A persistent cluster of one node per port: broker {@code i} on {@code ports[i]}, its controller on
     * {@code controllerPorts[i]}, data under {@code dataDir}; a second start reuses the data.
     */
    public static LocalKafkaCluster startPersistent(Path dataDir, int[] ports, int[] controllerPorts) {
        if (ports.length == 0 || ports.length != controllerPorts.length) {
            throw new IllegalArgumentException("one controller port per broker port: " + ports.length + " broker, "
                    + controllerPorts.length + " controller ports");
        }
        Path adminPassword = dataDir.resolve(ADMIN_PASSWORD);
        if (Files.exists(dataDir.resolve("cluster.id")) && !Files.exists(adminPassword)) {
            throw new IllegalStateException(dataDir.toAbsolutePath() + " holds a Kafka formatted before Kafka required "
                    + "authentication (no " + ADMIN_PASSWORD + "): delete that directory to start a new one "
                    + "(./waspada local --reset wipes .waspada/)");
        }
        String clusterId = ClusterId.readOrCreate(dataDir);
        int[] all = java.util.stream.IntStream.concat(java.util.Arrays.stream(ports),
                java.util.Arrays.stream(controllerPorts)).toArray();
        return start(dataDir, ports.length, all, clusterId, false, Secrets.readOrCreate(adminPassword));
    }

    /** The admin's password of a persistent cluster, beside its data (owner-only). */
    public static final String ADMIN_PASSWORD = "admin.password";

    /**
     * Formats every node of a persistent cluster (cluster id and admin password made on the first call) without
     * starting any: then each node can run as its own process ({@link #startPersistentNode}), so one can be killed.
     */
    public static void formatPersistent(Path dataDir, int[] ports, int[] controllerPorts) {
        String clusterId = ClusterId.readOrCreate(dataDir);
        String adminPassword = Secrets.readOrCreate(dataDir.resolve(ADMIN_PASSWORD));
        nodes(dataDir, ports.length, concat(ports, controllerPorts), adminPassword)
                .forEach(node -> node.formatIfNeeded(clusterId));
    }

    /**
     * Node {@code node} (1-based) alone of a persistent cluster formatted by {@link #formatPersistent}, in this JVM;
     * it waits for a quorum of the others (each in its own process). Closing stops it (a controlled shutdown).
     */
    public static LocalKafkaCluster startPersistentNode(Path dataDir, int[] ports, int[] controllerPorts, int node) {
        if (!Files.exists(dataDir.resolve("cluster.id")) || !Files.exists(dataDir.resolve(ADMIN_PASSWORD))) {
            throw new IllegalStateException(dataDir.toAbsolutePath() + " is not formatted: run --format first");
        }
        String adminPassword = Secrets.readOrCreate(dataDir.resolve(ADMIN_PASSWORD));
        KRaftNode only = nodes(dataDir, ports.length, concat(ports, controllerPorts), adminPassword).get(node - 1);
        LocalKafkaCluster cluster = new LocalKafkaCluster(List.of(only), dataDir, false, adminPassword);
        try {
            only.formatIfNeeded(ClusterId.readOrCreate(dataDir));
            only.start();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static int[] concat(int[] ports, int[] controllerPorts) {
        return java.util.stream.IntStream.concat(java.util.Arrays.stream(ports), java.util.Arrays.stream(controllerPorts))
                .toArray();
    }

    private static List<KRaftNode> nodes(Path dir, int brokers, int[] ports, String adminPassword) {
        String voters = Stream.iterate(0, i -> i + 1).limit(brokers)
                .map(i -> (i + 1) + "@127.0.0.1:" + ports[brokers + i])
                .collect(Collectors.joining(","));
        List<KRaftNode> nodes = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            nodes.add(new KRaftNode(new KRaftNodeConfig(i + 1, dir.resolve("node-" + (i + 1)),
                    ports[i], ports[brokers + i], voters, brokers, adminPassword)));
        }
        return nodes;
    }

    private static LocalKafkaCluster start(Path dir, int brokers, int[] ports, String clusterId, boolean temporary,
            String adminPassword) {
        List<KRaftNode> nodes = nodes(dir, brokers, ports, adminPassword);
        LocalKafkaCluster cluster = new LocalKafkaCluster(nodes, dir, temporary, adminPassword);
        try {
            nodes.forEach(node -> node.formatIfNeeded(clusterId));
            // Each node's startup waits for the quorum, which needs the others: start them together.
            CompletableFuture.allOf(nodes.stream()
                    .map(node -> CompletableFuture.runAsync(node::start))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    @Override
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort()).collect(Collectors.joining(","));
    }

    /** The admin super user's connection (SASL/SCRAM on loopback). */
    @Override
    public KafkaConnection connection() {
        return KafkaConnection.scram(bootstrapServers(), "SASL_PLAINTEXT", KRaftNodeConfig.ADMIN, adminPassword);
    }

    @Override
    public int brokerCount() {
        return nodes.size();
    }

    /** Stops one node (fault tests); the others keep serving. Index is 0-based. */
    public void stopNode(int index) {
        nodes.get(index).stop();
    }

    /** Starts a stopped node again on its data (fault tests): it catches up and rejoins the in-sync replicas. */
    public void startNode(int index) {
        nodes.get(index).start();
    }

    @Override
    public void close() {
        // Together: a broker's controlled shutdown needs a controller quorum, which stopping the
        // nodes one after another would take away from the last ones (a 5-minute wait each).
        CompletableFuture.allOf(nodes.stream()
                .map(node -> CompletableFuture.runAsync(node::stop))
                .toArray(CompletableFuture[]::new))
                .exceptionally(e -> null) // a failed shutdown of one node must not leak the rest
                .join();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    /** Free TCP ports on the loopback address (for brokers, services and test servers). */
    public static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp dir left behind is harmless.
        }
    }
}
