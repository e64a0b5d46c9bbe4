package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.delivery.Signature;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Follow-up requests through the real broker and HTTP: an officer asks the agency that owns an evidence item (the
 * owner is the evidence's, not the body's); the agency's signed webhook gets the request with only the alert context
 * it needs; its answer (as the alert-producer writes it on {@code tip.follow-up-answers.v1}) closes the request once,
 * reaching the asking task force's API, WebSocket and webhook; a late request is reminded and escalated; a refusal is
 * shown with its reason; another task force never sees any of it; every step is on the audit trail.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class FollowUpTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TestHTTPResource("/")
    URI base;

    private final String hook = token("officer.hook", "HOOK_OK", "officer");
    private final String north = token("officer.north", "NORTH", "officer");
    private final String liaison = token("officer.liaison", "LIAISON", "officer");

    @Test
    void theOwnerAnswersBeforeTheDeadlineAndTheAskingTaskForceHearsItOnEveryChannel() throws Exception {
        String id = uniqueId("fu-answer");
        String eventId = "ev-" + id + "-1";
        send(alert(id, 1, "HOOK", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(hook).get("/api/v1/alerts/" + id)
                .statusCode() == 200);

        // Bad asks name the field and write nothing.
        ask(hook, id, Map.of("eventId", "ev-not-in-alert", "question", "q", "reason", "r", "urgency", "NORMAL"))
                .then().statusCode(400).body("field", equalTo("eventId"));
        ask(hook, id, Map.of("eventId", eventId, "question", "q", "reason", "r", "urgency", "SOON"))
                .then().statusCode(400).body("field", equalTo("urgency"));
        ask(hook, id, Map.of("eventId", eventId, "question", "x".repeat(2001), "reason", "r", "urgency", "NORMAL"))
                .then().statusCode(400).body("field", equalTo("question"));
        // Another task force: the alert does not exist for it.
        ask(liaison, id, Map.of("eventId", eventId, "question", "q", "reason", "r", "urgency", "NORMAL"))
                .then().statusCode(404);

        try (FeedClient live = FeedClient.connect(base, "/ws/follow-ups", "access_token=" + hook);
             FeedClient other = FeedClient.connect(base, "/ws/follow-ups", "access_token=" + liaison)) {
            String requestId = ask(hook, id, Map.of("eventId", eventId, "agency", "RMP",
                    "question", "Who travelled with her? Passport A12345678 was seen.", "reason", "Suspected escort",
                    "urgency", "NORMAL")).then().statusCode(201)
                    .body("agency", equalTo("IMMIGRATION")).body("status", equalTo("OPEN"))
                    .body("taskForce", equalTo("HOOK_OK")).extract().path("requestId");
            assertThat(given().auth().oauth2(hook).get("/api/v1/alerts/" + id + "/requests").then().statusCode(200)
                    .extract().jsonPath().getString("[0].question")).doesNotContain("A12345678");
            given().auth().oauth2(liaison).get("/api/v1/alerts/" + id + "/requests").then().statusCode(404);

            // The agency's webhook: signed, the request in the agency's view only.
            WebhookReceiver.Request delivered = await().atMost(Duration.ofSeconds(20)).until(
                    () -> agencyHook(requestId, false), Objects::nonNull);
            assertThat(delivered.header(Signature.HEADER)).isEqualTo(Signature.sign(NotifierTestResource.SECRET,
                    delivered.body().getBytes(StandardCharsets.UTF_8)));
            JsonNode request = JSON.readTree(delivered.body()).path("request");
            assertThat(request.path("eventId").asText()).isEqualTo(eventId);
            assertThat(request.path("alertId").asText()).isEqualTo(id);
            assertThat(delivered.body()).doesNotContain("officer.hook").doesNotContain("subjectToken")
                    .doesNotContain("handledAnswers");

            // Another agency's reply is ignored; the owner's answer closes it; a resent or second one changes nothing.
            FollowUpAnswer answer = new FollowUpAnswer(UUID.randomUUID().toString(), requestId, "IMMIGRATION",
                    FollowUpAnswer.Kind.ANSWER, "She travelled with a man holding sponsor letters", Map.of("gate", "B4"),
                    null, Instant.now());
            reply(new FollowUpAnswer(UUID.randomUUID().toString(), requestId, "RMP", FollowUpAnswer.Kind.ANSWER,
                    "not ours", null, null, Instant.now()));
            reply(answer);
            reply(answer);
            reply(new FollowUpAnswer(UUID.randomUUID().toString(), requestId, "IMMIGRATION",
                    FollowUpAnswer.Kind.DECLINE, null, null, "too late", Instant.now()));
            await().atMost(Duration.ofSeconds(20)).until(() -> "ANSWERED".equals(status(hook, id)));
            given().auth().oauth2(hook).get("/api/v1/alerts/" + id + "/requests").then().statusCode(200)
                    .body("[0].answer.text", equalTo(answer.text())).body("[0].answer.fields.gate", equalTo("B4"))
                    .body("[0].closedAt", notNullValue());

            await().atMost(Duration.ofSeconds(20)).until(() -> live.messages().stream().anyMatch(m ->
                    "ANSWERED".equals(m.path("event").asText()) && requestId.equals(m.path("request").path("requestId").asText())));
            assertThat(other.messages()).noneMatch(m -> m.toString().contains(requestId));
            WebhookReceiver.Request toTaskForce = await().atMost(Duration.ofSeconds(20)).until(() ->
                    NotifierTestResource.receiver().requests("/ok").stream().filter(r -> r.body().contains(requestId)
                            && r.body().contains("follow-up-answer")).findFirst().orElse(null), Objects::nonNull);
            assertThat(JSON.readTree(toTaskForce.body()).path("request").path("answer").path("text").asText())
                    .isEqualTo(answer.text());

            List<String> steps = await().atMost(Duration.ofSeconds(20)).until(() -> steps(id, requestId),
                    s -> s.containsAll(List.of("ASKED", "DELIVERED", "ANSWERED")) && s.stream()
                            .filter("IGNORED"::equals).count() == 2);
            assertThat(steps).filteredOn("ANSWERED"::equals).hasSize(1);
        }
    }

    @Test
    void anotherTaskForceSharingTheAlertSeesNoneOfTheRequestsAndATipsOrganisationIsNeverAsked() throws Exception {
        String welfare = token("officer.welfare", "PROTECTION", "officer");
        String id = uniqueId("fu-shared");
        String eventId = "ev-" + id + "-1";
        io.waspada.avro.Alert alert = alert(id, 1, "PROTECT", Severity.HIGH, uniqueId("tok"), Handling.H1);
        send(alert);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(hook).get("/api/v1/alerts/" + id)
                .statusCode() == 200 && given().auth().oauth2(welfare).get("/api/v1/alerts/" + id).statusCode() == 200);
        try (FeedClient theirs = FeedClient.connect(base, "/ws/follow-ups", "access_token=" + welfare);
             FeedClient ours = FeedClient.connect(base, "/ws/follow-ups", "access_token=" + hook)) {
            String requestId = ask(hook, id, Map.of("eventId", eventId, "question", "Who met them at the gate?",
                    "reason", "Escort", "urgency", "NORMAL")).then().statusCode(201).extract().path("requestId");
            await().atMost(Duration.ofSeconds(20)).until(() -> ours.messages().stream()
                    .anyMatch(m -> requestId.equals(m.path("request").path("requestId").asText())));
            // The protection receiver shares the alert, not HOOK_OK's questions, officers or answers. One change is
            // offered to every socket in the same pass, so once ours has it, theirs would have been given it too.
            given().auth().oauth2(welfare).get("/api/v1/alerts/" + id + "/requests").then().statusCode(200)
                    .body("size()", equalTo(0));
            assertThat(theirs.messages()).noneMatch(m -> m.toString().contains(requestId));
            // Nor in the alert's history: its steps (asked, delivered to the agency) show to HOOK_OK alone.
            await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(hook)
                    .get("/api/v1/alerts/" + id + "/history").asString().contains(requestId));
            assertThat(given().auth().oauth2(welfare).get("/api/v1/alerts/" + id + "/history").then().statusCode(200)
                    .extract().asString()).doesNotContain(requestId).doesNotContain("followUp");
        }

        // Evidence that is a civil-society tip: its organisation has no follow-up door; refused, nothing asked.
        String tipAlertId = uniqueId("fu-tip");
        io.waspada.avro.Alert tipAlert = alert(tipAlertId, 1, "HOOK", Severity.HIGH, uniqueId("tok"), Handling.H1);
        tipAlert.getEvidence().forEach(e -> e.setSource(io.waspada.avro.EventSource.TIP));
        send(tipAlert);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(hook)
                .get("/api/v1/alerts/" + tipAlertId).statusCode() == 200);
        ask(hook, tipAlertId, Map.of("eventId", "ev-" + tipAlertId + "-1", "question", "q", "reason", "r",
                "urgency", "NORMAL")).then().statusCode(400).body("field", equalTo("eventId"));
        given().auth().oauth2(hook).get("/api/v1/alerts/" + tipAlertId + "/requests").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void anUrgentRequestPastItsDeadlineIsRemindedAndEscalatedAndStillAnswered() {
        String id = uniqueId("fu-late");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(north).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        String requestId = ask(north, id, Map.of("eventId", "ev-" + id + "-1", "question", "Where was she going?",
                "reason", "Onward route", "urgency", "URGENT")).then().statusCode(201).extract().path("requestId");

        // Past its 3 s deadline: the agency is reminded on its webhook, the request escalated to NORTH's chain (HQ).
        await().atMost(Duration.ofSeconds(30)).until(() -> agencyHook(requestId, true), Objects::nonNull);
        given().auth().oauth2(north).get("/api/v1/alerts/" + id + "/requests").then().statusCode(200)
                .body("[0].escalatedTo", equalTo("HQ")).body("[0].overdue", equalTo(true))
                .body("[0].remindedAt", notNullValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> steps(id, requestId).containsAll(List.of("REMINDED",
                "ESCALATED")));
        AlertLifecycleEvent escalated = trail(id).stream().filter(e ->
                "ESCALATED".equals(e.getAttributes().get("followUp"))).findFirst().orElseThrow();
        assertThat(escalated.getTaskForce()).isEqualTo("HQ");

        reply(new FollowUpAnswer(UUID.randomUUID().toString(), requestId, "IMMIGRATION", FollowUpAnswer.Kind.ANSWER,
                "To Johor by bus", null, null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "ANSWERED".equals(status(north, id)));
        given().auth().oauth2(north).get("/api/v1/alerts/" + id + "/requests").then()
                .body("[0].overdue", equalTo(false));
    }

    @Test
    void aDeclinedRequestShowsTheReason() {
        String id = uniqueId("fu-decline");
        send(alert(id, 1, "KEDAH", Severity.MEDIUM, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(north).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        String requestId = ask(north, id, Map.of("eventId", "ev-" + id + "-1", "question", "Her employer?",
                "reason", "Labour case", "urgency", "NORMAL")).then().statusCode(201).extract().path("requestId");
        reply(new FollowUpAnswer(UUID.randomUUID().toString(), requestId, "IMMIGRATION", FollowUpAnswer.Kind.DECLINE,
                null, null, "Held under H0: ask through liaison", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "DECLINED".equals(status(north, id)));
        given().auth().oauth2(north).get("/api/v1/alerts/" + id + "/requests").then()
                .body("[0].declineReason", equalTo("Held under H0: ask through liaison"));
        await().atMost(Duration.ofSeconds(20)).until(() -> steps(id, requestId).contains("DECLINED"));
    }

    @jakarta.inject.Inject
    ObjectMapper appJson;

    @Test
    void aRestartedNotifierReadsEveryRequestWithItsDeadlineBackFromTheTopic() throws Exception {
        String id = uniqueId("fu-restart");
        send(alert(id, 1, "KEDAH", Severity.MEDIUM, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(north).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        String requestId = ask(north, id, Map.of("eventId", "ev-" + id + "-1", "question", "Her route?",
                "reason", "Onward route", "urgency", "NORMAL")).then().statusCode(201).extract().path("requestId");

        // What a new instance (or this one after a restart) reads back: the request, its deadline, still open, and
        // overdue once the deadline passes, so the ticker reminds it then.
        io.waspada.notifier.followup.FollowUpLog restarted = new io.waspada.notifier.followup.FollowUpLog(appJson,
                SharedKafka.connection(), io.waspada.notifier.kafka.Readers.plain(SharedKafka.connection()));
        try {
            restarted.start(Duration.ofSeconds(30));
            io.waspada.followup.FollowUpRequest back = restarted.get(requestId).orElseThrow();
            assertThat(back.open()).isTrue();
            assertThat(back.agency()).isEqualTo("IMMIGRATION");
            assertThat(Duration.between(back.askedAt(), back.deadline())).isEqualTo(Duration.ofHours(1));
            assertThat(restarted.overdue(back.deadline().minusSeconds(1))).noneMatch(r -> r.requestId().equals(requestId));
            assertThat(restarted.overdue(back.deadline())).anyMatch(r -> r.requestId().equals(requestId));
            assertThat(restarted.ofAlert(id)).singleElement().satisfies(r -> assertThat(r.requestId()).isEqualTo(requestId));
        } finally {
            restarted.close();
        }
    }

    private static io.restassured.response.Response ask(String token, String alertId, Map<String, String> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/alerts/" + alertId + "/requests");
    }

    private static String status(String token, String alertId) {
        return given().auth().oauth2(token).get("/api/v1/alerts/" + alertId + "/requests").jsonPath()
                .getString("[0].status");
    }

    private static WebhookReceiver.Request agencyHook(String requestId, boolean reminder) {
        return NotifierTestResource.receiver().requests("/agency-immigration").stream().filter(r -> {
            try {
                JsonNode body = JSON.readTree(r.body());
                return requestId.equals(body.path("request").path("requestId").asText())
                        && body.path("reminder").asBoolean() == reminder;
            } catch (java.io.IOException e) {
                return false;
            }
        }).findFirst().orElse(null);
    }

    private static List<String> steps(String alertId, String requestId) {
        return trail(alertId).stream()
                .filter(e -> requestId.equals(e.getAttributes().get("requestId")))
                .map(e -> e.getAttributes().get("followUp")).toList();
    }

    /** The alert's audit trail as it is now: its partition read from the beginning up to its end. */
    static List<AlertLifecycleEvent> trail(String alertId) {
        io.waspada.schemas.AvroSerde<AlertLifecycleEvent> decoder = new io.waspada.schemas.AvroSerde<>(
                AlertLifecycleEvent.class);
        List<AlertLifecycleEvent> events = new java.util.ArrayList<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(SharedKafka.connection().with(Map.of(
                        org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition(
                    Topics.ALERT_LIFECYCLE.name(), org.apache.kafka.common.utils.Utils.toPositive(
                            org.apache.kafka.common.utils.Utils.murmur2(alertId.getBytes(StandardCharsets.UTF_8)))
                            % Topics.ALERT_LIFECYCLE.spec().partitions());
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long stop = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < stop) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (alertId.equals(record.key())) {
                        events.add(decoder.deserialize(record.topic(), record.value()));
                    }
                }
            }
        }
        return events;
    }

    static synchronized void reply(FollowUpAnswer answer) {
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(),
                Topics.FOLLOW_UP_ANSWERS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UP_ANSWERS.name(), answer.requestId(),
                    JSON.writeValueAsString(answer))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
