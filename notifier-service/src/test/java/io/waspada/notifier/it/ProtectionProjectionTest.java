package io.waspada.notifier.it;

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
import io.restassured.path.json.JsonPath;
import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A protection receiver (routing file {@code projection: protection}) sees an alert's victim-related facts and places,
 * never its subject token nor what another task force's people wrote, on every path: the API list, detail and
 * history, the WebSocket, its webhook (body and group labels), its email and the CAP export. A task force routed the
 * same alert in full sees the token, so the test would notice a projection applied to everyone.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class ProtectionProjectionTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theProtectionReceiverNeverSeesTheSubjectTokenOrAnotherTaskForcesNotesOnAnyPath() throws Exception {
        String welfare = token("officer.welfare", "PROTECTION", "officer");
        String investigator = token("officer.hook", "HOOK_OK", "officer");
        String subject = uniqueId("tok-protected");
        String id = uniqueId("protect");
        try (FeedClient feed = FeedClient.connect(base, "access_token=" + welfare)) {
            await().atMost(Duration.ofSeconds(15)).until(feed::backlogComplete);
            Alert alert = alert(id, 1, "PROTECT", Severity.HIGH, subject, Handling.H1);
            Map<String, String> labels = new HashMap<>(alert.getLabels());
            labels.put("minor", "true");
            alert.setLabels(labels);
            send(alert);

            String protectedHook = WebhookDeliveryTest.awaitRequest("/protect", id).body();
            assertThat(protectedHook).contains(id).contains("\"minor\":\"true\"").doesNotContain(subject);
            assertThat(WebhookDeliveryTest.awaitRequest("/ok", id).body()).as("in full for the investigators")
                    .contains(subject);

            await().atMost(Duration.ofSeconds(15)).until(() -> feed.alertVersions().contains(id + ":1"));
            assertThat(feed.messages().toString()).contains(id).doesNotContain(subject);

            JsonPath list = given().auth().oauth2(welfare).get("/api/v1/alerts?size=200").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(list.getList("items.alertId", String.class)).contains(id);
            String detail = given().auth().oauth2(welfare).get("/api/v1/alerts/" + id).then().statusCode(200)
                    .extract().asString();
            assertThat(detail).contains("\"minor\":\"true\"").doesNotContain(subject);
            assertThat(given().auth().oauth2(investigator).get("/api/v1/alerts/" + id).then().statusCode(200)
                    .extract().asString()).contains(subject);
            assertThat(given().auth().oauth2(welfare).get("/api/v1/alerts?size=200").asString())
                    .doesNotContain(subject);
            assertThat(given().auth().oauth2(welfare).get("/api/v1/alerts/" + id + "/cap").then().statusCode(200)
                    .extract().asString()).doesNotContain(subject);

            // A deadline for a mail whose first try may time out and be tried again (a second, then two, later).
            MimeMessage mail = await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(
                    NotifierTestResource.mail().getReceivedMessages())
                    .filter(m -> recipient(m).equals("protection@waspada.test") && content(m).contains(id))
                    .findFirst().orElse(null), m -> m != null);
            assertThat(content(mail)).doesNotContain(subject);

            // The investigators' notes stay theirs: acknowledgement and resolution comments, in detail and history.
            given().auth().oauth2(investigator).contentType(ContentType.JSON)
                    .body(Map.of("comment", "Surveillance of the recruiter's flat in Johor Bahru"))
                    .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200);
            given().auth().oauth2(token("lead.hook", "HOOK_OK", "officer", "lead")).contentType(ContentType.JSON)
                    .body(Map.of("comment", "Recruiter arrested at his flat in Johor Bahru"))
                    .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(welfare)
                    .get("/api/v1/alerts/" + id + "/history").asString().contains("RESOLVED"));
            String history = given().auth().oauth2(welfare).get("/api/v1/alerts/" + id + "/history").asString();
            String resolved = given().auth().oauth2(welfare).get("/api/v1/alerts/" + id).then().statusCode(200)
                    .extract().asString();
            assertThat(history + resolved).contains("RESOLVED").doesNotContain("Johor Bahru")
                    .doesNotContain("officer.hook").doesNotContain("lead.hook").doesNotContain(subject);
            assertThat(given().auth().oauth2(investigator).get("/api/v1/alerts/" + id).asString())
                    .contains("Recruiter arrested at his flat in Johor Bahru");
        }
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String content(MimeMessage mail) {
        try {
            return mail.getContent().toString() + mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
