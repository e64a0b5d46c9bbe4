package io.waspada.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.e2e.monitoring.DashboardQueries;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so it is checked: valid for
 * {@code docker-compose config} where that tool is installed (CI installs it), and shaped as the contract says.
 */
class DockerComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    /** Secrets the file requires from the environment, none with a default. */
    static final List<String> REQUIRED_SECRETS = List.of("GRAFANA_ADMIN_PASSWORD", "WASPADA_TLS_STORE_PASSWORD",
            "WASPADA_KAFKA_ADMIN_PASSWORD", "WASPADA_KAFKA_PASSWORD_ALERT_PRODUCER",
            "WASPADA_KAFKA_PASSWORD_STREAM_PROCESSOR", "WASPADA_KAFKA_PASSWORD_NOTIFIER_SERVICE",
            "WASPADA_KAFKA_PASSWORD_OPS");

    @Test
    void isValidForDockerComposeWhereTheToolIsInstalled() throws Exception {
        if (!onPath("docker-compose")) {
            System.out.println("docker-compose not installed: structural checks only (.ci/run installs it)");
            return;
        }
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true);
        // Required without a default (see below): any value makes the file valid.
        for (String secret : REQUIRED_SECRETS) {
            builder.environment().put(secret, "validation-only");
        }
        Process config = builder.start();
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.exitValue()).as(output).isZero();
    }

    @Test
    void runsThreeKafkaBrokersAtTheClientsVersionWithReplicationThreeAndMinIsrTwo() throws Exception {
        JsonNode services = compose().get("services");
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode node = services.get(broker);
            assertThat(node.get("image").asText()).isEqualTo("apache/kafka:4.1.2");
            assertThat(node.get("environment").get("KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
            assertThat(node.get("environment").get("KAFKA_DEFAULT_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(node.has("healthcheck")).as(broker + " healthcheck").isTrue();
        }
    }

    @Test
    void runsTheTopicStepThenTheThreeServicesOnTheirContractPorts() throws Exception {
        JsonNode services = compose().get("services");
        assertThat(services.get("topics").get("entrypoint").toString()).contains("io.waspada.topics.TopicCreator");
        // Topics are made on all three brokers or not at all (never silently with fewer replicas).
        assertThat(services.get("topics").get("environment").get("WASPADA_REPLICATION_FACTOR").asInt()).isEqualTo(3);
        assertService(services, "alert-producer", 8081);
        assertService(services, "stream-processor", 8082);
        assertService(services, "notifier-service", 8083);
    }

    @Test
    void givesTheServicesTheSecretsTheyRefuseToStartWithout() throws Exception {
        JsonNode services = compose().get("services");
        JsonNode ingest = services.get("alert-producer").get("environment");
        assertThat(ingest.has("WASPADA_PSEUDONYMISATION_KEY")).isTrue();
        assertThat(ingest.get("WASPADA_AUTH_API_KEYS_FILE").asText()).isEqualTo("/deployments/config/api-keys.properties");
        JsonNode notifier = services.get("notifier-service").get("environment");
        assertThat(notifier.get("WASPADA_CREATE_DEMO_OFFICERS").asText()).isEqualTo("false");
        assertThat(notifier.get("WASPADA_JWT_PUBLIC_KEY").asText()).isEqualTo("/deployments/config/officers-public.pem");
        assertThat(services.get("stream-processor").get("environment").get("WASPADA_REPLICATION_FACTOR").asInt()).isEqualTo(3);
        // The key the stream-processor really reads (QUARKUS_KAFKA_STREAMS_STATE_DIR is not a Quarkus key).
        assertThat(services.get("stream-processor").get("environment").get("KAFKA_STREAMS_STATE_DIR").asText())
                .isEqualTo("/deployments/state");
        // The notifier's local state (audit trail and alert versions) survives a container restart on its own volume.
        assertThat(notifier.get("WASPADA_NOTIFIER_STATE_DIR").asText()).isEqualTo("/deployments/state");
        assertThat(services.get("notifier-service").get("volumes").toString())
                .contains("notifier-state:/deployments/state");
        assertThat(notifier.get("WASPADA_OPS_SERVICES").asText())
                .contains("alert-producer=http://alert-producer:8081", "stream-processor=http://stream-processor:8082");
    }

    @Test
    void runsTwoNotifierInstancesEachWithStateOfItsOwn() throws Exception {
        JsonNode services = compose().get("services");
        JsonNode second = services.get("notifier-service-2");
        assertThat(second.get("image").asText()).isEqualTo(services.get("notifier-service").get("image").asText());
        // The same settings (the same consumer group shares the alerts), its own volume (RocksDB is one per process).
        assertThat(second.get("environment")).isEqualTo(services.get("notifier-service").get("environment"));
        assertThat(second.get("volumes").toString()).contains("notifier-2-state:/deployments/state")
                .doesNotContain("notifier-state:");
        assertThat(second.get("ports").get(0).asText()).isEqualTo("8084:8083");
        assertThat(second.get("healthcheck").get("test").toString()).contains("localhost:8083/q/health/ready");
        assertThat(compose().get("volumes").has("notifier-2-state")).isTrue();
    }

    @Test
    void sendsEveryServicesTracesToJaegerAndLogsJsonLines() throws Exception {
        JsonNode services = compose().get("services");
        JsonNode jaeger = services.get("jaeger");
        assertThat(jaeger.get("image").asText()).startsWith("jaegertracing/jaeger:");
        // Its UI has no authentication: loopback only. The services reach its OTLP port on the compose network.
        assertThat(jaeger.get("ports").toString()).isEqualTo("[\"127.0.0.1:16686:16686\"]");
        for (String service : List.of("alert-producer", "stream-processor", "notifier-service", "notifier-service-2")) {
            JsonNode env = services.get(service).get("environment");
            assertThat(env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText()).as(service)
                    .isEqualTo("http://jaeger:4317");
            assertThat(env.get("QUARKUS_OTEL_SDK_DISABLED").asText()).as(service)
                    .isEqualTo("${WASPADA_TRACES_OFF:-false}");
            assertThat(env.get("WASPADA_LOG_JSON").asText()).as(service).isEqualTo("${WASPADA_LOG_JSON:-true}");
        }
    }

    @Test
    void runsPrometheusScrapingTheThreeServicesAndGrafanaWithTheProvisionedDashboard() throws Exception {
        JsonNode services = compose().get("services");
        JsonNode prometheus = services.get("prometheus");
        assertThat(prometheus.get("image").asText()).startsWith("prom/prometheus:");
        assertThat(prometheus.get("volumes").toString()).contains("./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml");

        JsonNode scrape = yaml(Path.of("..", "monitoring", "prometheus.yml")).get("scrape_configs").get(0);
        assertThat(scrape.get("metrics_path").asText()).isEqualTo("/q/metrics");
        List<String> targets = new java.util.ArrayList<>();
        scrape.get("static_configs").forEach(config -> config.get("targets").forEach(t -> targets.add(t.asText())));
        assertThat(targets).containsExactlyInAnyOrder("alert-producer:8081", "stream-processor:8082", "notifier-service:8083",
                "notifier-service-2:8083");

        JsonNode grafana = services.get("grafana");
        assertThat(grafana.get("image").asText()).startsWith("grafana/grafana:");
        // No default admin password, and neither unauthenticated UI published beyond loopback.
        assertThat(grafana.get("environment").get("GF_SECURITY_ADMIN_PASSWORD").asText())
                .startsWith("${GRAFANA_ADMIN_PASSWORD:?");
        assertThat(prometheus.get("ports").toString()).isEqualTo("[\"127.0.0.1:9090:9090\"]");
        assertThat(grafana.get("ports").toString()).isEqualTo("[\"127.0.0.1:3000:3000\"]");
        String mounts = grafana.get("volumes").toString();
        assertThat(mounts).contains("./monitoring/grafana/provisioning:/etc/grafana/provisioning",
                "./monitoring/grafana/dashboards:/etc/grafana/dashboards");
        JsonNode provider = yaml(Path.of("..", "monitoring", "grafana", "provisioning", "dashboards", "waspada.yml"))
                .get("providers").get(0);
        assertThat(provider.get("options").get("path").asText()).isEqualTo("/etc/grafana/dashboards");
        JsonNode datasource = yaml(Path.of("..", "monitoring", "grafana", "provisioning", "datasources", "prometheus.yml"))
                .get("datasources").get(0);
        assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode dashboard = new ObjectMapper().readTree(DashboardQueries.SHIPPED.toFile());
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target ->
                assertThat(target.get("datasource").get("uid").asText()).isEqualTo(datasource.get("uid").asText())));
    }

    @Test
    void prometheusLoadsTheShippedAlertRules() throws Exception {
        // The rules themselves are unit-tested by promtool in .ci/run (monitoring/alert-rules.test.yml).
        JsonNode prometheus = compose().get("services").get("prometheus");
        assertThat(prometheus.get("volumes").toString())
                .contains("./monitoring/alert-rules.yml:/etc/prometheus/alert-rules.yml");
        assertThat(Path.of("..", "monitoring", "alert-rules.yml")).exists();
        JsonNode ruleFiles = yaml(Path.of("..", "monitoring", "prometheus.yml")).get("rule_files");
        assertThat(ruleFiles).isNotNull();
        assertThat(ruleFiles.toString()).contains("/etc/prometheus/alert-rules.yml");
        JsonNode rules = yaml(Path.of("..", "monitoring", "alert-rules.yml")).get("groups").get(0).get("rules");
        List<String> names = new java.util.ArrayList<>();
        rules.forEach(rule -> names.add(rule.get("alert").asText()));
        assertThat(names).contains("WaspadaServiceDown", "WaspadaCorrelatorLagGrowing", "WaspadaNotifierLag");
    }

    @Test
    void noBrokerListenerIsPlaintextAndEveryPublishedBrokerPortIsTlsWithSasl() throws Exception {
        JsonNode services = compose().get("services");
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode env = services.get(broker).get("environment");
            java.util.Map<String, String> protocols = new java.util.HashMap<>();
            for (String entry : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(",")) {
                protocols.put(entry.split(":")[0], entry.split(":")[1]);
            }
            assertThat(protocols.values()).as(broker).allMatch(protocol -> protocol.equals("SASL_SSL"));
            for (String listener : (env.get("KAFKA_LISTENERS").asText() + "," + env.get("KAFKA_ADVERTISED_LISTENERS")
                    .asText()).split(",")) {
                assertThat(protocols).as("%s listener %s has a protocol", broker, listener)
                        .containsKey(listener.split("://")[0]);
            }
            assertThat(env.toString()).doesNotContain("PLAINTEXT");
            // The one published port is the EXTERNAL listener's (SCRAM over TLS).
            JsonNode ports = services.get(broker).get("ports");
            assertThat(ports).hasSize(1);
            String containerPort = ports.get(0).asText().substring(ports.get(0).asText().lastIndexOf(':') + 1);
            assertThat(env.get("KAFKA_LISTENERS").asText()).contains("EXTERNAL_SSL://:" + containerPort);
            assertThat(env.get("KAFKA_LISTENER_NAME_EXTERNAL__SSL_SASL_ENABLED_MECHANISMS").asText())
                    .isEqualTo("SCRAM-SHA-512");
            // The image configures the key store only when an advertised listener's name contains "SSL://".
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS").asText()).contains("SSL://");
            assertThat(env.get("KAFKA_AUTHORIZER_CLASS_NAME").asText()).endsWith("StandardAuthorizer");
            assertThat(env.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText()).isEqualTo("false");
            assertThat(services.get(broker).get("depends_on").get("tls").get("condition").asText())
                    .isEqualTo("service_completed_successfully");
        }
        assertThat(services.get("tls").get("volumes").toString()).contains("./deploy/kafka/tls-step.sh");
        assertThat(Path.of("..", "deploy", "kafka", "tls-step.sh")).exists();
        for (String service : List.of("alert-producer", "stream-processor", "notifier-service", "topics")) {
            JsonNode env = services.get(service).get("environment");
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL").asText()).as(service).isEqualTo("SASL_SSL");
            assertThat(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").asText()).as(service).isEqualTo("/deployments/kafka-ca/ca.crt");
        }
        assertThat(services.get("topics").get("entrypoint").toString()).contains("--access");
    }

    @Test
    void everySecretComesFromTheEnvironmentWithNoDefault() throws Exception {
        String text = Files.readString(COMPOSE);
        for (String secret : REQUIRED_SECRETS) {
            assertThat(text).as(secret).contains("${" + secret + ":?");
            assertThat(text).as(secret + " has no default").doesNotContain("${" + secret + ":-")
                    .doesNotContain("${" + secret + "}");
        }
        JsonNode services = compose().get("services");
        java.util.Map<String, String> principals = java.util.Map.of("alert-producer", "ALERT_PRODUCER",
                "stream-processor", "STREAM_PROCESSOR", "notifier-service", "NOTIFIER_SERVICE");
        principals.forEach((service, suffix) -> assertThat(services.get(service).get("environment")
                .get("KAFKA_SASL_PASSWORD").asText()).startsWith("${WASPADA_KAFKA_PASSWORD_" + suffix + ":?"));
        // The topic step needs every principal of principals.yaml.
        for (String name : io.waspada.kafka.KafkaAccess.shipped().names()) {
            assertThat(services.get("topics").get("environment").has(io.waspada.topics.TopicCreator
                    .passwordVariable(name))).as(name).isTrue();
        }
    }

    private static void assertService(JsonNode services, String name, int port) {
        JsonNode service = services.get(name);
        assertThat(service.get("ports").get(0).asText()).isEqualTo(port + ":" + port);
        assertThat(service.get("healthcheck").get("test").toString()).contains("localhost:" + port + "/q/health/ready");
        assertThat(service.get("depends_on").get("topics").get("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(Path.of("..", name, service.get("build").get("dockerfile").asText())).exists();
    }

    private static JsonNode compose() throws Exception {
        return yaml(COMPOSE);
    }

    private static JsonNode yaml(Path file) throws Exception {
        // SnakeYAML resolves anchors and merge keys (<<) as docker-compose does.
        Object yaml = new Yaml().load(Files.readString(file));
        return new ObjectMapper().valueToTree(yaml);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
