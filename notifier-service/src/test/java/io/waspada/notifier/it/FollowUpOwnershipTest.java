package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.followup.FollowUpRequest;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Follow-up requests kept whole through the real broker: a reminder written on a stale state (as an instance that
 * lost the alert and did not know it yet would write it) after the answer never reopens the request, on the topic or
 * on the API; a failure between a reply's audit and its save (where a killed process would stop) loses nothing and
 * audits nothing twice; poison replies are dead-lettered with their reason and the intake goes on; reminders repeat,
 * walking the escalation chain one cleared task force further each time, and the task forces reached open the alert
 * (others still get 404); a resolved alert's requests are not reminded.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class FollowUpOwnershipTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String north = token("officer.north", "NORTH", "officer");
    private final String hook = token("officer.hook", "HOOK_OK", "officer");
    private final String border = token("officer.border", "BORDER", "officer");
    private final String hq = token("officer.hq", "HQ", "officer");
    private final String quick = token("officer.quick", "QUICK", "officer");
    private final String liaison = token("officer.liaison", "LIAISON", "officer");

    @Test
    void aReminderWrittenOnAStaleStateAfterTheAnswerNeverReopensTheRequest() throws Exception {
        String id = uniqueId("fu-stale");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(north).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        String requestId = ask(north, id, "Who drove the van?", "NORMAL");
        FollowUpRequest asked = await().atMost(Duration.ofSeconds(20)).until(() -> latest(requestId),
                java.util.Objects::nonNull);

        reply(new FollowUpAnswer(UUID.randomUUID().toString(), requestId, "IMMIGRATION", FollowUpAnswer.Kind.ANSWER,
                "A rented van, plate on file", null, null, Instant.now()));
        FollowUpRequest answered = await().atMost(Duration.ofSeconds(20)).until(() -> latest(requestId),
                r -> r != null && r.status() == FollowUpRequest.Status.ANSWERED);
        assertThat(answered.revision()).isGreaterThan(asked.revision());

        // Another instance, still believing it owns the alert, reminds on the state it had before the answer.
        FollowUpRequest stale = asked.reminded(Instant.now(), "HQ").atRevision(answered.revision());
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(),
                Topics.FOLLOW_UPS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UPS.name(), requestId, JSON.writeValueAsString(stale)))
                    .get();
        }
        // The owner reads it as a write on a stale state and writes the join above it: answered, and reminded once.
        FollowUpRequest repaired = await().atMost(Duration.ofSeconds(20)).until(() -> latest(requestId),
                r -> r != null && r.revision() > answered.revision());
        assertThat(repaired.status()).isEqualTo(FollowUpRequest.Status.ANSWERED);
        assertThat(repaired.answer().text()).isEqualTo("A rented van, plate on file");
        assertThat(repaired.reminders()).isEqualTo(1);
        given().auth().oauth2(north).get("/api/v1/alerts/" + id + "/requests").then().statusCode(200)
                .body("[0].status", equalTo("ANSWERED"));
    }

    @Test
    void aFailureBetweenTheAnswersAuditAndItsSaveLosesNothingAndAuditsNothingTwice() {
        String id = uniqueId("fu-window");
        send(alert(id, 1, "HOOK", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(hook).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        String requestId = ask(hook, id, "Her employer? " + CrashingCheckpoints.MARK, "NORMAL");
        String answerId = UUID.randomUUID().toString();
        reply(new FollowUpAnswer(answerId, requestId, "IMMIGRATION", FollowUpAnswer.Kind.ANSWER, "A plantation",
                null, null, Instant.now()));

        // Stopped after the audit: the reply stays pending and the next tick applies it.
        await().atMost(Duration.ofSeconds(30)).until(() -> "ANSWERED".equals(given().auth().oauth2(hook)
                .get("/api/v1/alerts/" + id + "/requests").jsonPath().getString("[0].status")));
        await().atMost(Duration.ofSeconds(20)).until(() -> NotifierTestResource.receiver().requests("/ok").stream()
                .anyMatch(r -> r.body().contains(requestId) && r.body().contains("follow-up-answer")));
        List<AlertLifecycleEvent> answeredSteps = await().atMost(Duration.ofSeconds(20)).until(
                () -> steps(id, requestId, "ANSWERED"), s -> !s.isEmpty());
        assertThat(answeredSteps.stream().map(AlertLifecycleEvent::getEventId).distinct()).hasSize(1);
        assertThat(answeredSteps).hasSize(1);
        assertThat(latest(requestId).handledAnswers()).containsExactly(answerId);
        // The task force's delivery is audited too.
        await().atMost(Duration.ofSeconds(20)).until(() -> steps(id, requestId, "DELIVERED").stream()
                .anyMatch(e -> "HOOK_OK".equals(e.getTaskForce())));
    }

    @Test
    void poisonRepliesAreDeadLetteredWithTheirReasonAndTheIntakeGoesOn() throws Exception {
        String id = uniqueId("fu-poison");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(north).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        String requestId = ask(north, id, "Her route?", "NORMAL");
        String marker = uniqueId("poison");
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(),
                Topics.FOLLOW_UP_ANSWERS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UP_ANSWERS.name(), requestId, "not json " + marker)).get();
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UP_ANSWERS.name(), requestId,
                    "{\"answerId\":\"" + marker + "\",\"requestId\":\"" + requestId + "\"}")).get();
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UP_ANSWERS.name(), "other-" + marker,
                    JSON.writeValueAsString(new FollowUpAnswer(marker + "-k", requestId, "IMMIGRATION",
                            FollowUpAnswer.Kind.DECLINE, null, null, "keyed wrong", Instant.now())))).get();
        }
        reply(new FollowUpAnswer(UUID.randomUUID().toString(), requestId, "IMMIGRATION", FollowUpAnswer.Kind.ANSWER,
                "To Johor", null, null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "ANSWERED".equals(given().auth().oauth2(north)
                .get("/api/v1/alerts/" + id + "/requests").jsonPath().getString("[0].status")));
        List<String> reasons = await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterReasons(marker),
                r -> r.size() >= 3);
        assertThat(reasons).containsExactlyInAnyOrder("NOT_JSON", "INCOMPLETE", "KEY_MISMATCH");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("waspada_notifier_follow_up_replies_rejected_total{reason=\"KEY_MISMATCH\"}");
    }

    @Test
    void remindersRepeatWalkingTheChainAndEachTaskForceReachedOpensTheAlert() {
        String id = uniqueId("fu-walk");
        send(alert(id, 1, "BORDER", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(border).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().statusCode(404);
        String requestId = ask(border, id, "Who paid the boat?", "URGENT");

        // BORDER's chain is LIAISON (not cleared for H1: skipped), NORTH, HQ: one step per reminder, none past HQ.
        await().atMost(Duration.ofSeconds(40)).until(() -> steps(id, requestId, "REMINDED").size() >= 3);
        FollowUpRequest walked = await().atMost(Duration.ofSeconds(10)).until(() -> latest(requestId),
                r -> r != null && r.reminders() == 3);
        assertThat(walked.escalations()).containsExactly("NORTH", "HQ");
        assertThat(steps(id, requestId, "ESCALATED")).extracting(AlertLifecycleEvent::getTaskForce)
                .containsExactly("NORTH", "HQ");
        assertThat(steps(id, requestId, "REMINDED").stream().map(AlertLifecycleEvent::getEventId).distinct())
                .hasSize(3);

        // The task forces reached open the alert and see the request; a third one, or one not cleared, does not.
        given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().statusCode(200);
        given().auth().oauth2(hq).get("/api/v1/alerts/" + id + "/requests").then().statusCode(200)
                .body("[0].requestId", equalTo(requestId));
        given().auth().oauth2(quick).get("/api/v1/alerts/" + id).then().statusCode(404);
        given().auth().oauth2(liaison).get("/api/v1/alerts/" + id).then().statusCode(404);
    }

    @Test
    void aResolvedAlertsRequestIsNotReminded() {
        String id = uniqueId("fu-resolved");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(north).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        given().auth().oauth2(token("officer.north", "NORTH", "officer", "lead")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/alerts/" + id + "/resolve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "RESOLVED".equals(given().auth().oauth2(north)
                .get("/api/v1/alerts/" + id).jsonPath().getString("status")));
        String requestId = ask(north, id, "Anything more?", "URGENT");
        // Past its 3 s deadline and several ticks: still open, never reminded.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() ->
                steps(id, requestId, "REMINDED").isEmpty());
        assertThat(latest(requestId).reminders()).isZero();
        assertThat(latest(requestId).open()).isTrue();
    }

    private static String ask(String token, String alertId, String question, String urgency) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("eventId", "ev-" + alertId
                + "-1", "question", question, "reason", "Follow the route", "urgency", urgency))
                .post("/api/v1/alerts/" + alertId + "/requests").then().statusCode(201).extract().path("requestId");
    }

    private static synchronized void reply(FollowUpAnswer answer) {
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(),
                Topics.FOLLOW_UP_ANSWERS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UP_ANSWERS.name(), answer.requestId(),
                    JSON.writeValueAsString(answer))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request's latest record on tip.follow-ups.v1 as the broker has it (null if none). */
    private static FollowUpRequest latest(String requestId) {
        List<ConsumerRecord<byte[], byte[]>> records = readAll(Topics.FOLLOW_UPS.name());
        FollowUpRequest last = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() != null && requestId.equals(new String(record.key(), StandardCharsets.UTF_8))
                    && record.value() != null) {
                try {
                    last = JSON.readValue(record.value(), FollowUpRequest.class);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return last;
    }

    private static List<String> deadLetterReasons(String marker) {
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.DLQ.name())) {
            String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            if ((value.contains(marker) || key.contains(marker)) && Topics.FOLLOW_UP_ANSWERS.name().equals(
                    header(record, "waspada.dlq.topic"))) {
                reasons.add(header(record, "waspada.dlq.reason"));
            }
        }
        return reasons;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.connection().with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long stop = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < stop) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<AlertLifecycleEvent> steps(String alertId, String requestId, String step) {
        io.waspada.schemas.AvroSerde<AlertLifecycleEvent> decoder = new io.waspada.schemas.AvroSerde<>(
                AlertLifecycleEvent.class);
        List<AlertLifecycleEvent> found = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.ALERT_LIFECYCLE.name())) {
            if (record.key() != null && alertId.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                AlertLifecycleEvent event = decoder.deserialize(record.topic(), record.value());
                if (requestId.equals(event.getAttributes().get("requestId"))
                        && step.equals(event.getAttributes().get("followUp"))) {
                    found.add(event);
                }
            }
        }
        return found;
    }
}
