package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /ws/alerts: token in the query, backlog of the task force's open alerts, then live versions in order, then resume. */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class WebSocketFeedTest {

    @TestHTTPResource("/")
    URI base;
    @jakarta.inject.Inject
    io.waspada.notifier.view.AlertView view;

    @Test
    void backlogThenLiveThenResumeWithoutGaps() throws Exception {
        String id = uniqueId("ws");
        String subject = uniqueId("tok");
        send(alert(id, 1, "KEDAH", Severity.HIGH, subject, Handling.H2));
        String north = token("officer.north", "NORTH", "officer");

        FeedClient first = FeedClient.connect(base, "access_token=" + north);
        await().atMost(Duration.ofSeconds(15)).until(first::backlogComplete);
        assertThat(first.alertVersions()).contains(id + ":1");

        send(alert(id, 2, "KEDAH", Severity.HIGH, subject, Handling.H2));
        send(alert(id, 3, "KEDAH", Severity.HIGH, subject, Handling.H2));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.alertVersions().contains(id + ":3"));
        assertThat(first.alertVersions().stream().filter(v -> v.startsWith(id + ":")))
                .containsExactly(id + ":1", id + ":2", id + ":3");
        first.close();

        // Offline: a new version arrives. Reconnecting with what was seen resumes with just that version.
        send(alert(id, 4, "KEDAH", Severity.HIGH, subject, Handling.H2));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestAlerts.lifecycle(id, 1).stream()
                .anyMatch(e -> e.getAlertVersion() == 4 && e.getAction() == LifecycleAction.ROUTED));
        FeedClient resumed = FeedClient.connect(base, "access_token=" + north + "&since=" + id + ":3");
        await().atMost(Duration.ofSeconds(10)).until(resumed::backlogComplete);
        assertThat(resumed.alertVersions().stream().filter(v -> v.startsWith(id + ":"))).containsExactly(id + ":4");

        // A long cursor (300 alerts, about 10 KB) fits in the request line.
        String others = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "other-alert-" + i + ":1")
                .collect(java.util.stream.Collectors.joining(","));
        FeedClient upToDate = FeedClient.connect(base, "access_token=" + north + "&since=" + others + "," + id + ":4");
        await().atMost(Duration.ofSeconds(10)).until(upToDate::backlogComplete);
        assertThat(upToDate.alertVersions()).doesNotContain(id + ":4");
        resumed.close();
        upToDate.close();
    }

    @Test
    void resumeAlsoBringsTheStatusChangesMadeWhileAway() throws Exception {
        String id = uniqueId("ws-status");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H2));
        String north = token("officer.north", "NORTH", "officer");
        await().atMost(Duration.ofSeconds(15)).until(() ->
                given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().extract().statusCode() == 200);

        // The client saw v1 OPEN, then went away; meanwhile someone acknowledged it.
        given().auth().oauth2(north).contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/" + id + "/ack")
                .then().statusCode(200);
        assertThat(backlogStatuses(north, id + ":1:OPEN", id)).containsExactly("ACKNOWLEDGED");
        assertThat(backlogStatuses(north, id + ":1:ACKNOWLEDGED", id)).isEmpty();

        // Resolved while away: a client that has the alert hears so; a client without it does not get it at all.
        given().auth().oauth2(token("lead.north", "NORTH", "officer", "lead")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/alerts/" + id + "/resolve").then().statusCode(200);
        assertThat(backlogStatuses(north, id + ":1:ACKNOWLEDGED", id)).containsExactly("RESOLVED");
        assertThat(backlogStatuses(north, id + ":1:RESOLVED", id)).isEmpty();
        assertThat(backlogStatuses(north, "", id)).isEmpty();
        // The cursor without statuses keeps its old meaning: per version only.
        assertThat(backlogStatuses(north, id + ":1", id)).isEmpty();

        // Away longer than the retention: the resolved alert left memory, and a client that has it still hears so,
        // read back from the local state; another task force's client does not.
        assertThat(view.release(id)).isTrue();
        assertThat(backlogStatuses(north, id + ":1:ACKNOWLEDGED", id)).containsExactly("RESOLVED");
        assertThat(backlogStatuses(north, id + ":1:RESOLVED", id)).isEmpty();
        assertThat(backlogStatuses(token("officer.mail", "MAIL", "officer"), id + ":1:OPEN", id)).isEmpty();
    }

    @Test
    void whatAnotherInstanceDidReachesThisInstancesConsoles() throws Exception {
        String id = uniqueId("ws-other");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        String north = token("officer.north", "NORTH", "officer");
        try (FeedClient feed = FeedClient.connect(base, "access_token=" + north);
                FeedClient hq = FeedClient.connect(base, "access_token=" + token("officer.hq", "HQ", "officer"));
                var others = io.waspada.testing.TopicClients.producer(io.waspada.kafka.local.SharedKafka.connection(),
                        io.waspada.topics.Topics.ALERT_LIFECYCLE)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> statuses(feed, id).contains("OPEN"));
            // Another notifier instance's officer acknowledged it, then its escalator sent it on to HQ, then a lead
            // there resolved it: only the audit trail says so.
            others.send(other(id, io.waspada.avro.LifecycleAction.ACKED, "NORTH",
                    java.util.Map.of("severity", "HIGH", "scope", "taskForce"))).get();
            await().atMost(Duration.ofSeconds(15)).until(() -> statuses(feed, id).contains("ACKNOWLEDGED"));
            others.send(other(id, io.waspada.avro.LifecycleAction.ESCALATED, "HQ",
                    java.util.Map.of("from", "NORTH", "level", "1"))).get();
            await().atMost(Duration.ofSeconds(15)).until(() -> statuses(hq, id).contains("OPEN"));
            others.send(other(id, io.waspada.avro.LifecycleAction.RESOLVED, "HQ", java.util.Map.of())).get();
            await().atMost(Duration.ofSeconds(15)).until(() -> statuses(feed, id).contains("RESOLVED")
                    && statuses(hq, id).contains("RESOLVED"));
        }
    }

    private static List<String> statuses(FeedClient feed, String id) {
        return feed.messages().stream().filter(m -> id.equals(m.path("alert").path("alertId").asText()))
                .map(m -> m.path("alert").path("status").asText()).toList();
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, io.waspada.avro.AlertLifecycleEvent> other(
            String alertId, io.waspada.avro.LifecycleAction action, String taskForce,
            java.util.Map<String, String> attributes) {
        return new org.apache.kafka.clients.producer.ProducerRecord<>(io.waspada.topics.Topics.ALERT_LIFECYCLE.name(),
                alertId, io.waspada.avro.AlertLifecycleEvent.newBuilder().setEventId(java.util.UUID.randomUUID().toString())
                        .setAlertId(alertId).setAlertVersion(1).setAction(action).setAt(java.time.Instant.now())
                        .setActor("officer.elsewhere").setTaskForce(taskForce).setAttributes(attributes).build());
    }

    /** The statuses the backlog of a new connection with this cursor sends for the alert. */
    private List<String> backlogStatuses(String token, String since, String id) throws Exception {
        try (FeedClient feed = FeedClient.connect(base, "access_token=" + token
                + (since.isEmpty() ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)))) {
            await().atMost(Duration.ofSeconds(10)).until(feed::backlogComplete);
            return feed.messages().stream().filter(m -> id.equals(m.path("alert").path("alertId").asText()))
                    .map(m -> m.path("alert").path("status").asText()).toList();
        }
    }

    @Test
    void anOfficerSeesOnlyTheirTaskForcesAlerts() throws Exception {
        String id = uniqueId("ws-other");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        FeedClient north = FeedClient.connect(base, "access_token=" + token("officer.north", "NORTH", "officer"));
        FeedClient mail = FeedClient.connect(base, "access_token=" + token("officer.mail", "MAIL", "officer"));
        await().atMost(Duration.ofSeconds(15)).until(() -> north.alertVersions().contains(id + ":1"));
        await().atMost(Duration.ofSeconds(5)).until(mail::backlogComplete);
        assertThat(mail.alertVersions()).doesNotContain(id + ":1");
        assertThat(north.messages()).filteredOn(m -> id.equals(m.path("alert").path("alertId").asText()))
                .singleElement().satisfies(m -> {
                    assertThat(m.path("alert").path("taskForces").toString()).isEqualTo("[\"NORTH\"]");
                    assertThat(m.path("alert").path("labels").path("region").asText()).isEqualTo("KEDAH");
                    assertThat(m.path("alert").path("updatedAt").asText()).endsWith("Z");
                });
        north.close();
        mail.close();
    }

    @Test
    void anOfficerKeepsGettingTheUpdatesOfAnAlertTheyHadUnlessItsHandlingForbids() throws Exception {
        String id = uniqueId("ws-moves");
        String subject = uniqueId("tok");
        FeedClient north = FeedClient.connect(base, "access_token=" + token("officer.north", "NORTH", "officer"));
        await().atMost(Duration.ofSeconds(15)).until(north::backlogComplete);
        send(alert(id, 1, "KEDAH", Severity.MEDIUM, subject, Handling.H1));
        // The latest evidence is elsewhere now: the route changes, the officers who had the alert still get it.
        send(alert(id, 2, "HOOK", Severity.HIGH, subject, Handling.H1));
        // Evidence with a handling code the task force is not cleared for: no more updates there.
        send(alert(id, 3, "HOOK", Severity.HIGH, subject, Handling.H3));
        send(alert(id + "-marker", 1, "KEDAH", Severity.LOW, uniqueId("tok"), Handling.H0));
        await().atMost(Duration.ofSeconds(15)).until(() -> north.alertVersions().contains(id + "-marker:1"));
        assertThat(north.alertVersions().stream().filter(v -> v.startsWith(id + ":")))
                .containsExactly(id + ":1", id + ":2");
        north.close();
    }

    @Test
    void refusesAnUpgradeWithoutAValidToken() {
        assertThatThrownBy(() -> FeedClient.connect(base, "access_token=not-a-jwt"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws/alerts"),
                        new FeedClient()).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(WebSocketHandshakeException.class);
    }
}
