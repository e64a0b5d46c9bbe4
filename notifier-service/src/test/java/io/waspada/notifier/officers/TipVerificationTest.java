package io.waspada.notifier.officers;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.tipOnly;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.notifier.it.ControlledClock;
import io.waspada.notifier.it.NotifierTestResource;
import io.waspada.notifier.view.AlertView;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The verification desk decides on a tip-only alert (#18), against the real broker: verified, the alert reaches the
 * task force its other routes name (a webhook to a real local HTTP server) once, and escalates there when nobody
 * answers; found unfounded, it is resolved and goes nowhere; and everyone but a lead of the desk is refused, as is a
 * body without a decision or a reason and a second decision.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
class TipVerificationTest {

    @Inject
    ControlledClock clock;
    @Inject
    Escalator escalator;
    @Inject
    AlertView view;
    @Inject
    AuditTrail trail;

    private final String deskLead = token("lead.desk", "DESK", "officer", "lead");
    private final String deskOfficer = token("officer.desk", "DESK", "officer");
    private final String afterDesk = token("officer.after", "AFTER_DESK", "officer");

    @Test
    void aVerifiedTipOnlyAlertReachesTheTaskForceOfItsOtherRoutesOnceAndEscalatesThere() {
        String id = uniqueId("tip-verified");
        send(tipOnly(alert(id, 1, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1)));
        awaitRoutedTo(id, "DESK");
        given().auth().oauth2(afterDesk).get("/api/v1/alerts/" + id).then().statusCode(404);

        given().auth().oauth2(deskLead).contentType(ContentType.JSON)
                .body(Map.of("decision", "VERIFIED", "reason", "Hotline caller confirmed; passport A12345678 seen"))
                .post("/api/v1/alerts/" + id + "/verification")
                .then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("verification.decision", equalTo("VERIFIED"))
                .body("verification.taskForce", equalTo("DESK"))
                .body("verification.by", equalTo("lead.desk"))
                .body("verification.reason", equalTo("Hotline caller confirmed; passport [masked-passport] seen"));

        // Routed on as a new alert: the task force's webhook gets it, its officers see which desk verified it and why
        // (as they see another task force's resolution; a protection receiver would not see who or why).
        await().atMost(Duration.ofSeconds(30)).until(() -> NotifierTestResource.receiver().requests("/after-desk")
                .stream().anyMatch(r -> r.body().contains(id)));
        awaitRoutedTo(id, "AFTER_DESK");
        given().auth().oauth2(afterDesk).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("verification.decision", equalTo("VERIFIED"))
                .body("verification.taskForce", equalTo("DESK"))
                .body("verification.reason", equalTo("Hotline caller confirmed; passport [masked-passport] seen"));
        AlertLifecycleEvent decision = history(id).stream().filter(e -> e.getAction() == LifecycleAction.OTHER
                && "VERIFIED".equals(e.getAttributes().get(TipVerdict.ATTRIBUTE))).findFirst().orElseThrow();
        assertThat(decision.getActor()).isEqualTo("lead.desk");
        assertThat(decision.getDetail()).doesNotContain("A12345678");

        // Unanswered past AFTER_DESK's HIGH deadline (2 minutes from its routing): escalated to HQ like any alert.
        clock.advance(Duration.ofMinutes(3));
        escalator.escalateDue();
        await().atMost(Duration.ofSeconds(20)).until(() -> history(id).stream()
                .anyMatch(e -> e.getAction() == LifecycleAction.ESCALATED && "HQ".equals(e.getTaskForce())));
        escalator.escalateDue();
        // Routed once: however many passes ran, one ROUTED for the verification and one marker.
        assertThat(history(id).stream().filter(e -> e.getAction() == LifecycleAction.ROUTED
                && "AFTER_DESK".equals(e.getTaskForce())).count()).isEqualTo(1);
        assertThat(history(id).stream().filter(e -> TipVerdict.ROUTED.equals(e.getAttributes()
                .get(TipVerdict.ATTRIBUTE))).count()).isEqualTo(1);

        // A decision on it again: 409, nothing written.
        int before = history(id).size();
        given().auth().oauth2(deskLead).contentType(ContentType.JSON)
                .body(Map.of("decision", "UNFOUNDED", "reason", "second thoughts"))
                .post("/api/v1/alerts/" + id + "/verification").then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(history(id)).hasSize(before);

        // More tips: the next version still carries the label and still goes to AFTER_DESK as well.
        send(tipOnly(alert(id, 2, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> history(id).stream().anyMatch(e -> e.getAlertVersion() == 2
                && e.getAction() == LifecycleAction.ROUTED && "AFTER_DESK".equals(e.getTaskForce())));
    }

    @Test
    void anUnfoundedTipOnlyAlertIsResolvedAndRoutedNowhere() {
        String id = uniqueId("tip-unfounded");
        send(tipOnly(alert(id, 1, "VERIFY", Severity.CRITICAL, uniqueId("tok"), Handling.H1)));
        awaitRoutedTo(id, "DESK");

        given().auth().oauth2(deskLead).contentType(ContentType.JSON)
                .body(Map.of("decision", "UNFOUNDED", "reason", "The caller withdrew the report"))
                .post("/api/v1/alerts/" + id + "/verification")
                .then().statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("verification.decision", equalTo("UNFOUNDED"))
                .body("resolution.comment", equalTo("The caller withdrew the report"));
        AlertLifecycleEvent resolved = history(id).stream().filter(e -> e.getAction() == LifecycleAction.RESOLVED)
                .findFirst().orElseThrow();
        assertThat(resolved.getAttributes()).containsEntry(TipVerdict.ATTRIBUTE, "UNFOUNDED");

        clock.advance(Duration.ofHours(1));
        escalator.escalateDue();
        send(tipOnly(alert(id, 2, "VERIFY", Severity.CRITICAL, uniqueId("tok"), Handling.H1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> history(id).stream()
                .anyMatch(e -> e.getAlertVersion() == 2 && e.getAction() == LifecycleAction.ROUTED));
        escalator.escalateDue();
        assertThat(history(id)).noneMatch(e -> "AFTER_DESK".equals(e.getTaskForce())
                || e.getAction() == LifecycleAction.ESCALATED);
        assertThat(NotifierTestResource.receiver().requests("/after-desk")).noneMatch(r -> r.body().contains(id));
        given().auth().oauth2(afterDesk).get("/api/v1/alerts/" + id).then().statusCode(404);
    }

    @Test
    void onlyALeadOfTheDeskDecidesWithADecisionAndAReason() {
        String id = uniqueId("tip-refused");
        send(tipOnly(alert(id, 1, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1)));
        String agencyBacked = uniqueId("agency-backed");
        send(alert(agencyBacked, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        awaitRoutedTo(id, "DESK");
        awaitRoutedTo(agencyBacked, "NORTH");
        Map<String, String> verified = Map.of("decision", "VERIFIED", "reason", "checked");

        // Not a lead, a lead of another task force, ops: refused before the alert is looked up.
        decide(deskOfficer, id, verified).then().statusCode(403).contentType("application/problem+json");
        decide(token("lead.north", "NORTH", "officer", "lead"), agencyBacked, verified).then().statusCode(403);
        decide(token("ops", "HQ", "ops"), id, verified).then().statusCode(403);
        // The desk's lead about an alert it does not have, or that does not exist: 404 alike.
        decide(deskLead, agencyBacked, verified).then().statusCode(404).contentType("application/problem+json");
        decide(deskLead, "no-such-alert", verified).then().statusCode(404);
        // Bad bodies: 422 naming the field, 400 for what is not JSON; nothing written.
        decide(deskLead, id, Map.of("decision", "VERIFIED")).then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("reason"));
        decide(deskLead, id, Map.of("decision", "VERIFIED", "reason", "  ")).then().statusCode(422)
                .body("field", equalTo("reason"));
        decide(deskLead, id, Map.of("decision", "VERIFIED", "reason", "x".repeat(1001))).then().statusCode(422)
                .body("field", equalTo("reason"));
        decide(deskLead, id, Map.of("decision", "MAYBE", "reason", "checked")).then().statusCode(422)
                .body("field", equalTo("decision"));
        given().auth().oauth2(deskLead).contentType(ContentType.JSON).body("{\"decision\": ")
                .post("/api/v1/alerts/" + id + "/verification").then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(history(id)).noneMatch(e -> e.getAttributes().containsKey(TipVerdict.ATTRIBUTE));

        // An agency's event joined: the alert no longer waits for the desk (which still sees it).
        send(alert(id, 2, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> view.highestVersion(id) == 2);
        decide(deskLead, id, verified).then().statusCode(409).contentType("application/problem+json");
    }

    /**
     * Several instances: what another instance writes on the audit trail is applied here as it is read back. A decision
     * made at another instance is routed by this one, which owns the alert (in these tests it holds every partition);
     * a routing done by another instance (the owner there) reaches this instance's consoles.
     */
    @Test
    void whatAnotherInstanceWritesIsAppliedAsTheTrailIsReadBack() throws Exception {
        String decidedElsewhere = uniqueId("tip-elsewhere");
        String routedElsewhere = uniqueId("tip-routed-elsewhere");
        send(tipOnly(alert(decidedElsewhere, 1, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1)));
        send(tipOnly(alert(routedElsewhere, 1, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1)));
        awaitRoutedTo(decidedElsewhere, "DESK");
        awaitRoutedTo(routedElsewhere, "DESK");
        try (org.apache.kafka.clients.producer.KafkaProducer<String, AlertLifecycleEvent> other =
                io.waspada.testing.TopicClients.producer(io.waspada.kafka.local.SharedKafka.connection(),
                        io.waspada.topics.Topics.ALERT_LIFECYCLE)) {
            other.send(record(decidedElsewhere, LifecycleAction.OTHER, "lead.desk", "DESK",
                    Map.of(TipVerdict.ATTRIBUTE, TipVerdict.VERIFIED))).get();
            other.send(record(routedElsewhere, LifecycleAction.ROUTED, "notifier-service", "AFTER_DESK",
                    Map.of(AlertStatus.ROUTE, "elsewhere", TipVerdict.ATTRIBUTE, TipVerdict.VERIFIED))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> NotifierTestResource.receiver().requests("/after-desk")
                .stream().anyMatch(r -> r.body().contains(decidedElsewhere)));
        given().auth().oauth2(afterDesk).get("/api/v1/alerts/" + decidedElsewhere).then().statusCode(200)
                .body("verification.by", equalTo("lead.desk"));
        given().auth().oauth2(deskLead).get("/api/v1/alerts/" + decidedElsewhere).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(afterDesk)
                .get("/api/v1/alerts/" + routedElsewhere).statusCode() == 200);
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, AlertLifecycleEvent> record(String id,
            LifecycleAction action, String actor, String taskForce, Map<String, String> attributes) {
        return new org.apache.kafka.clients.producer.ProducerRecord<>(io.waspada.topics.Topics.ALERT_LIFECYCLE.name(),
                id, AlertLifecycleEvent.newBuilder().setEventId(java.util.UUID.randomUUID().toString()).setAlertId(id)
                        .setAlertVersion(1).setAction(action).setAt(java.time.Instant.now()).setActor(actor)
                        .setTaskForce(taskForce).setChannel(null).setDetail("from another instance")
                        .setAttributes(attributes).build());
    }

    private static io.restassured.response.Response decide(String token, String id, Map<String, String> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/alerts/" + id + "/verification");
    }

    private void awaitRoutedTo(String id, String taskForce) {
        await().atMost(Duration.ofSeconds(20)).until(() -> history(id).stream()
                .anyMatch(e -> e.getAction() == LifecycleAction.ROUTED && taskForce.equals(e.getTaskForce())));
    }

    private List<AlertLifecycleEvent> history(String id) {
        return trail.history(id);
    }
}
