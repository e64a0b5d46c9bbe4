package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waspada.avro.Alert;
import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.notifier.cap.CapSchema;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An alert's jurisdiction flags reach every channel through the real broker, strictest first and before anything else
 * about the alert: the officers' API, the WebSocket feed, the webhook body, the email (subject and first lines) and the
 * CAP export's {@code instruction}.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class JurisdictionFlagsChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INFORM_ONLY = "INFORM ONLY in ID (MMEA): do not act on this alert in ID; inform MMEA.";

    @TestHTTPResource("/")
    URI base;

    private static Alert flagged(String id, String region) {
        Alert alert = alert(id, 1, region, Severity.HIGH, uniqueId("tok"), Handling.H1);
        alert.setFlags(List.of(new Flag(FlagKind.INFORM_ONLY, "ID", "MMEA"), new Flag(FlagKind.PROTECT_VICTIM, null,
                "IMMIGRATION")));
        return alert;
    }

    @Test
    void theApiTheFeedTheWebhookAndCapCarryTheFlagsStrictestFirst() throws Exception {
        String hookOfficer = token("officer.hook", "HOOK_OK", "officer");
        try (FeedClient feed = FeedClient.connect(base, "access_token=" + hookOfficer)) {
            await().atMost(Duration.ofSeconds(15)).until(feed::backlogComplete);
            String id = uniqueId("flagged");
            send(flagged(id, "HOOK"));

            JsonNode posted = JSON.readTree(WebhookDeliveryTest.awaitRequest("/ok", id).body()).path("alerts").get(0);
            assertThat(posted.path("flags").findValuesAsText("kind")).containsExactly("INFORM_ONLY", "PROTECT_VICTIM");
            assertThat(posted.path("flags").get(0).path("notice").asText()).isEqualTo(INFORM_ONLY);

            JsonPath detail = given().auth().oauth2(hookOfficer).get("/api/v1/alerts/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(detail.getList("flags.kind", String.class)).containsExactly("INFORM_ONLY", "PROTECT_VICTIM");
            assertThat(detail.getString("flags[0].jurisdiction")).isEqualTo("ID");
            assertThat(detail.getString("flags[1].agency")).isEqualTo("IMMIGRATION");

            await().atMost(Duration.ofSeconds(15)).until(() -> feed.alertVersions().contains(id + ":1"));
            JsonNode pushed = feed.messages().stream().filter(m -> id.equals(m.path("alert").path("alertId").asText()))
                    .findFirst().orElseThrow().path("alert");
            assertThat(pushed.path("flags").findValuesAsText("notice")).first().isEqualTo(INFORM_ONLY);

            String cap = given().auth().oauth2(hookOfficer).get("/api/v1/alerts/" + id + "/cap").then().statusCode(200)
                    .extract().asString();
            CapSchema.assertValid(cap);
            assertThat(cap).contains("<instruction>" + INFORM_ONLY + "\nPROTECT THE VICTIM FIRST (IMMIGRATION)")
                    .contains("<valueName>flags</valueName><value>INFORM_ONLY:ID@MMEA,PROTECT_VICTIM@IMMIGRATION");
        }
    }

    @Test
    void theEmailNamesTheStrictestFlagInItsSubjectAndListsThemAllFirst() {
        String id = uniqueId("flagged-mail");
        send(flagged(id, "MAIL"));
        MimeMessage mail = await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(
                NotifierTestResource.mail().getReceivedMessages()).filter(m -> body(m).contains(id + " v1"))
                .findFirst().orElse(null), m -> m != null);
        assertThat(subject(mail)).startsWith("[Waspada HIGH] [INFORM_ONLY] ");
        String body = body(mail);
        assertThat(body.indexOf("!! " + INFORM_ONLY)).isPositive()
                .isLessThan(body.indexOf("!! PROTECT THE VICTIM FIRST")).isLessThan(body.indexOf("Evidence held by"));
    }

    private static String body(MimeMessage mail) {
        try {
            return mail.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
