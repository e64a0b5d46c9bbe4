package io.waspada.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml's Kafka security, run for real without Docker: the TLS step's script makes the certificates and
 * JAAS file, a real broker process starts from kafka-1's environment exactly as the apache/kafka image turns it into
 * server.properties (its key-renaming rules and its file-based key-store passwords; hosts and ports moved to this
 * machine, replication to one node), the topic step runs with the file's own environment, and then: a service
 * principal works over SCRAM and TLS, is refused what its ACLs do not grant, ops reads over the published listener,
 * and a client without TLS or without credentials gets nothing.
 */
@Timeout(240)
class ComposeKafkaSecurityTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SECRETS = "/etc/kafka/secrets";
    private static final String PASSWORD = "principal-password-0123";
    private static final String ADMIN_PASSWORD = "admin-password-0123";
    private static final Pattern SINGLE_UNDERSCORE = Pattern.compile("[^_]_[^_]");
    /** The image's renderer leaves these environment variables out of server.properties. */
    private static final List<String> NOT_PROPERTIES = List.of("KAFKA_VERSION", "KAFKA_HEAP_OPT", "KAFKA_LOG4J_OPTS",
            "KAFKA_OPTS", "KAFKA_JMX_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS",
            "KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS", "KAFKA_TOOLS_LOG4J_LOGLEVEL");

    @TempDir
    static Path dir;
    static Process broker;
    static Path tls;
    static Map<String, Integer> ports = new HashMap<>();
    static JsonNode services;

    @BeforeAll
    static void startTheBrokerAsComposeConfiguresIt() throws Exception {
        services = new ObjectMapper().valueToTree(new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"))))
                .get("services");
        tls = Files.createDirectories(dir.resolve("tls"));
        runTlsStep(services.get("tls"));

        for (String listener : List.of("CLIENTS", "BROKERS", "CONTROLLER", "EXTERNAL")) {
            ports.put(listener, freePort());
        }
        Map<String, String> env = brokerEnvironment(services.get("kafka-1").get("environment"));
        Properties properties = render(env);
        properties.put("log.dirs", dir.resolve("data").toString());
        Path serverProperties = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(serverProperties)) {
            properties.store(out, "kafka-1 of docker-compose.yml, as the apache/kafka image renders it");
        }
        String classpath = ROOT.resolve("kafka-local/target/kafka-local.jar") + ":" + ROOT.resolve("kafka-local/target/lib") + "/*";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("broker.log");
        run(List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format", "--ignore-formatted", "-t",
                env.get("CLUSTER_ID"), "-c", serverProperties.toString()), log);
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m",
                "-Dlog4j2.configurationFile=waspada-kafka-log4j2.xml"));
        command.addAll(List.of(env.get("KAFKA_OPTS").replace(SECRETS, tls.toString()).split(" ")));
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", serverProperties.toString()));
        broker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitHealthy(log);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(20, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    @Test
    void theTopicStepCreatesTopicsAndPrincipalsThenEachServiceIsHeldToItsAcls() throws Exception {
        Map<String, String> topicsEnv = new HashMap<>();
        services.get("topics").get("environment").fields().forEachRemaining(e -> topicsEnv.put(e.getKey(),
                e.getValue().asText()));
        topicsEnv.replaceAll((key, value) -> value.replace("${WASPADA_KAFKA_ADMIN_PASSWORD:?set WASPADA_KAFKA_ADMIN_PASSWORD}",
                ADMIN_PASSWORD).replace("/deployments/kafka-ca/ca.crt", tls.resolve("ca.crt").toString()));
        topicsEnv.replaceAll((key, value) -> key.startsWith("WASPADA_KAFKA_PASSWORD_") ? PASSWORD : value);
        // Compose's own defaults for what is not set (${NAME:-default}): WASPADA_AGENCIES empty, the 13 of the contract.
        topicsEnv.replaceAll((key, value) -> value.matches("\\$\\{[A-Z0-9_]+:-.*}")
                ? value.substring(value.indexOf(":-") + 2, value.length() - 1) : value);
        // One broker stands in for the three here (as its replication settings above): the step would rightly refuse
        // replication factor 3.
        assertThat(topicsEnv).containsEntry("WASPADA_REPLICATION_FACTOR", "3");
        topicsEnv.put("WASPADA_REPLICATION_FACTOR", "1");
        List<String> args = new java.util.ArrayList<>();
        services.get("topics").get("entrypoint").forEach(a -> args.add(a.asText()));
        assertThat(args).contains("--access");
        assertThat(services.get("topics").get("command").get(0).asText()).contains(":19093");
        TopicCreator.run(new String[] {"--access", "localhost:" + ports.get("BROKERS")}, topicsEnv);

        KafkaConnection ingest = service("alert-producer", ports.get("CLIENTS"));
        // New SCRAM credentials reach the broker's metadata a moment after the step returns: the first login may
        // be refused, as a service starting at that instant would see (and retry).
        org.awaitility.Awaitility.await("the new principal's first login").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    try {
                        write(ingest, Topics.SIGHTINGS.name());
                        return true;
                    } catch (IllegalStateException e) {
                        Throwable root = e;
                        while (root.getCause() != null) {
                            root = root.getCause();
                        }
                        if (root instanceof org.apache.kafka.common.errors.SaslAuthenticationException) {
                            return false;
                        }
                        throw e;
                    }
                });
        assertThatThrownBy(() -> write(ingest, Topics.ALERTS.name())).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        // An agency's Kafka door: its principal (its password given to the step) writes its own inbox, not another's.
        KafkaConnection rmp = service("agency-rmp", ports.get("CLIENTS"));
        org.awaitility.Awaitility.await("the agency's first login").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptionsMatching(e -> e.getCause() != null
                        && rootCause(e) instanceof org.apache.kafka.common.errors.SaslAuthenticationException)
                .until(() -> {
                    write(rmp, io.waspada.topics.AgencyTopics.inbox("RMP").name());
                    return true;
                });
        assertThatThrownBy(() -> write(rmp, io.waspada.topics.AgencyTopics.inbox("MMEA").name()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(topicsOf(service("ops", ports.get("EXTERNAL")))).as("ops over the published listener")
                .containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
        assertThatThrownBy(() -> topicsOf(KafkaConnection.scram("localhost:" + ports.get("CLIENTS"), "SASL_SSL",
                "alert-producer", "wrong"))).as("a wrong password").isNotNull();
    }

    @Test
    void noListenerAnswersWithoutTlsOrWithoutCredentials() {
        for (String listener : List.of("CLIENTS", "EXTERNAL", "BROKERS")) {
            assertThatThrownBy(() -> topicsOf(KafkaConnection.plaintext("localhost:" + ports.get(listener))))
                    .as("PLAINTEXT to %s", listener).isNotNull();
            assertThatThrownBy(() -> topicsOf(new KafkaConnection("localhost:" + ports.get(listener), Map.of(
                    "security.protocol", "SSL", "ssl.truststore.type", "PEM",
                    "ssl.truststore.location", tls.resolve("ca.crt").toString()))))
                    .as("TLS without SASL to %s", listener).isNotNull();
        }
    }

    /** The service's own connection as compose gives it: SCRAM over TLS with the CA from the kafka-ca volume. */
    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static KafkaConnection service(String principal, int port) {
        JsonNode env = services.get("alert-producer").get("environment");
        return new KafkaConnection("localhost:" + port, Map.of(
                "security.protocol", env.get("KAFKA_SECURITY_PROTOCOL").asText(),
                "sasl.mechanism", env.get("KAFKA_SASL_MECHANISM").asText(),
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + principal + "\" password=\"" + PASSWORD + "\";",
                "ssl.truststore.type", env.get("KAFKA_SSL_TRUSTSTORE_TYPE").asText(),
                "ssl.truststore.location", env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").asText()
                        .replace("/deployments/kafka-ca/ca.crt", tls.resolve("ca.crt").toString())));
    }

    private static void runTlsStep(JsonNode tlsService) throws Exception {
        Path ca = Files.createDirectories(dir.resolve("ca"));
        Path out = Files.createDirectories(dir.resolve("out"));
        assertThat(tlsService.get("entrypoint").toString()).contains("/deploy/tls-step.sh");
        ProcessBuilder step = new ProcessBuilder("sh", ROOT.resolve("deploy/kafka/tls-step.sh").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tls-step.log").toFile());
        step.environment().putAll(Map.of("TLS_DIR", tls.toString(), "CA_DIR", ca.toString(), "OUT_DIR",
                out.toString(), "CA_KEY_DIR", Files.createDirectories(dir.resolve("ca-key")).toString(),
                "WASPADA_TLS_STORE_PASSWORD", "store-password-0123", "WASPADA_KAFKA_ADMIN_PASSWORD", ADMIN_PASSWORD));
        Process process = step.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("tls-step.log"))).isZero();
        assertThat(ca.resolve("ca.crt")).exists();
        assertThat(tls.resolve("ca.p12")).as("the CA's key stays out of the brokers' volume").doesNotExist();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                tls.resolve("kafka-1.p12")))).isEqualTo("rw-------");
    }

    /**
     * kafka-1's environment on this machine: its hosts become localhost (in every certificate's SAN), its ports free
     * ones, one voter, replication one; then the image's configure script: key stores and their passwords from the
     * secrets directory.
     */
    private static Map<String, String> brokerEnvironment(JsonNode compose) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        compose.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        env.replaceAll((key, value) -> relocate(value));
        env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:" + ports.get("CONTROLLER"));
        for (String key : List.of("KAFKA_DEFAULT_REPLICATION_FACTOR", "KAFKA_MIN_INSYNC_REPLICAS",
                "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")) {
            env.put(key, "1");
        }
        // The image's configure script sets up the key store only when the advertised listeners contain "SSL://".
        if (env.get("KAFKA_ADVERTISED_LISTENERS").contains("SSL://")) {
            env.put("KAFKA_SSL_KEYSTORE_LOCATION", SECRETS + "/" + env.get("KAFKA_SSL_KEYSTORE_FILENAME"));
            env.put("KAFKA_SSL_KEY_PASSWORD", Files.readString(tls.resolve(env.get("KAFKA_SSL_KEY_CREDENTIALS"))));
            env.put("KAFKA_SSL_KEYSTORE_PASSWORD", Files.readString(tls.resolve(env.get("KAFKA_SSL_KEYSTORE_CREDENTIALS"))));
        }
        env.replaceAll((key, value) -> value.replace(SECRETS, tls.toString()));
        return env;
    }

    private static String relocate(String value) {
        String moved = value;
        for (Map.Entry<String, Integer> port : Map.of(":19092", ports.get("CLIENTS"), ":19093", ports.get("BROKERS"),
                ":9093", ports.get("CONTROLLER"), ":29092", ports.get("EXTERNAL"), ":9092", ports.get("EXTERNAL"))
                .entrySet()) {
            moved = moved.replace(port.getKey() + ",", ":" + port.getValue() + ",");
            if (moved.endsWith(port.getKey())) {
                moved = moved.substring(0, moved.length() - port.getKey().length()) + ":" + port.getValue();
            }
        }
        return moved.replace("kafka-1:", "localhost:");
    }

    /** The apache/kafka image's renderer: KAFKA_ variables, values without '=', keys renamed as its utility does. */
    static Properties render(Map<String, String> env) {
        Properties properties = new Properties();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !NOT_PROPERTIES.contains(name) && !value.contains("=")) {
                properties.put(convertKey(name.substring("KAFKA_".length())), value);
            }
        });
        return properties;
    }

    static String convertKey(String key) {
        Matcher matcher = SINGLE_UNDERSCORE.matcher(key);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group().replace('_', '.')));
        }
        matcher.appendTail(out);
        return out.toString().replace("___", "-").replace("__", "_").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void theTlsStepRefusesAPasswordTheImageOrAJaasLineWouldMangle() throws Exception {
        for (String bad : List.of("with=equals-sign-0123", "with\"quote-0123456789", "short")) {
            ProcessBuilder step = new ProcessBuilder("sh", ROOT.resolve("deploy/kafka/tls-step.sh").toString())
                    .redirectErrorStream(true);
            step.environment().putAll(Map.of("TLS_DIR", dir.toString(), "WASPADA_TLS_STORE_PASSWORD", bad,
                    "WASPADA_KAFKA_ADMIN_PASSWORD", ADMIN_PASSWORD));
            Process process = step.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(bad).isEqualTo(2);
            assertThat(output).contains("[tls]");
        }
    }

    @Test
    void theImagesKeyRulesAreTheOnesThisTestApplies() {
        assertThat(convertKey("LISTENER_NAME_CLIENTS_SASL_ENABLED_MECHANISMS")).isEqualTo("listener.name.clients.sasl.enabled.mechanisms");
        assertThat(convertKey("SSL_KEYSTORE_TYPE")).isEqualTo("ssl.keystore.type");
        assertThat(convertKey("LISTENER_NAME_CLIENTS__SSL_SASL_ENABLED_MECHANISMS"))
                .isEqualTo("listener.name.clients_ssl.sasl.enabled.mechanisms");
        // No value of the brokers' environment may contain '=': the image's renderer drops such variables silently.
        services.get("kafka-1").get("environment").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("KAFKA_") && !NOT_PROPERTIES.contains(e.getKey())) {
                assertThat(e.getValue().asText()).as(e.getKey()).doesNotContain("=");
            }
        });
    }

    private static void awaitHealthy(Path log) throws Exception {
        // The compose health check's own client settings, written by the TLS step.
        Properties admin = new Properties();
        admin.load(new java.io.StringReader(Files.readString(tls.resolve("admin-client.properties"))
                .replace(SECRETS, tls.toString())));
        Map<String, Object> config = new HashMap<>();
        admin.forEach((key, value) -> config.put((String) key, value));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + ports.get("BROKERS"));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            if (!broker.isAlive()) {
                throw new AssertionError("the broker exited:\n" + Files.readString(log));
            }
            try (Admin client = Admin.create(config)) {
                client.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broker did not answer the health check within 90 s:\n"
                            + Files.readString(log), e);
                }
            }
        }
    }

    private static java.util.Set<String> topicsOf(KafkaConnection kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.with(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000)))) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        }
    }

    private static void write(KafkaConnection kafka, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.with(Map.of(ProducerConfig.ACKS_CONFIG,
                "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)), new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, bytes, bytes)).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
