package io.waspada.notifier.officers;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.tipOnly;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.it.NotifierTestResource;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.waspada.notifier.it.ControlledClock;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The verification desk's decision (#18) where it meets other instances and other officers, against the real broker:
 * of two leads deciding at two instances at once, the decision first on the topic counts (the other is answered 409
 * and routes nothing), and a task force whose lead silenced the alert is not paged when the verification routes it
 * there, which the audit trail says.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
class TipVerificationRaceAndSilenceTest {

    @Inject
    AuditTrail trail;
    @Inject
    Escalator escalator;
    @Inject
    ControlledClock clock;

    private final String deskLead = token("lead.desk", "DESK", "officer", "lead");
    private final String afterLead = token("lead.after", "AFTER_DESK", "officer", "lead");

    @Test
    void aVerificationThatCameSecondOnTheTopicIsRefusedAndRoutesNothing() throws Exception {
        String id = uniqueId("tip-race");
        String gate = uniqueId("trail-gate");
        send(tipOnly(alert(id, 1, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1)));
        awaitRoutedTo(id, "DESK");
        // This instance's trail is held on an unrelated event, so it has not read what comes after it.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch readOn = new CountDownLatch(1);
        trail.whenStored(event -> {
            if (gate.equals(event.getAlertId())) {
                held.countDown();
                try {
                    readOn.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ExecutorService lead = Executors.newSingleThreadExecutor();
        try (KafkaProducer<String, AlertLifecycleEvent> other =
                TopicClients.producer(SharedKafka.connection(), Topics.ALERT_LIFECYCLE)) {
            other.send(record(gate, LifecycleAction.OTHER, "notifier-service", null, Map.of())).get();
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            // Another lead at another instance found it unfounded: first on the topic, not read here yet.
            other.send(record(id, LifecycleAction.RESOLVED, "lead.other", "DESK",
                    Map.of(TipVerdict.ATTRIBUTE, TipVerdict.UNFOUNDED))).get();
            Map<org.apache.kafka.common.TopicPartition, Long> before = ends();
            Future<io.restassured.response.Response> verified = lead.submit(() -> given().auth().oauth2(deskLead)
                    .contentType(ContentType.JSON).body(Map.of("decision", "VERIFIED", "reason", "confirmed"))
                    .post("/api/v1/alerts/" + id + "/verification"));
            // This lead's VERIFIED is written after it; then the trail reads on.
            assertThat(awaitWritten(id, TipVerdict.VERIFIED, before)).isTrue();
            readOn.countDown();
            io.restassured.response.Response answer = verified.get(60, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        } finally {
            readOn.countDown();
            lead.shutdownNow();
        }
        AlertStatus status = trail.status(id);
        assertThat(status.resolved()).isTrue();
        assertThat(status.verification().decision()).isEqualTo(TipVerdict.UNFOUNDED);
        assertThat(status.verification().by()).isEqualTo("lead.other");
        escalator.escalateDue();
        assertThat(trail.history(id)).noneMatch(e -> "AFTER_DESK".equals(e.getTaskForce())
                || TipVerdict.ROUTED.equals(e.getAttributes().get(TipVerdict.ATTRIBUTE)));
        assertThat(NotifierTestResource.receiver().requests("/after-desk")).noneMatch(r -> r.body().contains(id));
    }

    @Test
    void aTaskForceThatSilencedTheAlertIsNotPagedAfterTheVerificationAndTheAuditSaysSo() {
        String subject = uniqueId("tok-after-silenced");
        given().auth().oauth2(afterLead).contentType(ContentType.JSON)
                .body(Map.of("matchers", List.of("subject=\"" + subject + "\""),
                        // The service's clock: other tests of the module moved it on.
                        "endsAt", clock.instant().plus(Duration.ofHours(1)).toString(), "comment", "our own operation"))
                .post("/api/v1/silences").then().statusCode(201).body("taskForce", equalTo("AFTER_DESK"));
        String silenced = uniqueId("tip-silenced");
        String paged = uniqueId("tip-paged");
        send(tipOnly(alert(silenced, 1, "VERIFY", Severity.HIGH, subject, Handling.H1)));
        send(tipOnly(alert(paged, 1, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1)));
        awaitRoutedTo(silenced, "DESK");
        awaitRoutedTo(paged, "DESK");

        for (String id : List.of(silenced, paged)) {
            given().auth().oauth2(deskLead).contentType(ContentType.JSON)
                    .body(Map.of("decision", "VERIFIED", "reason", "confirmed by phone"))
                    .post("/api/v1/alerts/" + id + "/verification").then().statusCode(200);
        }
        // Both reach AFTER_DESK's console; the silenced one's webhook is muted, and the trail says so.
        awaitRoutedTo(silenced, "AFTER_DESK");
        await().atMost(Duration.ofSeconds(20)).until(() -> trail.history(silenced).stream().anyMatch(e ->
                e.getAction() == LifecycleAction.SILENCED && "AFTER_DESK".equals(e.getTaskForce())));
        await().atMost(Duration.ofSeconds(30)).until(() -> NotifierTestResource.receiver().requests("/after-desk")
                .stream().anyMatch(r -> r.body().contains(paged)));
        assertThat(NotifierTestResource.receiver().requests("/after-desk")).noneMatch(r -> r.body().contains(silenced));
        assertThat(trail.history(paged)).noneMatch(e -> e.getAction() == LifecycleAction.SILENCED);
        given().auth().oauth2(afterLead).get("/api/v1/alerts/" + silenced).then().statusCode(200);
    }

    /** The lifecycle topic's end offsets now. */
    private static Map<org.apache.kafka.common.TopicPartition, Long> ends() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(SharedKafka.connection().with(Map.of()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(consumer.partitionsFor(Topics.ALERT_LIFECYCLE.name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList());
        }
    }

    /**
     * Whether a record of the alert carrying {@code text} reached the topic after {@code from} within 30 seconds;
     * read as bytes (other tests leave undecodable records on the topic), by assignment (no group to join), so it is
     * seen well within the service's read-back wait.
     */
    private static boolean awaitWritten(String id, String text, Map<org.apache.kafka.common.TopicPartition, Long> from) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(SharedKafka.connection().with(Map.of()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (id.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains(text)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static ProducerRecord<String, AlertLifecycleEvent> record(String id, LifecycleAction action, String actor,
            String taskForce, Map<String, String> attributes) {
        return new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), id, AlertLifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setAlertId(id).setAlertVersion(1).setAction(action)
                .setAt(Instant.now()).setActor(actor).setTaskForce(taskForce).setChannel(null)
                .setDetail("from another instance").setAttributes(attributes).build());
    }

    private void awaitRoutedTo(String id, String taskForce) {
        await().atMost(Duration.ofSeconds(20)).until(() -> trail.history(id).stream()
                .anyMatch(e -> e.getAction() == LifecycleAction.ROUTED && taskForce.equals(e.getTaskForce())));
    }
}
