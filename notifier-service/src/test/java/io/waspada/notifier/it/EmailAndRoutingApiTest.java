package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Email through a real local SMTP server (GreenMail), and the routing test endpoint ops use to check a config. */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class EmailAndRoutingApiTest {

    @Test
    void mailsTheTaskForceAndThreadsANewVersionAsAnUpdate() throws Exception {
        String id = uniqueId("mail");
        String subject = uniqueId("tok");
        send(alert(id, 1, "MAIL", Severity.CRITICAL, subject, Handling.H1));
        MimeMessage first = awaitMail(id, 1);
        assertThat(first.getSubject()).isEqualTo("[Waspada CRITICAL] Watchlisted passport seen at Bukit Kayu Hitam");
        assertThat(first.getAllRecipients()[0].toString()).isEqualTo("taskforce@waspada.test");
        assertThat(first.getContent().toString()).contains(id + " v1").doesNotContain("C1234567");

        send(alert(id, 2, "MAIL", Severity.CRITICAL, subject, Handling.H1));
        MimeMessage update = awaitMail(id, 2);
        assertThat(update.getSubject()).startsWith("Update: [Waspada CRITICAL]");
        assertThat(update.getHeader("In-Reply-To")[0]).isEqualTo(first.getHeader("Message-ID")[0]);
        WebhookDeliveryTest.awaitLifecycle(id, LifecycleAction.DELIVERED);
    }

    @Test
    void routingTestAnswersReceiversAndPaths() {
        given().auth().oauth2(token("ops", "HQ", "ops")).contentType(ContentType.JSON)
                .body(Map.of("labels", Map.of("region", "SLOW", "severity", "HIGH"), "handling", "H1"))
                .post("/api/v1/routing/test")
                .then().statusCode(200)
                .body("receivers.receiver", contains("SLOW", "HOOK_OK"))
                .body("receivers[0].route", equalTo("{}/5{region=~\"SLOW|FAST\"}"))
                .body("receivers[0].cleared", equalTo(true))
                .body("receivers[0].groupBy", contains("subject"))
                .body("receivers[0].groupWait", equalTo("0s"))
                .body("receivers[0].groupInterval", equalTo("1s"))
                .body("receivers[0].repeatInterval", equalTo("1h"))
                .body("receivers[0].escalationDeadlines.CRITICAL", equalTo("5m"))
                .body("receivers[0].escalationDeadlines.LOW", equalTo("never"));
        given().auth().oauth2(token("ops", "HQ", "ops")).contentType(ContentType.JSON)
                .body(Map.of("labels", Map.of("region", "TWO_ROUTES"), "handling", "H1"))
                .post("/api/v1/routing/test")
                .then().statusCode(200)
                .body("receivers.receiver", contains("QUICK", "PATIENT"))
                .body("receivers.escalationDeadlines.HIGH", contains("1m", "4m"));
        given().auth().oauth2(token("ops", "HQ", "ops")).contentType(ContentType.JSON)
                .body(Map.of("labels", Map.of("region", "LIAISON"), "handling", "H2"))
                .post("/api/v1/routing/test")
                .then().statusCode(200)
                .body("receivers.receiver", contains("LIAISON"))
                .body("receivers[0].cleared", equalTo(false));
        given().auth().oauth2(token("ops", "HQ", "ops")).contentType(ContentType.JSON)
                .body(Map.of("labels", Map.of("region", "X"), "handling", "H7"))
                .post("/api/v1/routing/test")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("handling"));
        given().contentType(ContentType.JSON).body(Map.of("labels", Map.of()))
                .post("/api/v1/routing/test").then().statusCode(401);
        given().auth().oauth2(token("ops", "HQ", "ops")).contentType(ContentType.JSON).body("{\"labels\": [1]}")
                .post("/api/v1/routing/test")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("labels"));
        given().auth().oauth2(token("ops", "HQ", "ops")).contentType(ContentType.JSON).body("{bad")
                .post("/api/v1/routing/test")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
    }

    @Test
    void listsTaskForcesWithoutSecrets() {
        given().auth().oauth2(token("officer.north", "NORTH", "officer")).get("/api/v1/task-forces")
                .then().statusCode(200)
                .body("find { it.id == 'LIAISON' }.handling", contains("H0"))
                .body("find { it.id == 'NORTH' }.escalation", contains("HQ"))
                .body("find { it.id == 'MAIL' }.channels", contains("websocket", "email"))
                .body("find { it.id == 'HOOK_OK' }.channels", contains("websocket", "webhook"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(NotifierTestResource.SECRET)));
    }

    private static MimeMessage awaitMail(String alertId, int version) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<MimeMessage> mails = Arrays.asList(NotifierTestResource.mail().getReceivedMessages());
            for (MimeMessage mail : mails) {
                if (mail.getContent().toString().contains(alertId + " v" + version)) {
                    return mail;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }
}
