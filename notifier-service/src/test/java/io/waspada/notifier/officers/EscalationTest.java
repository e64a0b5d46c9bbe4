package io.waspada.notifier.officers;

import io.waspada.topics.Topics;
import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.it.ControlledClock;
import io.waspada.notifier.it.FeedClient;
import io.waspada.notifier.it.NotifierTestResource;
import io.waspada.notifier.it.TestAlerts;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Escalation on a controlled clock against the real broker: an unacknowledged CRITICAL alert goes, after 5 minutes,
 * to the next cleared task force of its chain (and is delivered there), an acknowledged one does not, a fresh
 * escalator rebuilt from the audit trail carries on where the previous one stopped, two routes give two task forces
 * different deadlines for one alert, and the scheduled check escalates on its own.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class EscalationTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    ControlledClock clock;
    @Inject
    Escalator escalator;
    @Inject
    AlertView view;
    @Inject
    Router router;
    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    NotificationSender sender;
    @Inject
    AuditTrail trail;

    private final String border = token("officer.border", "BORDER", "officer");
    private final String north = token("officer.north", "NORTH", "officer");
    private final String hq = token("officer.hq", "HQ", "officer");

    @Test
    void anUnacknowledgedAlertEscalatesAlongItsChainAndAcrossARestart() throws Exception {
        String id = uniqueId("esc");
        String acked = uniqueId("esc-acked");
        send(alert(id, 1, "BORDER", Severity.CRITICAL, uniqueId("tok"), Handling.H1));
        send(alert(acked, 1, "BORDER", Severity.CRITICAL, uniqueId("tok"), Handling.H1));
        awaitWaiting(id);
        awaitWaiting(acked);
        given().auth().oauth2(border).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + acked + "/ack").then().statusCode(200);
        given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().statusCode(404);

        try (FeedClient northFeed = FeedClient.connect(base, "access_token=" + north)) {
            clock.advance(Duration.ofMinutes(4));
            escalator.escalateDue();
            assertThat(escalations(id)).isEmpty();

            clock.advance(Duration.ofMinutes(2));
            escalator.escalateDue();
            // LIAISON is first in the chain but not cleared for H1: NORTH is the next step.
            assertThat(escalations(id)).singleElement().satisfies(e -> {
                assertThat(e.getTaskForce()).isEqualTo("NORTH");
                assertThat(e.getAttributes()).containsEntry("from", "BORDER").containsEntry("level", "2");
            });
            assertThat(escalations(acked)).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> northFeed.alertVersions().contains(id + ":1"));
            given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().statusCode(200);
            given().auth().oauth2(hq).get("/api/v1/alerts/" + id).then().statusCode(404);
        }

        // Restart: a fresh escalator whose view and audit trail are rebuilt from Kafka continues with HQ.
        AuditTrail rebuiltTrail = new AuditTrail(io.waspada.notifier.kafka.Readers.plain(SharedKafka.connection()));
        try {
            rebuiltTrail.start(Duration.ofSeconds(30));
            AlertView rebuiltView = new AlertView();
            rebuiltView.apply(new AlertState(view.get(id).orElseThrow().alert(), List.of("BORDER"), null, AlertState.OPEN));
            Escalator restarted = fresh(rebuiltTrail, rebuiltView);
            restarted.restore();
            assertThat(rebuiltView.get(id).orElseThrow().taskForces()).containsExactly("BORDER", "NORTH");

            clock.advance(Duration.ofMinutes(4));
            assertThat(restarted.escalateDue()).isZero();
            clock.advance(Duration.ofMinutes(2));
            // Due now, but escalated only by the instance that owns the alert's partition.
            restarted.ownership = new io.waspada.notifier.kafka.PartitionOwnership();
            assertThat(restarted.escalateDue()).isZero();
            restarted.ownership = io.waspada.notifier.kafka.PartitionOwnership.all(Topics.ALERTS.spec().partitions());
            assertThat(restarted.escalateDue()).isEqualTo(1);
        } finally {
            rebuiltTrail.close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().auth().oauth2(hq).get("/api/v1/alerts/" + id).then().extract().statusCode() == 200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(escalations(id))
                .extracting(AlertLifecycleEvent::getTaskForce).containsExactly("NORTH", "HQ"));
        // The audit trail on the topic itself holds both steps.
        await().atMost(Duration.ofSeconds(20)).until(() -> TestAlerts.lifecycle(id, 1).stream()
                .filter(e -> e.getAction() == LifecycleAction.ESCALATED).count() == 2);
    }

    @Test
    void twoRoutesGiveTheirTaskForcesDifferentDeadlinesAlsoAfterARestart() throws Exception {
        String id = uniqueId("esc-two");
        send(alert(id, 1, "TWO_ROUTES", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> routed(id) == 2);

        // QUICK's route gives HIGH alerts 1 minute, PATIENT's 4 (the service-wide HIGH deadline is 15).
        clock.advance(Duration.ofMinutes(2));
        escalator.escalateDue();
        assertThat(escalations(id)).singleElement().satisfies(e -> {
            assertThat(e.getAttributes()).containsEntry("from", "QUICK").containsEntry("level", "1");
            assertThat(e.getTaskForce()).isEqualTo("HQ");
            assertThat(e.getDetail()).endsWith("within 1m");
        });

        // Restart: the routes that sent the alert to each task force come back from the ROUTED events on the topic.
        AuditTrail rebuiltTrail = new AuditTrail(io.waspada.notifier.kafka.Readers.plain(SharedKafka.connection()));
        try {
            rebuiltTrail.start(Duration.ofSeconds(30));
            AlertView rebuiltView = new AlertView();
            rebuiltView.apply(new AlertState(view.get(id).orElseThrow().alert(), List.of("QUICK", "PATIENT"), null,
                    AlertState.OPEN));
            Escalator restarted = fresh(rebuiltTrail, rebuiltView);
            restarted.restore();
            clock.advance(Duration.ofMinutes(1));
            assertThat(restarted.escalateDue()).isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(restarted.escalateDue()).isEqualTo(1);
        } finally {
            rebuiltTrail.close();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(escalations(id))
                .extracting(AlertLifecycleEvent::getTaskForce).containsExactly("HQ", "NORTH"));
        assertThat(escalations(id).get(1).getDetail()).isEqualTo("not acknowledged by PATIENT within 4m");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().extract().statusCode() == 200);
    }

    @Test
    void theScheduledCheckEscalatesADueAlertByItself() throws Exception {
        String id = uniqueId("esc-timer");
        send(alert(id, 1, "TIMER", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> routed(id) == 1 && view.get(id).isPresent());
        // A second escalator on its own view (this alert only), checking every 50 ms: nobody calls escalateDue().
        AlertView own = new AlertView();
        own.apply(new AlertState(view.get(id).orElseThrow().alert(), List.of("QUICK"), null, AlertState.OPEN));
        Escalator ticking = fresh(trail, own);
        ticking.tick = Duration.ofMillis(50);
        try {
            ticking.start();
            clock.advance(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(20)).until(() -> escalations(id).size() == 1);
            assertThat(own.get(id).orElseThrow().taskForces()).containsExactly("QUICK", "HQ");
        } finally {
            ticking.stop();
        }
    }

    @Test
    void twoTaskForcesShareAnAlertAndOneAcknowledgementStopsOnlyItsOwnEscalation() throws Exception {
        String id = uniqueId("esc-shared");
        send(alert(id, 1, "TWO_ROUTES", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> routed(id) == 2);
        given().auth().oauth2(token("officer.quick", "QUICK", "officer")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200);

        // Past both deadlines (QUICK 1 minute, PATIENT 4): only PATIENT, which has not answered, is escalated.
        clock.advance(Duration.ofMinutes(5));
        escalator.escalateDue();
        assertThat(escalations(id)).singleElement().satisfies(e -> {
            assertThat(e.getAttributes()).containsEntry("from", "PATIENT");
            assertThat(e.getTaskForce()).isEqualTo("NORTH");
        });
        given().auth().oauth2(token("officer.patient", "PATIENT", "officer")).get("/api/v1/alerts/" + id)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("OPEN"));
        // NORTH takes it on for PATIENT's chain: acknowledged there, PATIENT's chain stops too.
        given().auth().oauth2(north).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200);
        clock.advance(Duration.ofMinutes(10));
        escalator.escalateDue();
        assertThat(escalations(id)).hasSize(1);
    }

    @Test
    void anAlertEscalatedAtH1AndRaisedToH3LeavesTheEscalatedTaskForceOnEveryPathAndAfterARestart() throws Exception {
        String id = uniqueId("esc-raised");
        String subject = uniqueId("tok");
        send(alert(id, 1, "BORDER", Severity.CRITICAL, subject, Handling.H1));
        awaitWaiting(id);
        clock.advance(Duration.ofMinutes(6));
        escalator.escalateDue();
        assertThat(escalations(id)).extracting(AlertLifecycleEvent::getTaskForce).containsExactly("NORTH");
        given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().statusCode(200);

        try (FeedClient northFeed = FeedClient.connect(base, "access_token=" + north)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> northFeed.alertVersions().contains(id + ":1"));
            // New evidence makes it H3: NORTH (cleared up to H2) must not see it any more, anywhere.
            send(alert(id, 2, "BORDER", Severity.CRITICAL, subject, Handling.H3));
            await().atMost(Duration.ofSeconds(20)).until(() -> view.highestVersion(id) == 2);
            assertNowhereFor(north, id);
            // The open console is told to drop it, and never gets the H3 version.
            await().atMost(Duration.ofSeconds(10)).until(() -> northFeed.messages().stream().anyMatch(m ->
                    "withdrawn".equals(m.path("type").asText()) && id.equals(m.path("alertId").asText())));
            assertThat(northFeed.alertVersions()).doesNotContain(id + ":2");
        }
        try (FeedClient reconnected = FeedClient.connect(base, "access_token=" + north)) {
            await().atMost(Duration.ofSeconds(15)).until(reconnected::backlogComplete);
            assertThat(reconnected.alertVersions()).noneMatch(v -> v.startsWith(id + ":"));
        }

        // Restart: the view is rebuilt from the alerts topic (v2, withheld from BORDER and NORTH alike) and the
        // escalator restores its escalations from the audit trail: NORTH is not given the alert back.
        AuditTrail rebuiltTrail = new AuditTrail(io.waspada.notifier.kafka.Readers.plain(SharedKafka.connection()));
        try {
            rebuiltTrail.start(Duration.ofSeconds(30));
            assertThat(rebuiltTrail.status(id).escalatedTo("NORTH")).isTrue();
            AlertView rebuiltView = new AlertView();
            rebuiltView.apply(new AlertState(view.get(id).orElseThrow().alert(), List.of(), null, AlertState.OPEN));
            fresh(rebuiltTrail, rebuiltView).restore();
            assertThat(rebuiltView.get(id).orElseThrow().taskForces()).doesNotContain("NORTH");
        } finally {
            rebuiltTrail.close();
        }
        // Nor does the running escalator chase it further to a task force not cleared for H3.
        clock.advance(Duration.ofMinutes(10));
        escalator.escalateDue();
        assertThat(escalations(id)).extracting(AlertLifecycleEvent::getTaskForce).containsExactly("NORTH");
        assertNowhereFor(north, id);
    }

    /** 404 on the alert, its history and CAP, absent from the list: exactly as if it did not exist. */
    private static void assertNowhereFor(String officer, String id) {
        for (String path : List.of("", "/history", "/cap")) {
            given().auth().oauth2(officer).get("/api/v1/alerts/" + id + path).then().statusCode(404);
        }
        given().auth().oauth2(officer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(404);
        given().auth().oauth2(officer).get("/api/v1/alerts?size=200").then().statusCode(200)
                .body("items.alertId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
    }

    private long routed(String id) {
        return trail.history(id).stream().filter(e -> e.getAction() == LifecycleAction.ROUTED).count();
    }

    private Escalator fresh(AuditTrail trail, AlertView rebuiltView) {
        Escalator restarted = new Escalator();
        restarted.view = rebuiltView;
        restarted.trail = trail;
        restarted.router = router;
        restarted.lifecycle = lifecycle;
        restarted.sender = sender;
        restarted.clock = clock;
        restarted.tick = Duration.ofHours(1);
        return restarted;
    }

    /** Waits until the app's audit trail has the alert's ROUTED event: its deadline is counted from there. */
    private void awaitWaiting(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().auth().oauth2(border).get("/api/v1/alerts/" + id + "/history").then().extract().statusCode() == 200
                        && given().auth().oauth2(border).get("/api/v1/alerts/" + id + "/history")
                                .then().extract().<List<String>>path("action").contains("ROUTED"));
    }

    private List<AlertLifecycleEvent> escalations(String id) {
        return trail.history(id).stream().filter(e -> e.getAction() == LifecycleAction.ESCALATED).toList();
    }

}
