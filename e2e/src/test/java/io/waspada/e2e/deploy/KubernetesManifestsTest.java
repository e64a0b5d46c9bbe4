package io.waspada.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.waspada.e2e.deploy.KubernetesManifests.Manifest;
import io.waspada.kafka.KafkaAccess;
import io.waspada.topics.Topics;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes cannot be applied here (no cluster, no Docker, no network), so it is checked as far as that is
 * possible without one: every document read into the typed model of its kind, as the projects that define the kinds
 * publish it (fabric8's Kubernetes model, Strimzi 0.49.1's {@code io.strimzi:api}), strictly, unknown fields and wrong
 * types failing ({@link ManifestModels}); the kustomization by hand ({@link KustomizationFields}); and every document
 * against the code and docker-compose.yml, which it must agree with: the topics of the topic registry ({@link Topics})
 * and the agencies' Kafka doors, the principals and ACLs of principals.yaml ({@link KafkaAccess}) with an agency
 * principal per agency ({@link StrimziKafkaResources}), the brokers' replication settings, each service's image, port,
 * health check, environment and volumes. A deliberately broken copy of each kind of document is rejected,
 * so the validation is known to bite.
 */
class KubernetesManifestsTest {

    private static final String STRIMZI_API = "kafka.strimzi.io/v1beta2";
    private static final Pattern REQUIRED_SECRET = Pattern.compile("^\\$\\{(\\w+):\\?.*}$");
    private static final Pattern WITH_DEFAULT = Pattern.compile("^\\$\\{(\\w+):-(.*)}$");
    /** Compose values naming compose's own hosts; their Kubernetes counterparts are checked on their own. */
    private static final Set<String> HOST_SPECIFIC = Set.of("KAFKA_BOOTSTRAP_SERVERS", "WASPADA_ADVERTISED_HOST",
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    static List<Manifest> manifests;
    static JsonNode composeServices;

    @BeforeAll
    static void load() throws Exception {
        manifests = KubernetesManifests.load();
        Object compose = new Yaml().load(Files.readString(KubernetesManifests.ROOT.resolve("docker-compose.yml")));
        composeServices = new ObjectMapper().valueToTree(compose).get("services");
    }

    @Test
    void everyDocumentIsReadWholeByTheTypedModelOfItsKindAndNamedAsKubernetesAllows() {
        assertThat(manifests).hasSizeGreaterThan(20);
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            List<String> errors = ManifestModels.validate(manifest.node());
            if (!errors.isEmpty()) {
                invalid.put(manifest.toString(), errors);
            }
            assertThat(manifest.name()).as(manifest.toString()).matches(DNS_SUBDOMAIN).hasSizeLessThanOrEqualTo(253);
            assertThat(manifest.node().path("metadata").has("namespace")).as("%s: the kustomization sets the namespace",
                    manifest).isFalse();
            if (manifest.kind().equals("Service") || manifest.kind().equals("StatefulSet")) {
                assertThat(manifest.name()).as(manifest.toString()).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(52);
            }
            if (manifest.apiVersion().startsWith("kafka.strimzi.io/")) {
                assertThat(manifest.apiVersion()).as(manifest.toString()).isEqualTo(STRIMZI_API);
            }
        }
        assertThat(invalid).as("documents their model does not take").isEmpty();
        Set<String> identities = new HashSet<>();
        manifests.forEach(m -> assertThat(identities.add(m.kind() + "/" + m.name())).as("one " + m).isTrue());
    }

    @Test
    void theKustomizationIsValidListsEveryManifestAndSetsTheNamespace() throws Exception {
        JsonNode kustomization = KubernetesManifests.kustomization();
        assertThat(KustomizationFields.validate(kustomization)).isEmpty();
        assertThat(kustomization.path("namespace").asText()).isNotBlank();
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));
        Set<String> files = new TreeSet<>();
        try (Stream<Path> dir = Files.list(KubernetesManifests.DIR)) {
            dir.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.equals("kustomization.yaml")).forEach(files::add);
        }
        assertThat(listed).isEqualTo(files);
    }

    @Test
    void aBrokenManifestIsRejectedByTheValidation() {
        assertRejected(of("Deployment", "alert-producer"), d -> ((ObjectNode) d.get("spec")).put("replicas", "two"),
                "spec.replicas");
        assertRejected(of("Deployment", "alert-producer"), d -> ((ObjectNode) d.get("spec")).put("replicas", "2"),
                "spec.replicas");
        assertRejected(of("Deployment", "alert-producer"), d -> container(d).put("livenessprobe", "typo"),
                "containers[0].livenessprobe: unknown field");
        assertRejected(of("Deployment", "alert-producer"), d -> ((ObjectNode) container(d).at("/resources/limits"))
                .put("memory", "1 GB"), "resources.limits.memory");
        assertRejected(of("StatefulSet", "notifier-service"),
                d -> ((ObjectNode) container(d).path("env").get(0)).put("value", 3), "env[0].value");
        assertRejected(of("StatefulSet", "stream-processor"), d -> ((ObjectNode) d.at("/spec/template/spec"))
                .put("terminationGracePeriodSeconds", 30.5), "terminationGracePeriodSeconds");
        assertRejected(of("ConfigMap", "waspada-kafka-client"), d -> ((ObjectNode) d.get("data")).put("PORT", 9093),
                "data.PORT");
        assertRejected(of("PodDisruptionBudget", "notifier-service"),
                d -> ((ObjectNode) d.get("spec")).put("minAvailable", true), "spec.minAvailable");
        assertRejected(of("Service", "alert-producer"), d -> ((ObjectNode) d.get("spec")).put("port", 8081),
                "spec.port: unknown field");
        assertRejected(of("KafkaTopic", Topics.ALERTS.name()), d -> ((ObjectNode) d.get("spec")).put("partitions", "six"),
                "spec.partitions");
        assertRejected(of("KafkaUser", "ops"), d -> ((ObjectNode) d.at("/spec/authorization/acls/0"))
                .putArray("operations").add("Wrtie"), "acls[0].operations[0]: \"Wrtie\" is not a value the model knows");
        assertRejected(of("Kafka", "waspada"), d -> ((ObjectNode) d.at("/spec/kafka/listeners/0")).remove("tls"),
                "listeners[0].tls: required");
        assertRejected(of("Kafka", "waspada"), d -> ((ObjectNode) d.at("/spec/kafka/listeners/0/authentication"))
                .put("type", "scram-sha-256"), "listeners[0].authentication");
        assertRejected(of("Kafka", "waspada"), d -> ((ObjectNode) d.at("/spec/kafka")).set("listenrs",
                d.at("/spec/kafka/listeners")), "spec.kafka.listenrs: unknown field");
        assertRejected(of("KafkaNodePool", "kafka"), d -> ((ObjectNode) d.get("metadata")).put("labels", "waspada"),
                "metadata.labels");
        ObjectNode kustomization = KubernetesManifests.kustomization().deepCopy();
        kustomization.set("resource", kustomization.remove("resources"));
        assertThat(KustomizationFields.validate(kustomization)).singleElement().asString()
                .startsWith("resource: unknown field");
        ObjectNode unknownKind = of("ConfigMap", "waspada-kafka-client").node().deepCopy();
        unknownKind.put("kind", "ConfigMapp");
        assertThat(ManifestModels.validate(unknownKind)).singleElement().asString()
                .startsWith("no model for v1 ConfigMapp");
        assertThatThrownBy(() -> KubernetesManifests.YAML.readTree("replicas: 2\nreplicas: 3\n"))
                .hasMessageContaining("replicas");
    }

    @Test
    void runsAKraftClusterOfThreeNodesWithReplicationThreeMinIsrTwoAndOnlyScramOverTls() {
        Manifest kafka = single("Kafka");
        JsonNode spec = kafka.node().get("spec");
        List<Manifest> pools = all("KafkaNodePool");
        int brokers = 0;
        int controllers = 0;
        for (Manifest pool : pools) {
            assertThat(pool.node().at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(kafka.name());
            List<String> roles = texts(pool.node().at("/spec/roles"));
            int replicas = pool.node().at("/spec/replicas").asInt();
            brokers += roles.contains("broker") ? replicas : 0;
            controllers += roles.contains("controller") ? replicas : 0;
            assertThat(pool.node().at("/spec/storage/volumes/0/type").asText()).isEqualTo("persistent-claim");
        }
        assertThat(brokers).isGreaterThanOrEqualTo(3);
        assertThat(controllers).isGreaterThanOrEqualTo(3).matches(n -> n % 2 == 1, "an odd quorum");
        // The brokers' replication settings are compose's (KAFKA_MIN_INSYNC_REPLICAS is min.insync.replicas, ...).
        JsonNode composeBroker = composeServices.get("kafka-1").get("environment");
        for (String setting : List.of("DEFAULT_REPLICATION_FACTOR", "MIN_INSYNC_REPLICAS", "OFFSETS_TOPIC_REPLICATION_FACTOR",
                "TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "TRANSACTION_STATE_LOG_MIN_ISR", "AUTO_CREATE_TOPICS_ENABLE")) {
            String key = setting.toLowerCase(Locale.ROOT).replace('_', '.');
            assertThat(spec.at("/kafka/config").path(key).asText()).as(key)
                    .isEqualTo(composeBroker.get("KAFKA_" + setting).asText());
        }
        assertThat(spec.at("/kafka/config/default.replication.factor").asInt()).isEqualTo(3);
        assertThat(spec.at("/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
        // No plaintext: every listener is TLS with SCRAM-SHA-512, and only ACLs grant anything (StandardAuthorizer).
        assertThat(spec.at("/kafka/listeners")).isNotEmpty();
        for (JsonNode listener : spec.at("/kafka/listeners")) {
            assertThat(listener.path("tls").asBoolean()).as(listener.toString()).isTrue();
            assertThat(listener.at("/authentication/type").asText()).as(listener.toString()).isEqualTo("scram-sha-512");
        }
        assertThat(spec.at("/kafka/authorization/type").asText()).isEqualTo("simple");
        assertThat(spec.at("/kafka/authorization").has("superUsers")).isFalse();
        assertThat(spec.at("/entityOperator").has("topicOperator")).isTrue();
        assertThat(spec.at("/entityOperator").has("userOperator")).isTrue();
        // The brokers' version is the clients' major.minor.
        assertThat(minor(spec.at("/kafka/version").asText())).isEqualTo(minor(AppInfoParser.getVersion()));
    }

    @Test
    void everyTopicOfTheRegistryAndEveryAgencysDoorHasAKafkaTopicWithExactlyItsPartitionsAndConfig() {
        // The registry's topics and each agency's inbox and rejects (kafka-agency-doors.yaml, KubernetesAgencyDoorsTest).
        List<String> agencies = StrimziKafkaResources.agencies(manifests);
        assertThat(StrimziKafkaResources.topicDifferences(manifests, StrimziKafkaResources.topics(agencies),
                single("Kafka").name())).isEmpty();
    }

    @Test
    void everyPrincipalAndEveryAgencyHasAKafkaUserWithScramAndExactlyTheAclsOfPrincipalsYaml() {
        List<String> agencies = StrimziKafkaResources.agencies(manifests);
        assertThat(StrimziKafkaResources.userDifferences(manifests,
                StrimziKafkaResources.principals(KafkaAccess.shipped(), agencies))).isEmpty();
    }

    @Test
    void runsTheServicesComposeBuildsEachWithTwoReplicasItsImagePortProbesAndResources() {
        assertThat(workloads().stream().map(Manifest::name).toList())
                .containsExactlyInAnyOrderElementsOf(composeBuiltServices());
        for (String service : composeBuiltServices()) {
            Manifest workload = workload(service);
            JsonNode compose = composeServices.get(service);
            int instancesInCompose = (int) composeServices.properties().stream()
                    .filter(e -> e.getValue().path("image").equals(compose.get("image"))
                            && e.getValue().has("build")).count();
            assertThat(workload.node().at("/spec/replicas").asInt()).as(service)
                    .isGreaterThanOrEqualTo(Math.max(2, instancesInCompose));
            JsonNode pod = workload.node().at("/spec/template/spec");
            assertThat(pod.path("containers")).as(service).hasSize(1);
            JsonNode container = pod.path("containers").get(0);
            assertThat(container.path("image").asText()).as(service).isEqualTo(compose.get("image").asText());
            int port = composePort(compose);
            JsonNode containerPort = port(container, port).orElseThrow(() -> new AssertionError(service + " port " + port));
            String readiness = compose.at("/healthcheck/test").toString();
            assertThat(readiness).contains("/q/health/ready");
            assertProbe(service, container, "readinessProbe", "/q/health/ready", containerPort);
            assertProbe(service, container, "livenessProbe", "/q/health/live", containerPort);
            assertProbe(service, container, "startupProbe", "/q/health/started", containerPort);
            // The startup probe gives a start minutes before the liveness probe may restart it.
            JsonNode startup = container.path("startupProbe");
            assertThat(startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3)).as(service)
                    .isGreaterThanOrEqualTo(120);
            for (String resource : List.of("cpu", "memory")) {
                JsonNode requests = container.at("/resources/requests/" + resource);
                JsonNode limits = container.at("/resources/limits/" + resource);
                assertThat(requests.isMissingNode() || limits.isMissingNode()).as(service + " " + resource).isFalse();
                assertThat(quantity(requests.asText())).as(service + " " + resource + " request within its limit")
                        .isLessThanOrEqualTo(quantity(limits.asText()));
            }
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(service).isTrue();
        }
    }

    @Test
    void everyServiceGetsTheEnvironmentComposeGivesItWithSecretsOnlyFromSecrets() {
        for (String service : composeBuiltServices()) {
            Map<String, EnvSource> env = environment(service);
            for (Map.Entry<String, JsonNode> entry : composeServices.get(service).get("environment").properties()) {
                String name = entry.getKey();
                String value = entry.getValue().asText();
                EnvSource k8s = env.get(name);
                assertThat(k8s).as("%s sets %s as compose does", service, name).isNotNull();
                Matcher required = REQUIRED_SECRET.matcher(value);
                Matcher defaulted = WITH_DEFAULT.matcher(value);
                if (required.matches()) {
                    assertThat(k8s.kind()).as("%s %s: a secret (compose requires %s)", service, name, required.group(1))
                            .isEqualTo(EnvSource.Kind.SECRET);
                    assertThat(k8s.optional()).as(service + " " + name).isFalse();
                } else if (defaulted.matches()) {
                    if (k8s.kind() != EnvSource.Kind.SECRET) {
                        assertThat(k8s.value()).as("%s %s: compose's default", service, name).isEqualTo(defaulted.group(2));
                    }
                } else if (!HOST_SPECIFIC.contains(name)) {
                    assertThat(k8s.kind()).as(service + " " + name).isIn(EnvSource.Kind.LITERAL, EnvSource.Kind.CONFIG_MAP);
                    assertThat(k8s.value()).as("%s %s", service, name).isEqualTo(value);
                }
            }
            // Its own principal: the password Strimzi made for the KafkaUser of the service's name.
            String principal = Optional.ofNullable(env.get("KAFKA_SASL_USERNAME")).map(EnvSource::value).orElse(service);
            assertThat(all("KafkaUser").stream().map(Manifest::name)).as(service).contains(principal);
            EnvSource password = env.get("KAFKA_SASL_PASSWORD");
            assertThat(password.name()).as(service).isEqualTo(principal);
            assertThat(password.key()).as(service).isEqualTo("password");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").value()).as(service).isEqualTo(bootstrap());
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL").value()).as(service).isEqualTo("SASL_SSL");
            assertThat(env.get("KAFKA_SASL_MECHANISM").value()).as(service).isEqualTo("SCRAM-SHA-512");
            // The trust store is the cluster CA certificate Strimzi keeps in <cluster>-cluster-ca-cert.
            JsonNode caVolume = volumeAt(workload(service), env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").value());
            assertThat(caVolume.at("/secret/secretName").asText()).isEqualTo(single("Kafka").name() + "-cluster-ca-cert");
            assertThat(caVolume.at("/secret/items/0/key").asText()).isEqualTo("ca.crt");
            if (env.containsKey("WASPADA_ADVERTISED_HOST")) {
                assertThat(env.get("WASPADA_ADVERTISED_HOST").fieldPath()).as(service).isEqualTo("status.podIP");
            }
            // Every path the environment names is mounted (a directory) or a file of a mounted volume.
            env.values().stream().map(EnvSource::value).filter(v -> v != null && v.startsWith("/deployments/"))
                    .forEach(path -> volumeAt(workload(service), path));
        }
    }

    @Test
    void composesVolumesAreMountedAndItsStateVolumesArePersistentVolumesOfAStatefulSet() {
        for (String service : composeBuiltServices()) {
            Manifest workload = workload(service);
            Set<String> claims = new HashSet<>();
            workload.node().at("/spec/volumeClaimTemplates").forEach(t -> claims.add(t.at("/metadata/name").asText()));
            for (JsonNode volume : composeServices.get(service).path("volumes")) {
                String[] parts = volume.asText().split(":");
                String source = parts[0];
                String target = parts[1];
                boolean readOnly = parts.length > 2 && parts[2].equals("ro");
                JsonNode mounted = volumeAt(workload, target);
                if (!readOnly && !source.startsWith(".") && !source.startsWith("/")) {
                    // Compose's named, writable volume: the service's state, one volume per replica.
                    assertThat(workload.kind()).as(service + " keeps state at " + target).isEqualTo("StatefulSet");
                    assertThat(claims).as(service + " " + target).contains(mounted.path("name").asText());
                }
            }
        }
    }

    @Test
    void everyServiceHasAServiceOnItsPortAndADisruptionBudgetKeepingOneReplica() {
        for (String service : composeBuiltServices()) {
            Manifest workload = workload(service);
            Map<String, String> podLabels = labels(workload.node().at("/spec/template/metadata/labels"));
            assertThat(labels(workload.node().at("/spec/selector/matchLabels")).entrySet())
                    .isSubsetOf(podLabels.entrySet());
            Manifest svc = of("Service", service);
            assertThat(labels(svc.node().at("/spec/selector")).entrySet()).isNotEmpty().isSubsetOf(podLabels.entrySet());
            int port = composePort(composeServices.get(service));
            JsonNode container = workload.node().at("/spec/template/spec/containers/0");
            JsonNode servicePort = find(svc.node().at("/spec/ports"), p -> p.path("port").asInt() == port)
                    .orElseThrow(() -> new AssertionError(service + " Service port " + port));
            assertThat(port(container, servicePort.path("targetPort").asText())).as(service + " targetPort").isPresent();
            // No Service of another workload selects this one's pods.
            for (Manifest other : all("Service")) {
                if (!labels(other.node().at("/spec/selector")).entrySet().isEmpty()
                        && labels(other.node().at("/spec/selector")).entrySet().stream().allMatch(
                                e -> e.getValue().equals(podLabels.get(e.getKey())))) {
                    assertThat(other.name()).as(other + " selects " + service).startsWith(service);
                }
            }
            if (workload.kind().equals("StatefulSet")) {
                Manifest governing = of("Service", workload.node().at("/spec/serviceName").asText());
                assertThat(governing.node().at("/spec/clusterIP").asText()).isEqualTo("None");
                assertThat(labels(governing.node().at("/spec/selector")).entrySet()).isSubsetOf(podLabels.entrySet());
            }
            Manifest budget = of("PodDisruptionBudget", service);
            assertThat(labels(budget.node().at("/spec/selector/matchLabels")).entrySet()).isNotEmpty()
                    .isSubsetOf(podLabels.entrySet());
            int replicas = workload.node().at("/spec/replicas").asInt();
            JsonNode minAvailable = budget.node().at("/spec/minAvailable");
            if (minAvailable.isMissingNode()) {
                assertThat(budget.node().at("/spec/maxUnavailable").asInt()).isBetween(1, replicas - 1);
            } else {
                assertThat(minAvailable.asInt()).as(service).isBetween(1, replicas - 1);
            }
        }
    }

    @Test
    void everySecretAndConfigMapUsedIsMadeByStrimziOrHereOrByACommandOfTheReadme() {
        String readme = KubernetesManifests.text(KubernetesManifests.ROOT.resolve("deploy").resolve("README.md"));
        assertThat(readme).contains("kubectl apply -k deploy/kubernetes", "strimzi-kafka-operator --version 0.49.1");
        Map<String, Set<String>> created = ConfigSources.created(readme);
        Set<String> kafkaUsers = new HashSet<>(all("KafkaUser").stream().map(Manifest::name).toList());
        String clusterCa = single("Kafka").name() + "-cluster-ca-cert";
        for (Manifest workload : workloads()) {
            for (String[] reference : ConfigSources.references(workload.node().at("/spec/template/spec"))) {
                String kind = reference[0];
                String name = reference[1];
                String key = reference[2];
                String what = workload.name() + " uses " + kind + " " + name + " key " + key;
                if (kind.equals("Secret") && kafkaUsers.contains(name)) {
                    assertThat(key).as(what).isIn("password", "*");
                } else if (kind.equals("Secret") && name.equals(clusterCa)) {
                    assertThat(key).as(what).isEqualTo("ca.crt");
                } else if (kind.equals("ConfigMap") && exists("ConfigMap", name)) {
                    if (!key.equals("*")) {
                        assertThat(of("ConfigMap", name).node().path("data").has(key)).as(what).isTrue();
                    }
                } else {
                    assertThat(created).as(what + ": deploy/README.md says how to create it").containsKey(kind + " " + name);
                    if (!key.equals("*")) {
                        assertThat(created.get(kind + " " + name)).as(what).contains(key);
                    }
                }
            }
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** Where one environment variable of a container comes from, and its value where the manifests give it. */
    record EnvSource(Kind kind, String value, String name, String key, boolean optional, String fieldPath) {
        enum Kind { LITERAL, CONFIG_MAP, SECRET, FIELD }
    }

    private static Map<String, EnvSource> environment(String service) {
        JsonNode container = workload(service).node().at("/spec/template/spec/containers/0");
        Map<String, EnvSource> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            assertThat(from.has("prefix")).isFalse();
            if (from.has("configMapRef")) {
                String name = from.at("/configMapRef/name").asText();
                of("ConfigMap", name).node().path("data").properties().forEach(e -> env.put(e.getKey(),
                        new EnvSource(EnvSource.Kind.CONFIG_MAP, e.getValue().asText(), name, e.getKey(), false, null)));
            }
        }
        Set<String> declared = new HashSet<>();
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            JsonNode from = variable.path("valueFrom");
            EnvSource source;
            if (from.has("secretKeyRef")) {
                JsonNode ref = from.get("secretKeyRef");
                source = new EnvSource(EnvSource.Kind.SECRET, null, ref.path("name").asText(), ref.path("key").asText(),
                        ref.path("optional").asBoolean(), null);
            } else if (from.has("configMapKeyRef")) {
                JsonNode ref = from.get("configMapKeyRef");
                String map = ref.path("name").asText();
                String key = ref.path("key").asText();
                JsonNode value = exists("ConfigMap", map) ? of("ConfigMap", map).node().at("/data/" + key) : null;
                source = new EnvSource(EnvSource.Kind.CONFIG_MAP, value == null || value.isMissingNode() ? null
                        : value.asText(), map, key, ref.path("optional").asBoolean(), null);
            } else if (from.has("fieldRef")) {
                source = new EnvSource(EnvSource.Kind.FIELD, null, null, null, false, from.at("/fieldRef/fieldPath").asText());
            } else {
                source = new EnvSource(EnvSource.Kind.LITERAL, variable.path("value").asText(), null, null, false, null);
            }
            assertThat(declared.add(name)).as(service + " sets " + name + " once")
                    .isTrue();
            env.put(name, source);
        }
        return env;
    }

    /** The pod volume mounted where {@code path} is: at it (a directory), or holding it as one of its files. */
    private static JsonNode volumeAt(Manifest workload, String path) {
        JsonNode pod = workload.node().at("/spec/template/spec");
        for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
            String at = mount.path("mountPath").asText();
            String volumeName = mount.path("name").asText();
            JsonNode volume = find(pod.path("volumes"), v -> v.path("name").asText().equals(volumeName))
                    .or(() -> find(workload.node().at("/spec/volumeClaimTemplates"),
                            t -> t.at("/metadata/name").asText().equals(volumeName)).map(t -> (JsonNode) KubernetesManifests.JSON
                                    .createObjectNode().put("name", volumeName).put("claim", true)))
                    .orElseThrow(() -> new AssertionError(workload + ": no volume " + volumeName));
            if (path.equals(at)) {
                return volume;
            }
            if (path.startsWith(at + "/")) {
                String file = path.substring(at.length() + 1);
                JsonNode items = volume.has("secret") ? volume.at("/secret/items") : volume.at("/configMap/items");
                if (items.isMissingNode() || find(items, i -> i.path("path").asText().equals(file)).isPresent()) {
                    return volume;
                }
            }
        }
        throw new AssertionError(workload + " mounts nothing at " + path);
    }

    private static String bootstrap() {
        Manifest kafka = single("Kafka");
        JsonNode listener = find(kafka.node().at("/spec/kafka/listeners"), l -> l.path("tls").asBoolean()
                && l.path("type").asText().equals("internal")).orElseThrow();
        return kafka.name() + "-kafka-bootstrap:" + listener.path("port").asInt();
    }

    private static void assertProbe(String service, JsonNode container, String probe, String path, JsonNode port) {
        JsonNode get = container.path(probe).path("httpGet");
        assertThat(get.path("path").asText()).as(service + " " + probe).isEqualTo(path);
        String probePort = get.path("port").asText();
        assertThat(probePort).as(service + " " + probe + " port")
                .isIn(port.path("name").asText(), port.path("containerPort").asText());
    }

    private static void assertRejected(Manifest manifest, Consumer<ObjectNode> breakIt, String field) {
        ObjectNode broken = manifest.node().deepCopy();
        breakIt.accept(broken);
        assertThat(ManifestModels.validate(manifest.node())).as(manifest + " before").isEmpty();
        List<String> errors = ManifestModels.validate(broken);
        assertThat(errors).as(manifest + " broken at " + field).isNotEmpty();
        assertThat(String.join("\n", errors)).as(manifest + " errors name the field").contains(field);
    }

    private static List<String> composeBuiltServices() {
        // The services whose images the project builds, once each (notifier-service-2 is a second notifier-service).
        Set<String> images = new HashSet<>();
        List<String> services = new ArrayList<>();
        composeServices.properties().forEach(e -> {
            if (e.getValue().has("build") && images.add(e.getValue().path("image").asText())) {
                services.add(e.getKey());
            }
        });
        assertThat(services).containsExactly("alert-producer", "stream-processor", "notifier-service");
        return services;
    }

    private static int composePort(JsonNode composeService) {
        String published = composeService.path("ports").get(0).asText();
        return Integer.parseInt(published.substring(published.lastIndexOf(':') + 1));
    }

    private static Optional<JsonNode> port(JsonNode container, Object nameOrNumber) {
        return find(container.path("ports"), p -> p.path("name").asText().equals(String.valueOf(nameOrNumber))
                || p.path("containerPort").asText().equals(String.valueOf(nameOrNumber)));
    }

    private static List<Manifest> workloads() {
        return manifests.stream().filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet")).toList();
    }

    private static Manifest workload(String name) {
        return workloads().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment or StatefulSet " + name));
    }

    private static List<Manifest> all(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private static Manifest single(String kind) {
        assertThat(all(kind)).as("one " + kind).hasSize(1);
        return all(kind).get(0);
    }

    private static boolean exists(String kind, String name) {
        return manifests.stream().anyMatch(m -> m.is(kind, name));
    }

    private static Manifest of(String kind, String name) {
        return manifests.stream().filter(m -> m.is(kind, name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static ObjectNode container(ObjectNode workload) {
        return (ObjectNode) workload.at("/spec/template/spec/containers/0");
    }

    private static Optional<JsonNode> find(JsonNode array, Predicate<JsonNode> test) {
        for (JsonNode element : array) {
            if (test.test(element)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static String minor(String version) {
        String[] parts = version.split("\\.");
        return parts[0] + "." + parts[1];
    }

    /** A Kubernetes quantity (100m, 512Mi, 2, 1.5Gi) in its base unit, as fabric8's model reads it. */
    static BigDecimal quantity(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }
}
