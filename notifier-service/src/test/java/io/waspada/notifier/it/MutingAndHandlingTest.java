package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static io.waspada.notifier.it.WebhookDeliveryTest.awaitLifecycle;
import static io.waspada.notifier.it.WebhookDeliveryTest.awaitRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.kafka.SilenceLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Silences (kept on Kafka, surviving a restart), inhibition, and handling codes that withhold an alert. */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class MutingAndHandlingTest {

    @Test
    void aSilenceMutesMatchingAlertsAndSurvivesARestart() throws Exception {
        String subject = uniqueId("tok-silenced");
        String ops = token("ops.amir", "HQ", "ops");
        String silenceId = given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("subject=\"" + subject + "\""),
                        "endsAt", Instant.now().plus(Duration.ofHours(2)).toString(),
                        "comment", "Undercover operation in progress"))
                .post("/api/v1/silences")
                .then().statusCode(201).body("createdBy", equalTo("ops.amir")).extract().path("id");

        String id = uniqueId("silenced");
        send(alert(id, 1, "HOOK", Severity.HIGH, subject, Handling.H1));
        List<AlertLifecycleEvent> events = awaitLifecycle(id, LifecycleAction.SILENCED);
        assertThat(events).extracting(AlertLifecycleEvent::getAction).doesNotContain(LifecycleAction.ROUTED);
        assertThat(events.get(0).getAttributes()).containsEntry("silenceId", silenceId);

        // A fresh notifier rebuilds its silences from the compacted topic alone.
        SilenceLog rebuilt = new SilenceLog(new ObjectMapper().registerModule(new JavaTimeModule()),
                SharedKafka.connection(), io.waspada.notifier.kafka.Readers.plain(SharedKafka.connection()));
        try {
            rebuilt.start(Duration.ofSeconds(30));
            assertThat(rebuilt.get(silenceId)).isPresent();
            assertThat(rebuilt.muting(Map.of("subject", subject), Instant.now())).isPresent();
        } finally {
            closeQuietly(rebuilt);
        }

        given().auth().oauth2(ops).delete("/api/v1/silences/" + silenceId).then().statusCode(200);
        String next = uniqueId("unsilenced");
        send(alert(next, 1, "HOOK", Severity.HIGH, subject, Handling.H1));
        awaitLifecycle(next, LifecycleAction.DELIVERED);
    }

    @Test
    void aLeadsSilenceMutesOnlyItsOwnTaskForceStaysInItAndIsAudited() throws Exception {
        String subject = uniqueId("tok-lead-silence");
        String chaserLead = token("lead.chaser", "CHASER", "officer", "lead");
        String sharerLead = token("lead.sharer", "SHARER", "officer", "lead");
        Map<String, Object> body = Map.of("matchers", List.of("subject=\"" + subject + "\""),
                "endsAt", Instant.now().plus(Duration.ofHours(1)).toString(), "comment", "our own operation");
        // A lead may not make a silence for another task force, nor may an officer make one at all.
        given().auth().oauth2(chaserLead).contentType(ContentType.JSON)
                .body(new java.util.HashMap<>(Map.of("taskForce", "SHARER"))).post("/api/v1/silences")
                .then().statusCode(400); // no matchers: refused before the scope is looked at
        java.util.Map<String, Object> forOther = new java.util.HashMap<>(body);
        forOther.put("taskForce", "SHARER");
        given().auth().oauth2(chaserLead).contentType(ContentType.JSON).body(forOther).post("/api/v1/silences")
                .then().statusCode(403).contentType("application/problem+json");
        String silenceId = given().auth().oauth2(chaserLead).contentType(ContentType.JSON).body(body)
                .post("/api/v1/silences").then().statusCode(201).body("taskForce", equalTo("CHASER"))
                .extract().path("id");

        // The alert reaches both task forces' routes: CHASER's pages are muted, SHARER's are not. CHASER still sees
        // it on its console (and, unanswered, it would still be escalated): a silence quiets pages, it hides nothing.
        String id = uniqueId("lead-silenced");
        send(alert(id, 1, "SHARED", Severity.HIGH, subject, Handling.H1));
        List<AlertLifecycleEvent> events = awaitLifecycle(id, LifecycleAction.SILENCED);
        assertThat(events).filteredOn(e -> e.getAction() == LifecycleAction.SILENCED)
                .extracting(AlertLifecycleEvent::getTaskForce).containsExactly("CHASER");
        assertThat(events).filteredOn(e -> e.getAction() == LifecycleAction.ROUTED)
                .extracting(AlertLifecycleEvent::getTaskForce).containsExactlyInAnyOrder("CHASER", "SHARER");
        awaitRequest("/share", id);
        assertThat(NotifierTestResource.receiver().requests("/chase")).noneMatch(r -> r.body().contains(id));
        given().auth().oauth2(sharerLead).get("/api/v1/alerts/" + id).then().statusCode(200);
        given().auth().oauth2(chaserLead).get("/api/v1/alerts/" + id).then().statusCode(200);
        // SHARER's history shows that CHASER's delivery was silenced, not the lead's comment about why.
        List<Map<String, Object>> silenced = given().auth().oauth2(sharerLead).get("/api/v1/alerts/" + id + "/history")
                .then().statusCode(200).extract().path("findAll { it.action == 'SILENCED' }");
        assertThat(silenced).singleElement().satisfies(e -> assertThat(e).containsEntry("taskForce", "CHASER")
                .doesNotContainKeys("detail", "actor", "attributes"));

        // Another task force's lead neither sees nor expires it; ops sees every silence.
        given().auth().oauth2(sharerLead).get("/api/v1/silences").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(silenceId)));
        given().auth().oauth2(sharerLead).delete("/api/v1/silences/" + silenceId).then().statusCode(404);
        given().auth().oauth2(token("ops", "HQ", "ops")).get("/api/v1/silences").then()
                .body("id", org.hamcrest.Matchers.hasItem(silenceId));
        given().auth().oauth2(chaserLead).delete("/api/v1/silences/" + silenceId).then().statusCode(200)
                .body("expiredBy", equalTo("lead.chaser"));

        // Both acts are on the access audit, with who, which task force and the scope.
        var audit = io.waspada.testing.TopicClients.readUntil(SharedKafka.connection(), io.waspada.topics.Topics.ACCESS_AUDIT,
                records -> records.stream().filter(r -> r.value().contains(silenceId)).count() == 2, Duration.ofSeconds(20));
        assertThat(audit).filteredOn(r -> r.value().contains(silenceId)).extracting(r -> tree(r.value()))
                .satisfiesExactly(
                        created -> {
                            assertThat(created.path("action").asText()).isEqualTo("silence.create");
                            assertThat(created.path("actor").asText()).isEqualTo("lead.chaser");
                            assertThat(created.path("scope").asText()).isEqualTo("CHASER");
                        },
                        expired -> assertThat(expired.path("action").asText()).isEqualTo("silence.expire"));
        given().auth().oauth2(sharerLead).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(200); // no more reminders to SHARER
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSilenceCreatedDuringGroupWaitStopsThePage() {
        String subject = uniqueId("tok-late-silence");
        String id = uniqueId("late");
        send(alert(id, 1, "WAIT", Severity.HIGH, subject, Handling.H1));
        awaitLifecycle(id, LifecycleAction.ROUTED);
        given().auth().oauth2(token("ops", "HQ", "ops")).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("subject=\"" + subject + "\""),
                        "endsAt", Instant.now().plus(Duration.ofHours(1)).toString(), "comment", "late"))
                .post("/api/v1/silences").then().statusCode(201);
        List<AlertLifecycleEvent> events = awaitLifecycle(id, LifecycleAction.SILENCED);
        assertThat(events).filteredOn(e -> e.getAction() == LifecycleAction.SILENCED).first()
                .satisfies(e -> assertThat(e.getDetail()).isEqualTo("muted before sending"));
        assertThat(events).extracting(AlertLifecycleEvent::getAction).doesNotContain(LifecycleAction.DELIVERED);
        assertThat(NotifierTestResource.receiver().requests("/ok")).noneMatch(r -> r.body().contains(id));
    }

    @Test
    void refusesABadSilenceNamingTheField() {
        String ops = token("ops", "HQ", "ops");
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("subject=~\"[\""), "endsAt", "2099-01-01T00:00:00Z", "comment", "x"))
                .post("/api/v1/silences")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("matchers"));
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("subject=\"a\""), "endsAt", "2001-01-01T00:00:00Z", "comment", "x"))
                .post("/api/v1/silences")
                .then().statusCode(400).body("field", equalTo("endsAt"));
        given().auth().oauth2(token("officer.north", "NORTH", "officer")).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("subject=\"a\"")))
                .post("/api/v1/silences").then().statusCode(403);
        // No silence of everything: a regex alone is refused, and so is one longer than the maximum (7 days).
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("type=~\".*\""), "endsAt", Instant.now().plus(Duration.ofHours(1))
                        .toString(), "comment", "everything"))
                .post("/api/v1/silences")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("matchers"));
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("subject=\"a\""), "endsAt", "2036-01-01T00:00:00Z", "comment", "x"))
                .post("/api/v1/silences")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("endsAt"))
                .body("detail", org.hamcrest.Matchers.containsString("at most 7 days"));
        // Pathological regexes: a backreference (not linear-time) and nested counted repetitions that would blow up the
        // compiled program are refused naming the field; (a+)+b is accepted, as RE2/J runs it in linear time.
        for (String bad : List.of("type=~\"(a)\\\\1\"", "type=~\"((a{100}){100})\"")) {
            given().auth().oauth2(ops).contentType(ContentType.JSON)
                    .body(Map.of("matchers", List.of("subject=\"a\"", bad), "endsAt", Instant.now().plus(Duration.ofHours(1))
                            .toString(), "comment", "x"))
                    .post("/api/v1/silences")
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("matchers"));
        }
        // Four silences on severity would mute everything: an exact value of a low-cardinality label is not enough.
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("severity=\"LOW\""), "endsAt", Instant.now().plus(Duration.ofHours(1))
                        .toString(), "comment", "noise"))
                .post("/api/v1/silences").then().statusCode(400).body("field", equalTo("matchers"));
        // No chain of future silences: a silence ends at most 7 days after it is made.
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("subject=\"a\""), "startsAt", Instant.now().plus(Duration.ofDays(7))
                        .toString(), "endsAt", Instant.now().plus(Duration.ofDays(8)).toString(), "comment", "later"))
                .post("/api/v1/silences").then().statusCode(400).body("field", equalTo("endsAt"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/silences").then().statusCode(401);
    }

    @Test
    void aCriticalAlertInhibitsLowerOnesOnTheSameSubject() {
        String subject = uniqueId("tok-inhibit");
        String critical = uniqueId("critical");
        send(alert(critical, 1, "HOOK", Severity.CRITICAL, subject, Handling.H1));
        awaitLifecycle(critical, LifecycleAction.ROUTED);
        String low = uniqueId("low");
        send(alert(low, 1, "HOOK", Severity.LOW, subject, Handling.H1));
        List<AlertLifecycleEvent> events = awaitLifecycle(low, LifecycleAction.INHIBITED);
        assertThat(events.get(0).getAttributes()).containsEntry("sourceAlertId", critical);
        String otherSubject = uniqueId("other");
        send(alert(otherSubject, 1, "HOOK", Severity.LOW, uniqueId("tok"), Handling.H1));
        awaitLifecycle(otherSubject, LifecycleAction.ROUTED);
    }

    @Test
    void anAlertItsReceiversMayNotSeeDoesNotInhibitThem() {
        String subject = uniqueId("tok-inhibit-h3");
        String secret = uniqueId("critical-h3");
        // HOOK routes to HOOK_OK, cleared for H0-H2: an H3 critical alert is not theirs to know of.
        send(alert(secret, 1, "HOOK", Severity.CRITICAL, subject, Handling.H3));
        awaitLifecycle(secret, LifecycleAction.OTHER);
        String low = uniqueId("low-h1");
        send(alert(low, 1, "HOOK", Severity.LOW, subject, Handling.H1));
        List<AlertLifecycleEvent> events = awaitLifecycle(low, LifecycleAction.ROUTED);
        assertThat(events).extracting(AlertLifecycleEvent::getAction).doesNotContain(LifecycleAction.INHIBITED);
    }

    @Test
    void anAlertGoesOnlyToReceiversClearedForItsHandlingCode() {
        String restricted = uniqueId("h2");
        send(alert(restricted, 1, "LIAISON", Severity.HIGH, uniqueId("tok"), Handling.H2));
        List<AlertLifecycleEvent> events = awaitLifecycle(restricted, LifecycleAction.OTHER);
        assertThat(events).extracting(AlertLifecycleEvent::getAction).doesNotContain(LifecycleAction.ROUTED);
        assertThat(events.get(0).getDetail()).isEqualTo("WITHHELD: handling H2 not cleared for LIAISON");

        String open = uniqueId("h0");
        send(alert(open, 1, "LIAISON", Severity.HIGH, uniqueId("tok"), Handling.H0));
        awaitRequest("/liaison", open);
        assertThat(NotifierTestResource.receiver().requests("/liaison")).noneMatch(r -> r.body().contains(restricted));
    }

    private static void closeQuietly(SilenceLog log) throws Exception {
        var close = SilenceLog.class.getDeclaredMethod("close");
        close.setAccessible(true);
        close.invoke(log);
    }
}
