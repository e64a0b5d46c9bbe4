package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.followup.FollowUpRequest;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.followup.FollowUpLog;
import io.waspada.notifier.followup.FollowUpRetention;
import io.waspada.notifier.kafka.Readers;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Follow-up retention through the real broker: an answered request (personal data) is tombstoned on the compacted
 * {@code tip.follow-ups.v1} once the retention (P90D) has passed since it closed, not a moment before, audited as
 * EXPIRED, gone from the API and from what a restarted instance reads back; an open request on a held alert stays;
 * an open one on an alert gone from the view is forgotten after its deadline plus the retention; only the instance
 * owning the alert expires it. Time is passed in (the ticker passes the clock's), so 90 days take no waiting.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class FollowUpRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(90);
    private final String north = token("officer.north", "NORTH", "officer");

    @Inject
    FollowUpRetention retention;
    @Inject
    FollowUpLog log;
    @Inject
    ObjectMapper appJson;

    @Test
    void anAnsweredRequestIsTombstonedAfterTheRetentionAuditedAndForgottenEverywhere() throws Exception {
        String id = uniqueId("fu-retain");
        send(alert(id, 1, "KEDAH", Severity.MEDIUM, uniqueId("tok"), Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(north).get("/api/v1/alerts/" + id)
                .statusCode() == 200);
        String answered = ask(id, "Her sponsor?");
        String open = ask(id, "Her route?");
        FollowUpTest.reply(new FollowUpAnswer(UUID.randomUUID().toString(), answered, "IMMIGRATION",
                FollowUpAnswer.Kind.ANSWER, "Sponsor PT Maju", Map.of("sponsor", "PT Maju"), null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.get(answered).map(r -> !r.open()).orElse(false));
        Instant closedAt = log.get(answered).orElseThrow().closedAt();

        assertThat(retention.expireDue(id::equals, closedAt.plus(RETENTION).minusSeconds(1))).as("not yet").isZero();
        assertThat(retention.expireDue(alert -> false, closedAt.plus(RETENTION))).as("another instance's alert")
                .isZero();
        assertThat(retention.expireDue(id::equals, closedAt.plus(RETENTION))).isEqualTo(1);
        assertThat(retention.expireDue(id::equals, closedAt.plus(RETENTION.multipliedBy(100))))
                .as("the open request of a held alert stays, however old; the expired one is gone").isZero();

        assertThat(log.get(answered)).isEmpty();
        assertThat(given().auth().oauth2(north).get("/api/v1/alerts/" + id + "/requests").jsonPath()
                .getList("requestId")).containsExactly(open);
        assertThat(FollowUpTest.trail(id)).anySatisfy(event -> {
            assertThat(event.getAttributes()).containsEntry("followUp", "EXPIRED").containsEntry("requestId", answered);
            assertThat(event.getDetail()).contains("ANSWERED");
        });
        List<ConsumerRecord<String, String>> written = TopicClients.readUntil(SharedKafka.connection(),
                Topics.FOLLOW_UPS, records -> records.stream().anyMatch(r -> r.key().equals(answered)
                        && r.value() == null), Duration.ofSeconds(20));
        assertThat(written).anyMatch(r -> r.key().equals(answered) && r.value() == null);
        FollowUpLog restarted = new FollowUpLog(appJson, SharedKafka.connection(),
                Readers.plain(SharedKafka.connection()));
        try {
            restarted.start(Duration.ofSeconds(30));
            assertThat(restarted.get(answered)).as("a restarted instance reads the tombstone").isEmpty();
            assertThat(restarted.get(open)).isPresent();
        } finally {
            restarted.close();
        }
    }

    @Test
    void anOpenRequestOnAnAlertGoneFromTheViewIsForgottenAfterItsDeadlineAndTheRetention() throws Exception {
        String gone = uniqueId("fu-gone");
        Instant asked = Instant.now().minus(Duration.ofDays(2));
        FollowUpRequest request = new FollowUpRequest(UUID.randomUUID().toString(), gone, "WATCHLIST_HIT", "MEDIUM",
                "H1", "ev-" + gone, "IMMIGRATION", "q", "r", FollowUpRequest.Urgency.NORMAL, "NORTH",
                "officer.north", asked, asked.plus(Duration.ofHours(72)), FollowUpRequest.Status.OPEN, null, null,
                null, null, null, List.of());
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(),
                Topics.FOLLOW_UPS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UPS.name(), request.requestId(),
                    appJson.writeValueAsString(request))).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> log.get(request.requestId()).isPresent());
        assertThat(retention.expireDue(gone::equals, request.deadline().plus(RETENTION).minusSeconds(1))).isZero();
        assertThat(retention.expireDue(gone::equals, request.deadline().plus(RETENTION))).isEqualTo(1);
        assertThat(log.get(request.requestId())).isEmpty();
    }

    private String ask(String alertId, String question) {
        return given().auth().oauth2(north).contentType(ContentType.JSON).body(Map.of("eventId", "ev-" + alertId
                + "-1", "question", question, "reason", "Labour case", "urgency", "NORMAL"))
                .post("/api/v1/alerts/" + alertId + "/requests").then().statusCode(201).extract().path("requestId");
    }
}
