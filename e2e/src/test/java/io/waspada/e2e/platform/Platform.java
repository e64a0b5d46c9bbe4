package io.waspada.e2e.platform;

import io.waspada.kafka.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.waspada.kafka.local.LocalKafkaCluster;

/**
 * The whole platform as it runs in production, for end-to-end tests: the standalone Kafka broker process
 * and the three packaged Quarkus apps ({@code target/quarkus-app/quarkus-run.jar}), each its own process
 * on free ports, logs under {@code e2e/target/e2e-logs}. Closing stops them in reverse order and deletes the run's
 * temporary directory (Kafka data, Streams state, demo officers).
 */
public final class Platform implements AutoCloseable {

    public static final List<String> SERVICES = List.of("alert-producer", "stream-processor", "notifier-service");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final List<PlatformProcess> processes = new ArrayList<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Further instances of a service ({@link #startInstance}), not among the ops view's health tiles. */
    private final Map<String, Integer> instancePorts = new LinkedHashMap<>();
    private final Path workDir;
    private final String pseudonymisationKey = randomKey();
    private String bootstrapServers;
    /** The standalone Kafka's class path, main class and cluster options, without JVM or per-process options. */
    private List<String> kafkaCommand;
    /** Nodes of a multi-node platform, each its own process; 0 with one broker. */
    private int kafkaNodes;

    private Platform(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * Kafka alone, with the demo officers' key pair as {@link #start} makes it: services are then started one by one
     * with {@link #startService(String, Map, Duration)} (e.g. after topics were pre-loaded).
     */
    public static Platform startKafka(Map<String, String> env) {
        return startKafka(env, 1);
    }

    /** As {@link #startKafka(Map)}, with {@code brokers} Kafka nodes (3: replication factor 3, min ISR 2). */
    public static Platform startKafka(Map<String, String> env, int brokers) {
        Path work;
        try {
            work = Files.createTempDirectory("waspada-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Platform platform = new Platform(work);
        try {
            platform.startKafka(brokers);
            if (!env.containsKey("WASPADA_JWT_PUBLIC_KEY")) {
                platform.createDemoOfficers(env);
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** Starts one service on a free port and waits until it is ready (fails naming its log past {@code ready}). */
    public PlatformProcess startService(String name, Map<String, String> env, Duration ready) {
        ports.computeIfAbsent(name, n -> freePorts(1)[0]);
        return startService(name, env, ready, true);
    }

    /**
     * Starts another instance of a service under its own name ({@code instance}: its port, Streams state directory,
     * log and {@link #url}), e.g. a second notifier beside the first; waits until it is ready.
     */
    public PlatformProcess startInstance(String service, String instance, Map<String, String> env, Duration ready) {
        instancePorts.computeIfAbsent(instance, n -> freePorts(1)[0]);
        return startService(service, instance, env, ready, true);
    }

    /** Starts Kafka and the three services; {@code env} is passed to every service (e.g. keys, config files). */
    public static Platform start(Map<String, String> env) {
        Platform platform = startKafka(env);
        try {
            // Every port first: each service is told all of them (the ops view's health tiles).
            int[] servicePorts = freePorts(SERVICES.size());
            for (int i = 0; i < SERVICES.size(); i++) {
                platform.ports.put(SERVICES.get(i), servicePorts[i]);
            }
            for (String service : SERVICES) {
                platform.startService(service, env, Duration.ofSeconds(120), true);
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startKafka(int brokers) {
        int[] ports = freePorts(2 * brokers);
        String brokerPorts = String.join(",", java.util.Arrays.stream(ports).limit(brokers).mapToObj(Integer::toString)
                .toList());
        String controllerPorts = String.join(",", java.util.Arrays.stream(ports).skip(brokers)
                .mapToObj(Integer::toString).toList());
        kafkaCommand = List.of("-cp", ROOT.resolve("kafka-local/target/kafka-local.jar") + java.io.File.pathSeparator
                + ROOT.resolve("kafka-local/target/lib") + "/*", "io.waspada.kafka.local.StandaloneKafka",
                "--data-dir", workDir.resolve("kafka").toString(), "--port", brokerPorts,
                "--controller-port", controllerPorts);
        bootstrapServers = String.join(",", java.util.Arrays.stream(ports).limit(brokers)
                .mapToObj(port -> "127.0.0.1:" + port).toList());
        if (brokers == 1) {
            PlatformProcess kafka = kafkaProcess("kafka", "-Xmx768m");
            kafka.awaitLogLine("Kafka ready", Duration.ofSeconds(90));
            return;
        }
        // One process per node, so a fault can kill one broker (SIGKILL) and the others go on serving.
        kafkaProcess("kafka-format", "-Xmx256m", "--format").awaitSuccess(Duration.ofSeconds(60));
        kafkaNodes = brokers;
        List<PlatformProcess> nodes = new ArrayList<>();
        for (int node = 1; node <= brokers; node++) {
            nodes.add(kafkaProcess("kafka-" + node, "-Xmx512m", "--node", Integer.toString(node)));
        }
        for (int node = 1; node <= brokers; node++) {
            nodes.get(node - 1).awaitLogLine(readyLine(node), Duration.ofSeconds(150));
        }
    }

    private static String readyLine(int node) {
        return node == 1 ? "Kafka ready" : "Kafka node " + node + " ready";
    }

    private PlatformProcess kafkaProcess(String name, String heap, String... options) {
        List<String> command = new ArrayList<>(List.of(JAVA, heap, "-Dlog4j2.configurationFile=waspada-kafka-log4j2.xml"));
        command.addAll(kafkaCommand);
        command.addAll(List.of(options));
        PlatformProcess process = PlatformProcess.start(name, command, Map.of(), logDir());
        processes.add(process);
        return process;
    }

    /**
     * As {@code ./waspada local} does before any service starts: the demo officers' key pair and officers.json, since
     * the stream-processor and the notifier both verify officer tokens with that key.
     */
    private void createDemoOfficers(Map<String, String> env) {
        List<String> args = new ArrayList<>(List.of(workDir.resolve("officers").toString()));
        if (env.containsKey("WASPADA_ROUTING_CONFIG")) {
            args.add(env.get("WASPADA_ROUTING_CONFIG"));
        }
        PackagedTool.start("notifier-service", "io.waspada.notifier.auth.DemoOfficers", "demo-officers", List.of(),
                args).awaitSuccess(Duration.ofSeconds(60));
    }

    private PlatformProcess startService(String name, Map<String, String> env, Duration ready, boolean await) {
        return startService(name, name, env, ready, await);
    }

    private PlatformProcess startService(String name, String instance, Map<String, String> env, Duration ready,
            boolean await) {
        int port = ports.containsKey(instance) ? ports.get(instance) : instancePorts.get(instance);
        Path jar = ROOT.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package (or verify) first");
        }
        Map<String, String> serviceEnv = new HashMap<>(env);
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        // Each service as its own Kafka principal, with the password the broker made on its first start.
        serviceEnv.put("KAFKA_SASL_USERNAME", name);
        serviceEnv.put("KAFKA_SASL_PASSWORD", readSecret(workDir.resolve("kafka/principals/" + name + ".password")));
        serviceEnv.put("QUARKUS_HTTP_PORT", Integer.toString(port));

        // Production needs a pseudonymisation key and an officer public key: a fresh key per run, and the
        // notifier's demo key pair created in this run's directory.
        serviceEnv.putIfAbsent("WASPADA_PSEUDONYMISATION_KEY", pseudonymisationKey);
        serviceEnv.putIfAbsent("WASPADA_JWT_PUBLIC_KEY", workDir.resolve("officers/publicKey.pem").toString());
        // As ./waspada local runs it: demo officers with password sign-in (off by default).
        serviceEnv.putIfAbsent("WASPADA_CREATE_DEMO_OFFICERS", "true");
        // Streams state of this run only: without it every platform on the machine would share
        // /tmp/kafka-streams/waspada-correlation.
        serviceEnv.put("KAFKA_STREAMS_STATE_DIR", workDir.resolve(instance + "-state").toString());
        // The ops page's health tiles: this run's ports.
        serviceEnv.put("WASPADA_OPS_SERVICES", String.join(",", ports.entrySet().stream()
                .map(entry -> entry.getKey() + "=http://127.0.0.1:" + entry.getValue()).toList()));
        PlatformProcess process = PlatformProcess.start(instance,
                List.of(JAVA, "-Xmx512m", "-jar", jar.toString()), serviceEnv, logDir());
        processes.add(process);
        String url = "http://127.0.0.1:" + port;
        urls.put(instance, url);
        if (await) {
            process.awaitHttpOk(url + "/q/health/ready", ready);
        }
        return process;
    }

    /** Stops Kafka node {@code node} (1-based) of a multi-node platform (SIGTERM: a controlled shutdown). */
    public void stopKafkaNode(int node) {
        kafkaNode(node).close();
    }

    /** Kills Kafka node {@code node} (1-based) of a multi-node platform with SIGKILL, as {@code kill -9}. */
    public void killKafkaNode(int node) {
        kafkaNode(node).kill();
    }

    /** Starts Kafka node {@code node} (1-based) again after it was stopped or killed, on its data. */
    public void startKafkaNode(int node) {
        kafkaProcess("kafka-" + node, "-Xmx512m", "--node", Integer.toString(node))
                .awaitLogLine(readyLine(node), Duration.ofSeconds(150));
    }

    /** The running processes of the Kafka nodes (one per node of a multi-node platform, else the one). */
    public List<PlatformProcess> kafkaProcesses() {
        return processes.stream().filter(p -> p.name().equals("kafka") || p.name().matches("kafka-[0-9]+"))
                .filter(PlatformProcess::isAlive).toList();
    }

    private PlatformProcess kafkaNode(int node) {
        if (node < 1 || node > kafkaNodes) {
            throw new IllegalArgumentException("no Kafka node " + node + " of " + kafkaNodes);
        }
        return processes.stream().filter(p -> p.name().equals("kafka-" + node) && p.isAlive()).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("Kafka node " + node + " is not running"));
    }

    /** The directory of this run: Kafka data, Streams state, the notifier's demo officers ({@code officers/}). */
    public Path workDir() {
        return workDir;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** The project's root directory (the parent of {@code e2e/}), where the packaged apps are. */
    public static Path root() {
        return ROOT;
    }

    /** The java launcher of this JVM, used for every platform process. */
    public static String java() {
        return JAVA;
    }

    public String url(String service) {
        return urls.get(service);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** How the tests' own clients connect to this platform's broker: as its admin. */
    public KafkaConnection connection() {
        return KafkaConnection.scram(bootstrapServers, "SASL_PLAINTEXT", "admin",
                readSecret(workDir.resolve("kafka/admin.password")));
    }

    private static String readSecret(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the broker's secret " + file + " is missing", e);
        }
    }

    public List<PlatformProcess> processes() {
        return List.copyOf(processes);
    }

    static Path logDir() {
        return Path.of("target", "e2e-logs").toAbsolutePath();
    }

    /** Stops the processes in reverse order, then deletes this run's directory (the logs stay in target/e2e-logs). */
    @Override
    public void close() {
        List<PlatformProcess> kafka = kafkaProcesses();
        for (int i = processes.size() - 1; i >= 0; i--) {
            if (!kafka.contains(processes.get(i))) {
                processes.get(i).close();
            }
        }
        // The Kafka nodes together: one stopped after another would lose its controller quorum and wait it out.
        kafka.forEach(PlatformProcess::signalStop);
        kafka.forEach(PlatformProcess::close);
        if (processes.stream().noneMatch(PlatformProcess::isAlive)) {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    private static int[] freePorts(int count) {
        try {
            return LocalKafkaCluster.freePorts(count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
