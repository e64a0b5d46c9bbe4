package io.waspada.ingest.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.followup.FollowUpRequest;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reply the notifier never applies (it dropped it as unknown) leaves the request OPEN on {@code tip.follow-ups.v1}:
 * read through the real broker (the tests' shared one) as the alert-producer's principal, the claim holds (a second reply is refused and the
 * request leaves the agency's open list) until the claim timeout, then the agency can answer again; the notifier
 * closing the request (or forgetting it) frees the claim at once.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(90)
class StuckClaimTest {

    @Inject
    ObjectMapper json;

    @Test
    void aClaimTheNotifierNeverAnswersLapsesAndAClosedStateFreesItAtOnce() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        FollowUpRequest open = request(FollowUpRequest.Status.OPEN);
        try (FollowUpRequests requests = new FollowUpRequests(SharedKafka.principal("alert-producer"), json,
                new ReplyClaims(Duration.ofMinutes(5), now::get))) {
            write(open.requestId(), open);
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.ownedBy("APM", open.requestId()).isPresent());
            assertThat(requests.claim(open.requestId())).isTrue();
            FollowUpRequest seen = requests.ownedBy("APM", open.requestId()).orElseThrow();
            assertThat(requests.takesReply(seen)).as("replied: a second reply waits").isFalse();
            assertThat(requests.ownedBy("APM", true)).noneMatch(r -> r.requestId().equals(open.requestId()));

            now.set(now.get().plus(Duration.ofMinutes(5)));
            assertThat(requests.takesReply(seen)).as("still OPEN on the topic after the timeout").isTrue();
            assertThat(requests.ownedBy("APM", true)).anyMatch(r -> r.requestId().equals(open.requestId()));
            assertThat(requests.claim(open.requestId())).as("the agency answers again").isTrue();

            // The notifier applies that reply: the closed state frees the claim, and closed is closed.
            FollowUpRequest answered = withStatus(open, FollowUpRequest.Status.ANSWERED);
            write(open.requestId(), answered);
            await().atMost(Duration.ofSeconds(30)).until(() -> !requests.ownedBy("APM", open.requestId())
                    .orElseThrow().open());
            assertThat(requests.takesReply(requests.ownedBy("APM", open.requestId()).orElseThrow())).isFalse();
            write(open.requestId(), null);
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.ownedBy("APM", open.requestId()).isEmpty());
        }
    }

    private static FollowUpRequest request(FollowUpRequest.Status status) {
        Instant asked = Instant.now();
        return new FollowUpRequest(UUID.randomUUID().toString(), "alert-" + UUID.randomUUID(), "WATCHLIST_HIT", "HIGH",
                "H1", "ev-" + UUID.randomUUID(), "APM", "Who sailed with her?", "Route", FollowUpRequest.Urgency.NORMAL,
                "NORTH", "officer.north", asked, asked.plus(Duration.ofHours(72)), status, null, null, null, null, null,
                List.of());
    }

    private static FollowUpRequest withStatus(FollowUpRequest r, FollowUpRequest.Status status) {
        return new FollowUpRequest(r.requestId(), r.alertId(), r.alertType(), r.severity(), r.handling(), r.eventId(),
                r.agency(), r.question(), r.reason(), r.urgency(), r.taskForce(), r.askedBy(), r.askedAt(), r.deadline(),
                status, new FollowUpRequest.Answer("By boat", null), null, Instant.now(), null, null, List.of());
    }

    private void write(String key, FollowUpRequest value) throws Exception {
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(), Topics.FOLLOW_UPS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UPS.name(), key,
                    value == null ? null : json.writeValueAsString(value))).get();
        }
    }
}
