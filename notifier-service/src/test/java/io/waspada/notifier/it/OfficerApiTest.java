package io.waspada.notifier.it;

import io.waspada.notifier.officers.OfficerStatus;
import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.cap.CapSchema;
import io.waspada.notifier.officers.AuditTrail;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The officer API against the real broker: isolation on every endpoint and on the WebSocket, acknowledge, re-open by
 * a worse version, resolve, the audit trail as history (and rebuilt from the topic), CAP Alert/Update/Ack validity.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class OfficerApiTest {

    @TestHTTPResource("/")
    URI base;

    private final String north = token("officer.north", "NORTH", "officer");
    private final String liaison = token("officer.liaison", "LIAISON", "officer");
    private final String liaisonLead = token("lead.liaison", "LIAISON", "officer", "lead");
    private final String northLead = token("lead.north", "NORTH", "officer", "lead");

    @Test
    void anOfficerOfAnotherTaskForceGets404OnEveryEndpointAndNothingOnTheWebSocket() throws Exception {
        String id = uniqueId("iso");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H0));
        awaitVisible(north, id);

        try (FeedClient other = FeedClient.connect(base, "access_token=" + liaison)) {
            for (String path : List.of("", "/history", "/cap")) {
                given().auth().oauth2(liaison).get("/api/v1/alerts/" + id + path)
                        .then().statusCode(404).contentType("application/problem+json");
            }
            given().auth().oauth2(liaison).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/alerts/" + id + "/ack").then().statusCode(404);
            given().auth().oauth2(liaisonLead).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(404);
            given().auth().oauth2(liaison).get("/api/v1/alerts?size=200")
                    .then().statusCode(200).body("items.alertId", not(hasItem(id)));
            await().atMost(Duration.ofSeconds(15)).until(other::backlogComplete);
            assertThat(other.alertVersions()).noneMatch(v -> v.startsWith(id + ":"));
        }
        // The other task force's attempts changed nothing.
        given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().statusCode(200).body("status", equalTo("OPEN"));
        given().get("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void acknowledgeReopenResolveWithHistoryAndCap() throws Exception {
        String id = uniqueId("ack");
        String subject = uniqueId("tok");
        send(alert(id, 1, "KEDAH", Severity.MEDIUM, subject, Handling.H1));
        awaitVisible(north, id);

        given().auth().oauth2(north).get("/api/v1/alerts?status=OPEN&severity=MEDIUM&size=200")
                .then().statusCode(200).body("items.alertId", hasItem(id));
        given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("evidence.size()", equalTo(1))
                .body("evidence[0].agency", equalTo("IMMIGRATION"));
        FeedClient northFeed = FeedClient.connect(base, "access_token=" + north);
        String alertCap = cap(id);
        CapSchema.assertValid(alertCap);
        assertThat(alertCap).contains("<msgType>Alert</msgType>").doesNotContain("<references>");

        // A passport number typed into the comment never reaches the audit trail in clear.
        given().auth().oauth2(north).contentType(ContentType.JSON)
                .body(Map.of("comment", "Team dispatched, holder of A12345678 detained"))
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("acknowledgement.by", equalTo("officer.north"))
                .body("acknowledgement.comment", equalTo("Team dispatched, holder of [masked-passport] detained"));
        assertThat(WebhookDeliveryTest.awaitLifecycle(id, io.waspada.avro.LifecycleAction.ACKED))
                .filteredOn(e -> e.getAction() == io.waspada.avro.LifecycleAction.ACKED)
                .allSatisfy(e -> assertThat(e.getDetail()).doesNotContain("A12345678"));
        given().auth().oauth2(north).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/ack").then().statusCode(409).contentType("application/problem+json");
        // Connected officers of the task force see the new status live.
        await().atMost(Duration.ofSeconds(10)).until(() -> northFeed.messages().stream().anyMatch(m ->
                id.equals(m.path("alert").path("alertId").asText())
                        && "ACKNOWLEDGED".equals(m.path("alert").path("status").asText())));
        northFeed.close();
        String ackCap = cap(id);
        CapSchema.assertValid(ackCap);
        assertThat(ackCap).contains("<msgType>Ack</msgType>", "Team dispatched", "waspada:" + id + ":v1");

        // Same severity: still acknowledged. Higher severity: re-opened.
        send(alert(id, 2, "KEDAH", Severity.MEDIUM, subject, Handling.H1));
        await().atMost(Duration.ofSeconds(15)).until(() -> version(id) == 2);
        given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().body("status", equalTo("ACKNOWLEDGED"));
        send(alert(id, 3, "KEDAH", Severity.CRITICAL, subject, Handling.H1));
        await().atMost(Duration.ofSeconds(15)).until(() -> "OPEN".equals(
                given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().extract().path("status")));
        String updateCap = cap(id);
        CapSchema.assertValid(updateCap);
        assertThat(updateCap).contains("<msgType>Update</msgType>", "<identifier>waspada:" + id + ":v3</identifier>",
                "waspada:" + id + ":v1,", "waspada:" + id + ":v2,");

        // Resolving closes it for every task force: an officer without the lead role is refused, a lead may.
        given().auth().oauth2(north).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(northLead).contentType(ContentType.JSON).body(Map.of("comment", "victims safe"))
                .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED"))
                .body("resolution.by", equalTo("lead.north")).body("resolution.comment", equalTo("victims safe"));
        given().auth().oauth2(north).get("/api/v1/alerts?status=RESOLVED&size=200")
                .then().body("items.alertId", hasItem(id));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(history(id))
                .contains("ROUTED", "VIEWED", "ACKED", "REOPENED", "RESOLVED"));
        List<Map<String, Object>> entries = given().auth().oauth2(north).get("/api/v1/alerts/" + id + "/history")
                .then().extract().path("findAll { it.action == 'ACKED' }");
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("actor", "officer.north").containsEntry("taskForce", "NORTH")
                    .containsEntry("detail", "Team dispatched, holder of [masked-passport] detained");
        });

        // A fresh notifier rebuilds the status from the topic alone.
        AuditTrail rebuilt = new AuditTrail(io.waspada.notifier.kafka.Readers.plain(SharedKafka.connection()));
        try {
            rebuilt.start(Duration.ofSeconds(30));
            assertThat(rebuilt.status(id).statusFor("NORTH")).isEqualTo(OfficerStatus.RESOLVED);
            assertThat(rebuilt.status(id).acknowledgementOf("NORTH")).isEmpty(); // re-opened by v3, then resolved
        } finally {
            rebuilt.close();
        }
    }

    @Test
    void badFiltersAndCommentsAreProblemsNamingTheField() {
        given().auth().oauth2(north).get("/api/v1/alerts?status=DONE").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("status"));
        given().auth().oauth2(north).get("/api/v1/alerts?severity=HUGE").then().statusCode(400).body("field", equalTo("severity"));
        given().auth().oauth2(north).get("/api/v1/alerts?since=yesterday").then().statusCode(400).body("field", equalTo("since"));
        given().auth().oauth2(north).get("/api/v1/alerts?size=0").then().statusCode(400).body("field", equalTo("size"));
        given().auth().oauth2(north).contentType(ContentType.JSON).body(Map.of("comment", "x".repeat(2001)))
                .post("/api/v1/alerts/any/ack").then().statusCode(400).body("field", equalTo("comment"));
    }

    private void awaitVisible(String token, String id) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().auth().oauth2(token).get("/api/v1/alerts/" + id).then().extract().statusCode() == 200);
    }

    private long version(String id) {
        Number v = given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().extract().path("version");
        return v == null ? 0 : v.longValue();
    }

    private String cap(String id) {
        return given().auth().oauth2(north).get("/api/v1/alerts/" + id + "/cap").then().statusCode(200)
                .contentType("application/cap+xml").extract().asString();
    }

    private List<String> history(String id) {
        return given().auth().oauth2(north).get("/api/v1/alerts/" + id + "/history").then().statusCode(200)
                .extract().path("action");
    }
}
