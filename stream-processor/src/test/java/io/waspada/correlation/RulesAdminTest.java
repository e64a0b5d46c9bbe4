package io.waspada.correlation;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.waspada.correlation.rulebook.RuleVersion;
import io.waspada.correlation.testing.Officers;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rules admin API on the real broker: only the role rules-admin changes rules; a document with problems is a
 * problem naming its lines and nothing is written; an apply is on the access audit (with the source's diff) and then
 * on tip.rules.v1 under both keys; a rollback republishes an old source; a mode change keeps the source. Every version
 * here is in force from ten years on, so no event of another test in this JVM is evaluated under it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "stream-processor"))
@Timeout(180)
class RulesAdminTest {

    private static final String RULE = "CROSS_BORDER_MOVEMENT";
    private static final String LATER = "+3650d";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final KafkaConnection kafka = SharedKafka.connection();
    private final String admin = Officers.token("rules.admin", "NORTH", List.of("rules-admin"), null);

    @jakarta.inject.Inject
    KafkaStreams streams;

    @BeforeEach
    void streamsRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    @Test
    void onlyARulesAdminChangesRules() {
        given().contentType("application/yaml").body(("rule: " + RULE + "\nthreshold: 3\n").getBytes(UTF_8))
                .queryParam("activeFrom", LATER).post("/api/v1/rules")
                .then().statusCode(401).contentType("application/problem+json");
        String investigator = Officers.investigator();
        Response refused = given().header("Authorization", "Bearer " + investigator).contentType("application/yaml")
                .body(("rule: " + RULE + "\nthreshold: 3\n").getBytes(UTF_8)).queryParam("activeFrom", LATER).post("/api/v1/rules");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("detail")).contains("rules-admin");
        given().header("Authorization", "Bearer " + investigator).post("/api/v1/rules/" + RULE + "/rollback?to=0")
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + investigator).post("/api/v1/rules/" + RULE + "/mode?mode=shadow")
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + investigator).get("/api/v1/rules/" + RULE + "/versions")
                .then().statusCode(403);
    }

    @Test
    void aDocumentWithProblemsIsRefusedByLineAndNothingIsWritten() throws Exception {
        long before = endOffset();
        Response answer = post("rule: " + RULE + "\nwindow: 72h\nthreshhold: 3\nmode: loud\n", LATER);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("field")).isEqualTo("body");
        assertThat(answer.jsonPath().getInt("line")).isEqualTo(3);
        assertThat(answer.jsonPath().getList("problems", String.class))
                .anyMatch(p -> p.startsWith("line 3: unknown field 'threshhold'"))
                .anyMatch(p -> p.startsWith("line 4: mode: 'loud'"));
        Response notYaml = post("rule: [" + RULE + "\n  window: 72h\n", LATER);
        assertThat(notYaml.statusCode()).isEqualTo(400);
        assertThat(notYaml.jsonPath().getInt("line")).isPositive();
        Response unknown = post("rule: NO_SUCH_RULE\n", LATER);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.jsonPath().getString("problems[0]")).startsWith("line 1: rule:");
        Response past = post("rule: " + RULE + "\nthreshold: 3\n", "2020-01-01T00:00:00Z");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.jsonPath().getString("field")).isEqualTo("activeFrom");
        Response tooLong = post("rule: " + RULE + "\ndescription: \"" + "x".repeat(70_000) + "\"\n", LATER);
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        given().header("Authorization", "Bearer " + admin).post("/api/v1/rules/" + RULE + "/mode?mode=loud")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + admin).post("/api/v1/rules/" + RULE + "/rollback?to=99")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(endOffset()).as("records on " + Topics.RULES.name()).isEqualTo(before);
    }

    @Test
    void anApplyIsAuditedWithItsDiffThenPublishedAndCanBeRolledBack() throws Exception {
        Response applied = post("rule: " + RULE + "\nwindow: 72h\nthreshold: 3\n", LATER, "reason",
                "three countries, not two");
        assertThat(applied.statusCode()).as(applied.asString()).isEqualTo(201);
        int version = applied.jsonPath().getInt("version");
        int previous = applied.jsonPath().getInt("previousVersion");
        assertThat(version).isEqualTo(previous + 1);
        assertThat(applied.jsonPath().getBoolean("read")).isTrue();
        assertThat(applied.jsonPath().getString("author")).isEqualTo("rules.admin");
        assertThat(applied.jsonPath().getString("mode")).isEqualTo("active");
        assertThat(Instant.parse(applied.jsonPath().getString("activeFrom")))
                .isAfter(Instant.now().plus(Duration.ofDays(3000)));

        RuleVersion published = onTopic(RULE + "@" + version);
        assertThat(published.source()).contains("threshold: 3");
        assertThat(published.reason()).isEqualTo("three countries, not two");
        assertThat(onTopic(RULE)).isNotNull();
        JsonNode audit = audited("RULE_APPLY", version);
        assertThat(audit.path("actor").asText()).isEqualTo("rules.admin");
        assertThat(audit.path("fromVersion").asInt()).isEqualTo(previous);
        assertThat(audit.path("diff").asText()).contains("+threshold: 3").contains("--- " + RULE + "@" + previous)
                .contains("+++ " + RULE + "@" + version);

        List<Map<String, Object>> versions = given().header("Authorization", "Bearer " + admin)
                .get("/api/v1/rules/" + RULE + "/versions").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(versions).extracting(v -> v.get("version")).contains(0, version);
        String original = (String) versions.get(0).get("source");
        assertThat(original).contains("threshold: 2");

        Response rolledBack = given().header("Authorization", "Bearer " + admin).queryParam("to", 0)
                .queryParam("activeFrom", LATER).post("/api/v1/rules/" + RULE + "/rollback");
        assertThat(rolledBack.statusCode()).as(rolledBack.asString()).isEqualTo(201);
        int back = rolledBack.jsonPath().getInt("version");
        assertThat(back).isEqualTo(version + 1);
        assertThat(onTopic(RULE + "@" + back).source()).isEqualTo(original);
        assertThat(audited("RULE_ROLLBACK", back).path("diff").asText()).contains("-threshold: 3")
                .contains("+threshold: 2");

        Response shadow = given().header("Authorization", "Bearer " + admin).queryParam("mode", "shadow")
                .queryParam("activeFrom", LATER).post("/api/v1/rules/" + RULE + "/mode");
        assertThat(shadow.statusCode()).as(shadow.asString()).isEqualTo(201);
        assertThat(onTopic(RULE + "@" + (back + 1)).mode()).isEqualTo("shadow");
        assertThat(onTopic(RULE + "@" + (back + 1)).source()).isEqualTo(original);
        JsonNode rules = JSON.readTree(given().header("Authorization", "Bearer " + Officers.investigator())
                .get("/api/v1/rules").then().statusCode(200).extract().asString());
        JsonNode runtime = null;
        for (JsonNode rule : rules.path("versions")) {
            if (rule.path("rule").asText().equals(RULE)) {
                runtime = rule;
            }
        }
        assertThat(runtime).isNotNull();
        assertThat(runtime.path("latest").asInt()).isEqualTo(back + 1);
        assertThat(runtime.path("inForce").asInt()).as("nothing applied here governs events observed now").isZero();
        assertThat(runtime.path("mode").asText()).isEqualTo("active");
    }

    @Test
    void anAbsenceRuleIsAddedAndDisabledAtRuntimeAndHasNoShadowMode() {
        String rule = """
                rule: LEFT_AND_GONE
                key: token
                absence:
                  first: {direction: OUTBOUND}
                  none: [{direction: INBOUND}]
                  within: 2d
                severity: {base: HIGH}
                title: "{What} left {place}"
                """;
        Response added = post(rule, LATER);
        assertThat(added.statusCode()).as(added.asString()).isEqualTo(201);
        assertThat(onTopic("LEFT_AND_GONE@1").mode()).isEqualTo("active");

        Response shadow = post(rule, LATER, "mode", "shadow");
        assertThat(shadow.statusCode()).as(shadow.asString()).isEqualTo(400);
        assertThat(shadow.jsonPath().getString("detail")).contains("no shadow mode");
        given().header("Authorization", "Bearer " + admin).queryParam("mode", "shadow").queryParam("activeFrom", LATER)
                .post("/api/v1/rules/MINOR_OUTBOUND_NO_RETURN/mode").then().statusCode(400)
                .contentType("application/problem+json");
        Response longer = post(rule.replace("within: 2d", "within: 3d"), LATER);
        assertThat(longer.statusCode()).as(longer.asString()).isEqualTo(400);
        assertThat(longer.jsonPath().getString("detail")).contains("keeps its within");
        Response otherKind = post(rule.replace("LEFT_AND_GONE", RULE), LATER);
        assertThat(otherKind.statusCode()).as(otherKind.asString()).isEqualTo(400);
        assertThat(otherKind.jsonPath().getString("detail")).contains("is a condition rule");

        Response disabled = given().header("Authorization", "Bearer " + admin).queryParam("mode", "disabled")
                .queryParam("activeFrom", LATER).post("/api/v1/rules/LEFT_AND_GONE/mode");
        assertThat(disabled.statusCode()).as(disabled.asString()).isEqualTo(201);
        assertThat(onTopic("LEFT_AND_GONE@2").mode()).isEqualTo("disabled");
        assertThat(onTopic("LEFT_AND_GONE@2").source()).isEqualTo(rule);
    }

    private Response post(String document, String activeFrom, String... query) {
        var request = given().header("Authorization", "Bearer " + admin).contentType("application/yaml")
                .body(document.getBytes(UTF_8)).queryParam("activeFrom", activeFrom);
        for (int i = 0; i + 1 < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.post("/api/v1/rules");
    }

    private RuleVersion onTopic(String key) {
        Optional<ConsumerRecord<String, String>> record = TopicClients.readUntil(kafka, Topics.RULES,
                read -> read.stream().anyMatch(r -> key.equals(r.key())), DEADLINE).stream()
                .filter(r -> key.equals(r.key())).reduce((a, b) -> b);
        assertThat(record).as("a record keyed " + key + " on " + Topics.RULES.name()).isPresent();
        return RuleVersion.fromJson(record.get().value());
    }

    private JsonNode audited(String action, int version) {
        List<JsonNode> records = TopicClients.readUntil(kafka, Topics.ACCESS_AUDIT,
                read -> read.stream().anyMatch(r -> matches(r.value(), action, version)), DEADLINE).stream()
                .filter(r -> matches(r.value(), action, version)).map(r -> parse(r.value())).toList();
        assertThat(records).as(action + " to version " + version + " on the access audit").hasSize(1);
        return records.get(0);
    }

    private static boolean matches(String value, String action, int version) {
        JsonNode node = parse(value);
        return node.path("action").asText().equals(action) && node.path("subject").asText().equals(RULE)
                && node.path("toVersion").asInt() == version;
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private long endOffset() throws Exception {
        TopicPartition partition = new TopicPartition(Topics.RULES.name(), 0);
        try (Admin client = Admin.create(kafka.clientConfig())) {
            return client.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
                    .offset();
        }
    }
}
