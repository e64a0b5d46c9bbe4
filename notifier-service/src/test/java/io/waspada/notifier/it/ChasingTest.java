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
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.notifier.delivery.Signature;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acknowledged means stop chasing, against the real broker, a real local webhook receiver and GreenMail: a task force
 * reminded every second stops being reminded once an officer acknowledges, is chased again when a worse version
 * re-opens the alert, and hears once on webhook, email and WebSocket that the alert is resolved.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class ChasingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofSeconds(3);

    @TestHTTPResource("/")
    URI base;

    private final String chaser = token("lead.chaser", "CHASER", "officer", "lead");

    @Test
    void anAcknowledgementStopsRemindersAndAResolutionIsAnnouncedOnEveryChannel() throws Exception {
        String id = uniqueId("chase");
        try (FeedClient feed = FeedClient.connect(base, "access_token=" + chaser)) {
            send(alert(id, 1, "CHASE", Severity.HIGH, uniqueId("tok"), Handling.H1));
            // Unanswered, the task force is reminded every second on both channels.
            await().atMost(Duration.ofSeconds(20)).until(() -> hooks(id).stream().anyMatch(b -> b.path("repeat").asBoolean()));
            await().atMost(Duration.ofSeconds(20)).until(() -> mails(id).stream().anyMatch(m -> subject(m).startsWith("Reminder: ")));
            String notificationId = hooks(id).get(0).path("notificationId").asText();
            assertThat(hooks(id).get(0).path("status").asText()).isEqualTo("FIRING");

            given().auth().oauth2(chaser).contentType(ContentType.JSON).body("{\"comment\":\"on it\"}")
                    .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200);
            awaitQuiet(id);
            int mailsWhenQuiet = mails(id).size();
            await().atMost(Duration.ofSeconds(10)).until(() -> feedSaw(feed, id, "ACKNOWLEDGED"));

            given().auth().oauth2(chaser).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(200);
            WebhookReceiver.Request resolved = await().atMost(Duration.ofSeconds(20)).until(() -> requests(id).stream()
                    .filter(r -> "RESOLVED".equals(json(r).path("status").asText())).findFirst().orElse(null), Objects::nonNull);
            JsonNode body = json(resolved);
            assertThat(body.path("notificationId").asText()).isEqualTo(notificationId);
            assertThat(body.path("repeat").asBoolean()).isFalse();
            assertThat(body.path("alerts")).singleElement().satisfies(a -> {
                assertThat(a.path("alertId").asText()).isEqualTo(id);
                assertThat(a.path("status").asText()).isEqualTo("RESOLVED");
            });
            assertThat(resolved.header(Signature.HEADER)).isEqualTo(
                    Signature.sign(NotifierTestResource.SECRET, resolved.body().getBytes(StandardCharsets.UTF_8)));
            MimeMessage mail = await().atMost(Duration.ofSeconds(20)).until(() -> mails(id).stream()
                    .filter(m -> subject(m).startsWith("Resolved: ")).findFirst().orElse(null), Objects::nonNull);
            assertThat(mail.getHeader("In-Reply-To")[0]).isEqualTo("<" + notificationId + "@waspada>");
            assertThat(mail.getContent().toString()).contains("RESOLVED: HIGH");
            await().atMost(Duration.ofSeconds(10)).until(() -> feedSaw(feed, id, "RESOLVED"));

            // Announced once, then nothing more: the group held only this alert and has ended.
            awaitQuiet(id);
            assertThat(mails(id)).hasSize(mailsWhenQuiet + 1);
            assertThat(hooks(id)).filteredOn(b -> "RESOLVED".equals(b.path("status").asText())).hasSize(1);
        }
    }

    @Test
    void aWorseVersionReopensTheAlertAndTheRemindersResume() {
        String id = uniqueId("chase-reopen");
        String subject = uniqueId("tok");
        send(alert(id, 1, "CHASE", Severity.MEDIUM, subject, Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> !hooks(id).isEmpty());
        given().auth().oauth2(chaser).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200);
        awaitQuiet(id);

        send(alert(id, 2, "CHASE", Severity.CRITICAL, subject, Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks(id).stream().anyMatch(b ->
                b.path("repeat").asBoolean() && b.path("alerts").get(0).path("version").asLong() == 2));
        given().auth().oauth2(chaser).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("OPEN"));
        // Resolved, it stops: no reminders every second for the rest of the suite.
        given().auth().oauth2(chaser).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(200);
        awaitQuiet(id);
    }

    @Test
    void twoTaskForcesShareAnAlertAndAnAcknowledgementStopsOnlyTheRemindersOfTheOneThatGaveIt() {
        String id = uniqueId("chase-shared");
        String sharer = token("officer.sharer", "SHARER", "officer");
        send(alert(id, 1, "SHARED", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> reminded("/chase", id) && reminded("/share", id));

        given().auth().oauth2(chaser).contentType(ContentType.JSON).body("{\"comment\":\"our informant is inside\"}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        awaitQuiet("/chase", id);
        // SHARER learns that CHASER acknowledged and when, not who nor the comment.
        java.util.List<java.util.Map<String, Object>> acks = given().auth().oauth2(sharer)
                .get("/api/v1/alerts/" + id + "/history").then().statusCode(200)
                .extract().path("findAll { it.action == 'ACKED' }");
        assertThat(acks).singleElement().satisfies(e -> assertThat(e).containsEntry("taskForce", "CHASER")
                .doesNotContainKeys("detail", "actor"));
        // SHARER has not answered: it is still reminded every second, and still sees the alert OPEN.
        int sharerPages = requests("/share", id).size();
        await().atMost(Duration.ofSeconds(15)).until(() -> requests("/share", id).size() >= sharerPages + 2);
        given().auth().oauth2(sharer).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("acknowledgement", nullValue())
                .body("acknowledgedElsewhere.taskForce", contains("CHASER"));
        given().auth().oauth2(chaser).get("/api/v1/alerts/" + id).then().body("status", equalTo("ACKNOWLEDGED"));

        given().auth().oauth2(sharer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200);
        awaitQuiet("/share", id);
        given().auth().oauth2(chaser).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(200);
    }

    private static boolean reminded(String path, String id) {
        return requests(path, id).stream().anyMatch(r -> json(r).path("repeat").asBoolean());
    }

    /** No webhook request about the alert for {@link #QUIET} (three repeat intervals). */
    private static void awaitQuiet(String id) {
        awaitQuiet("/chase", id);
    }

    private static void awaitQuiet(String path, String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> requests(path, id).stream().map(WebhookReceiver.Request::at)
                .max(Instant::compareTo).orElse(Instant.MIN).isBefore(Instant.now().minus(QUIET)));
    }

    private static List<WebhookReceiver.Request> requests(String id) {
        return requests("/chase", id);
    }

    private static List<WebhookReceiver.Request> requests(String path, String id) {
        return NotifierTestResource.receiver().requests(path).stream()
                .filter(r -> json(r).path("alerts").findValuesAsText("alertId").contains(id)).toList();
    }

    private static List<JsonNode> hooks(String id) {
        return requests(id).stream().map(ChasingTest::json).toList();
    }

    private static List<MimeMessage> mails(String id) {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage mail : Arrays.asList(NotifierTestResource.mail().getReceivedMessages())) {
            try {
                if (mail.getContent().toString().contains(id + " v")) {
                    mine.add(mail);
                }
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mine;
    }

    private static boolean feedSaw(FeedClient feed, String id, String status) {
        return feed.messages().stream().anyMatch(m -> id.equals(m.path("alert").path("alertId").asText())
                && status.equals(m.path("alert").path("status").asText()));
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(WebhookReceiver.Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
