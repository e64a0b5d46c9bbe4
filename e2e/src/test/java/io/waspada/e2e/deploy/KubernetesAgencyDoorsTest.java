package io.waspada.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waspada.e2e.deploy.KubernetesManifests.Manifest;
import io.waspada.kafka.KafkaAccess;
import io.waspada.topics.AgencyTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agencies' Kafka doors in deploy/kubernetes: kafka-agency-doors.yaml is what {@link AgencyDoorManifests} writes
 * for the deployment's agencies, holds the inbox, rejects and principal of each with the contract's settings, and a
 * missing or wrong agency topic, user or ACL (or a service's or ops' ACL on the doors) is caught by the comparison
 * {@code KubernetesManifestsTest} makes ({@link StrimziKafkaResources}).
 */
class KubernetesAgencyDoorsTest {

    /** Rewrite kafka-agency-doors.yaml instead of failing when it differs from the generator's output. */
    static final String WRITE = "waspada.kubernetes.write";

    static List<Manifest> manifests;
    static List<String> agencies;
    static String cluster;
    static KafkaAccess access;

    static String generated;

    /** The generator's input comes from the other files, so the doors can be written when they are missing. */
    @BeforeAll
    static void load() throws Exception {
        List<Manifest> others = KubernetesManifests.load(file -> !file.equals(AgencyDoorManifests.FILE));
        agencies = StrimziKafkaResources.agencies(others);
        cluster = others.stream().filter(m -> m.kind().equals("Kafka")).findFirst().orElseThrow().name();
        access = KafkaAccess.shipped();
        generated = AgencyDoorManifests.render(agencies, access, cluster);
        Path file = KubernetesManifests.DIR.resolve(AgencyDoorManifests.FILE);
        if (Boolean.getBoolean(WRITE) && !(Files.exists(file) && Files.readString(file).equals(generated))) {
            Files.writeString(file, generated);
        }
        manifests = KubernetesManifests.load();
    }

    @Test
    void theFileIsWhatTheGeneratorWritesForTheDeploymentsAgencies() throws Exception {
        Path file = KubernetesManifests.DIR.resolve(AgencyDoorManifests.FILE);
        assertThat(Files.readString(file)).as(file + " (rewrite it with -D" + WRITE + "=true)").isEqualTo(generated);
        assertThat(KubernetesManifests.kustomization().path("resources").toString()).contains(AgencyDoorManifests.FILE);
    }

    @Test
    void theDefaultDeploymentOpensTheContractsThirteenDoorsWithTheirSettings() {
        assertThat(agencies).isEqualTo(AgencyTopics.DEFAULT_AGENCIES).hasSize(13);
        for (String agency : agencies) {
            String slug = AgencyTopics.slug(agency);
            JsonNode inbox = of("KafkaTopic", "tip.inbox." + slug + ".v1").path("spec");
            assertThat(inbox.path("partitions").asInt()).as(agency).isEqualTo(3);
            assertThat(inbox.at("/config/retention.ms").asLong()).as(agency).isEqualTo(3_600_000L);
            assertThat(inbox.at("/config/segment.ms").asLong()).as(agency).isEqualTo(600_000L);
            assertThat(inbox.at("/config/cleanup.policy").asText()).as(agency).isEqualTo("delete");
            JsonNode rejects = of("KafkaTopic", "tip.rejects." + slug + ".v1").path("spec");
            assertThat(rejects.path("partitions").asInt()).as(agency).isEqualTo(1);
            assertThat(rejects.at("/config/retention.ms").asLong()).as(agency).isEqualTo(7 * 24 * 3_600_000L);
            assertThat(rejects.at("/config").has("segment.ms")).as(agency).isFalse();
            JsonNode user = of("KafkaUser", "agency-" + slug).path("spec");
            assertThat(user.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.at("/authorization/acls").toString()).as(agency)
                    .contains("\"name\":\"tip.inbox." + slug + ".v1\"", "\"name\":\"tip.rejects." + slug + ".v1\"",
                            "\"name\":\"agency-" + slug + ".\"");
        }
        assertThat(differences(manifests)).isEmpty();
    }

    @Test
    void aMissingOrWrongAgencyTopicUserOrAclIsCaught() {
        assertThat(differences(without("KafkaTopic", "tip.inbox.mmea.v1")))
                .containsExactly("no KafkaTopic tip.inbox.mmea.v1");
        assertThat(differences(without("KafkaUser", "agency-id-imigrasi")))
                .containsExactly("no KafkaUser agency-id-imigrasi");
        assertThat(differences(changed("KafkaTopic", "tip.inbox.rmp.v1", t -> config(t).remove("segment.ms"))))
                .singleElement().asString().startsWith("tip.inbox.rmp.v1: config");
        assertThat(differences(changed("KafkaTopic", "tip.inbox.rmp.v1", t -> config(t).put("retention.ms", 604800000))))
                .singleElement().asString().startsWith("tip.inbox.rmp.v1: config");
        assertThat(differences(changed("KafkaTopic", "tip.rejects.labour.v1",
                t -> ((ObjectNode) t.get("spec")).put("partitions", 3))))
                .containsExactly("tip.rejects.labour.v1: partitions 3, not 1");
        assertThat(differences(changed("KafkaUser", "agency-rmp", u -> operations(acl(u, "tip.inbox.rmp.v1"))
                .removeAll().add("Read").add("Describe"))))
                .contains("agency-rmp: missing ACL allow:topic:tip.inbox.rmp.v1:literal:Write",
                        "agency-rmp: ACL not in principals.yaml allow:topic:tip.inbox.rmp.v1:literal:Read");
        assertThat(differences(changed("KafkaUser", "agency-rmp",
                u -> ((ObjectNode) acl(u, "agency-rmp.").get("resource")).put("name", "agency-rmp"))))
                .contains("agency-rmp: ACL not in principals.yaml allow:group:agency-rmp:prefix:Read");
        assertThat(differences(changed("KafkaUser", "ops", u -> acls(u).remove(indexOf(u, "tip.inbox.")))))
                .containsExactly("ops: missing ACL deny:topic:tip.inbox.:prefix:Read");
        assertThat(differences(changed("KafkaUser", "alert-producer", u -> acls(u).remove(indexOf(u, "tip.inbox.")))))
                .containsExactly("alert-producer: missing ACL allow:topic:tip.inbox.:prefix:Describe",
                        "alert-producer: missing ACL allow:topic:tip.inbox.:prefix:Read");
        List<Manifest> stranger = new ArrayList<>(manifests);
        ObjectNode extra = of("KafkaTopic", "tip.inbox.rmp.v1").deepCopy();
        ((ObjectNode) extra.get("metadata")).put("name", "tip.inbox.xyz.v1");
        stranger.add(new Manifest(AgencyDoorManifests.FILE, 999, extra));
        assertThat(differences(stranger)).containsExactly("KafkaTopic tip.inbox.xyz.v1 is no topic of the code");
    }

    private static List<String> differences(List<Manifest> documents) {
        List<String> differences = new ArrayList<>(StrimziKafkaResources.topicDifferences(documents,
                StrimziKafkaResources.topics(agencies), cluster));
        differences.addAll(StrimziKafkaResources.userDifferences(documents,
                StrimziKafkaResources.principals(access, agencies)));
        return differences;
    }

    private static JsonNode of(String kind, String name) {
        return manifests.stream().filter(m -> m.is(kind, name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name)).node();
    }

    private static List<Manifest> without(String kind, String name) {
        assertThat(manifests).anyMatch(m -> m.is(kind, name));
        return manifests.stream().filter(m -> !m.is(kind, name)).toList();
    }

    private static List<Manifest> changed(String kind, String name, Consumer<ObjectNode> change) {
        return manifests.stream().map(m -> {
            if (!m.is(kind, name)) {
                return m;
            }
            ObjectNode copy = m.node().deepCopy();
            change.accept(copy);
            return new Manifest(m.file(), m.index(), copy);
        }).toList();
    }

    private static ObjectNode config(ObjectNode topic) {
        return (ObjectNode) topic.at("/spec/config");
    }

    private static ArrayNode acls(ObjectNode user) {
        return (ArrayNode) user.at("/spec/authorization/acls");
    }

    private static int indexOf(ObjectNode user, String resourceName) {
        ArrayNode acls = acls(user);
        for (int i = 0; i < acls.size(); i++) {
            if (acls.get(i).at("/resource/name").asText().equals(resourceName)) {
                return i;
            }
        }
        throw new AssertionError("no ACL on " + resourceName);
    }

    private static ObjectNode acl(ObjectNode user, String resourceName) {
        return (ObjectNode) acls(user).get(indexOf(user, resourceName));
    }

    private static ArrayNode operations(ObjectNode acl) {
        return (ArrayNode) acl.get("operations");
    }
}
