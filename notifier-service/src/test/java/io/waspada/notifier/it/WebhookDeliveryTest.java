package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.notifier.delivery.Signature;
import io.waspada.notifier.delivery.WebhookVerification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Signed webhooks against a real local HTTP receiver that fails on purpose: signature, retries, dead letters, replay. */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The receiver's side, as the README documents it: the real call verifies once; the same call again is a replay,
     * the same call an hour later is stale, a changed body or a forged timestamp fails the signature.
     */
    @Test
    void aReceiverRefusesAReplayedStaleOrAlteredCallByTheDocumentedCheck() throws Exception {
        String id = uniqueId("hook-verify");
        send(alert(id, 1, "HOOK", Severity.HIGH, uniqueId("tok"), Handling.H2));
        WebhookReceiver.Request request = awaitRequest("/ok", id);
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        java.time.Instant received = request.at();
        WebhookVerification receiver = new WebhookVerification(NotifierTestResource.SECRET, java.time.Duration.ofMinutes(5));

        assertThat(receiver.verify(request::header, body, received)).isEqualTo(WebhookVerification.Verdict.VALID);
        assertThat(receiver.verify(request::header, body, received.plusSeconds(10)))
                .as("not yet acted on: a retry is still welcome").isEqualTo(WebhookVerification.Verdict.VALID);
        receiver.processed(request.header(Signature.ID), received);
        assertThat(receiver.verify(request::header, body, received.plusSeconds(30)))
                .isEqualTo(WebhookVerification.Verdict.REPLAYED);
        assertThat(new WebhookVerification(NotifierTestResource.SECRET, java.time.Duration.ofMinutes(5))
                .verify(request::header, body, received.plusSeconds(3600))).isEqualTo(WebhookVerification.Verdict.STALE);
        byte[] altered = request.body().replace("HIGH", "LOW").getBytes(StandardCharsets.UTF_8);
        assertThat(new WebhookVerification(NotifierTestResource.SECRET, java.time.Duration.ofMinutes(5))
                .verify(request::header, altered, received)).isEqualTo(WebhookVerification.Verdict.BAD_SIGNATURE);
        java.util.function.Function<String, String> laterStamp = name -> name.equals(Signature.TIMESTAMP)
                ? Long.toString(received.getEpochSecond() + 3600) : request.header(name);
        assertThat(new WebhookVerification(NotifierTestResource.SECRET, java.time.Duration.ofMinutes(5))
                .verify(laterStamp, body, received.plusSeconds(3600))).isEqualTo(WebhookVerification.Verdict.BAD_SIGNATURE);
        assertThat(request.header(Signature.ID)).startsWith(request.header("X-Waspada-Notification") + "-")
                .isEqualTo(Signature.messageId(request.header("X-Waspada-Notification"), body));
    }

    @Test
    void postsTheAlertSignedWithTheReceiversSecret() throws Exception {
        String id = uniqueId("hook");
        send(alert(id, 1, "HOOK", Severity.HIGH, uniqueId("tok"), Handling.H2));
        WebhookReceiver.Request request = awaitRequest("/ok", id);
        assertThat(request.header(Signature.HEADER))
                .isEqualTo(Signature.sign(NotifierTestResource.SECRET, request.body().getBytes(StandardCharsets.UTF_8)));
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("receiver").asText()).isEqualTo("HOOK_OK");
        JsonNode alert = body.path("alerts").get(0);
        assertThat(alert.path("alertId").asText()).isEqualTo(id);
        assertThat(alert.path("version").asLong()).isEqualTo(1);
        assertThat(alert.path("labels").path("region").asText()).isEqualTo("HOOK");
        assertThat(alert.path("evidence").get(0).path("agency").asText()).isEqualTo("IMMIGRATION");
        assertThat(alert.path("taskForces").get(0).asText()).isEqualTo("HOOK_OK");

        List<AlertLifecycleEvent> events = awaitLifecycle(id, LifecycleAction.DELIVERED);
        assertThat(events).extracting(AlertLifecycleEvent::getAction)
                .containsSubsequence(LifecycleAction.ROUTED, LifecycleAction.DELIVERED);
        assertThat(events).filteredOn(e -> e.getAction() == LifecycleAction.DELIVERED).first()
                .satisfies(e -> {
                    assertThat(e.getChannel()).isEqualTo("webhook");
                    assertThat(e.getTaskForce()).isEqualTo("HOOK_OK");
                });
    }

    @Test
    void retriesWithBackoffUntilTheReceiverAnswers() {
        String id = uniqueId("flaky");
        send(alert(id, 1, "FLAKY", Severity.HIGH, uniqueId("tok"), Handling.H1));
        List<AlertLifecycleEvent> events = awaitLifecycle(id, LifecycleAction.DELIVERED);
        assertThat(events).filteredOn(e -> "webhook".equals(e.getChannel())).extracting(AlertLifecycleEvent::getAction)
                .containsExactly(LifecycleAction.DELIVERY_FAILED, LifecycleAction.DELIVERY_FAILED, LifecycleAction.DELIVERED);
        assertThat(events).filteredOn(e -> e.getAction() == LifecycleAction.DELIVERY_FAILED)
                .extracting(AlertLifecycleEvent::getDetail).containsOnly("HTTP 503");
    }

    @Test
    void deadLettersAfterTheLastTryAndReplaysOnRequest() {
        String id = uniqueId("dead");
        send(alert(id, 1, "DEAD", Severity.HIGH, uniqueId("tok"), Handling.H1));
        List<AlertLifecycleEvent> events = awaitLifecycle(id, LifecycleAction.DEAD_LETTERED);
        assertThat(events).filteredOn(e -> e.getAction() == LifecycleAction.DELIVERY_FAILED).hasSize(3);

        String ops = token("ops", "HQ", "ops");
        String letterId = given().auth().oauth2(ops).get("/api/v1/dead-letters")
                .then().statusCode(200).body("alerts.flatten()", hasItem(id + ":1"))
                .extract().jsonPath().param("alert", id + ":1")
                .getString("find { it.alerts.contains(alert) }.id");
        given().auth().oauth2(token("officer.north", "NORTH", "officer")).post("/api/v1/dead-letters/" + letterId + "/replay")
                .then().statusCode(403);
        // An ops user of a task force cleared for H0 only neither sees nor replays a letter holding an H1 alert.
        String liaisonOps = token("ops.liaison", "LIAISON", "ops");
        given().auth().oauth2(liaisonOps).get("/api/v1/dead-letters").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(hasItem(letterId)));
        given().auth().oauth2(liaisonOps).post("/api/v1/dead-letters/" + letterId + "/replay").then().statusCode(404);

        NotifierTestResource.receiver().makeDeadHealthy();
        given().auth().oauth2(ops).post("/api/v1/dead-letters/" + letterId + "/replay").then().statusCode(202);
        awaitLifecycle(id, LifecycleAction.DELIVERED);
        given().auth().oauth2(ops).get("/api/v1/dead-letters").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(hasItem(letterId)));
        given().auth().oauth2(ops).post("/api/v1/dead-letters/" + letterId + "/replay").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aSlowReceiverDoesNotDelayTheOthers() {
        // SLOW and HOOK_OK both get this alert; SLOW holds its request until released.
        String id = uniqueId("slow");
        send(alert(id, 1, "SLOW", Severity.HIGH, uniqueId("tok"), Handling.H1));
        awaitRequest("/ok", id);
        assertThat(NotifierTestResource.receiver().requests("/slow")).noneMatch(r -> r.body().contains(id));
        NotifierTestResource.receiver().releaseSlow();
        awaitRequest("/slow", id);
    }

    static WebhookReceiver.Request awaitRequest(String path, String alertId) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> NotifierTestResource.receiver().requests(path).stream()
                        .filter(r -> r.body().contains(alertId) && r.status() == 200).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    static List<AlertLifecycleEvent> awaitLifecycle(String alertId, LifecycleAction action) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> TestAlerts.lifecycle(alertId, 1),
                events -> events.stream().anyMatch(e -> e.getAction() == action));
    }
}
