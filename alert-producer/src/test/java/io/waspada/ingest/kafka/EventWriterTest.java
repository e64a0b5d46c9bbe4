package io.waspada.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.waspada.avro.EventKind;
import io.waspada.avro.Sighting;
import io.waspada.ingest.domain.IngestEvent;
import io.waspada.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One eventId is written once, against a producer completed by hand: a second post of it while the first is being
 * written waits and is a resend (same content) or a conflict (other content) once the first is acknowledged; if the
 * first write fails, the second is no resend and writes the event itself.
 */
@Timeout(60)
class EventWriterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private final EventPublisher publisher = new EventPublisher(new PublisherLimits(1024 * 1024, 2, 16,
            Duration.ofSeconds(5)), producer, new DeliveryBreaker(Duration.ofSeconds(5), nanos::get), nanos::get,
            Duration.ofMinutes(2).toNanos());
    private final EventWriter writer = new EventWriter(publisher, new RecentEvents(1000));

    @AfterEach
    void close() {
        publisher.close();
    }

    private static IngestEvent event(String eventId, String token, Instant receivedAt) {
        Sighting sighting = Fixtures.sighting(eventId, Fixtures.passport(token));
        sighting.setReceivedAt(receivedAt);
        return new IngestEvent(EventKind.SIGHTING, eventId, sighting);
    }

    private CompletableFuture<WriteOutcome> write(IngestEvent event) {
        return writer.write(event).toCompletableFuture();
    }

    private void awaitSends(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == count);
    }

    /**
     * Kafka acknowledged a write (at the same instant of the test's clock as the writes that follow), so one failure
     * is a failed write, not an outage: the delivery breaker stays closed.
     */
    private void kafkaAcknowledgedAWrite() {
        CompletableFuture<WriteOutcome> earlier = write(event(UUID.randomUUID().toString(), "earlier", Instant.now()));
        awaitSends(1);
        producer.completeNext();
        earlier.join();
        producer.clear();
    }

    @Test
    void theSameEventPostedTwiceAtOnceIsWrittenOnceAndTheSecondIsAResend() {
        String id = UUID.randomUUID().toString();
        CompletableFuture<WriteOutcome> first = write(event(id, "tok", Instant.parse("2026-11-20T03:15:00Z")));
        CompletableFuture<WriteOutcome> second = write(event(id, "tok", Instant.parse("2026-11-20T03:15:00.007Z")));
        awaitSends(1);
        assertThat(second).as("waits for the first write").isNotDone();

        producer.completeNext();

        assertThat(first.join().duplicate()).isFalse();
        assertThat(second.join().duplicate()).isTrue();
        assertThat(second.join().written()).isEqualTo(first.join().written());
        assertThat(write(event(id, "tok", Instant.now())).join().duplicate()).as("a later resend").isTrue();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void otherContentUnderAnEventIdBeingWrittenIsAConflictOnceTheFirstIsAcknowledged() {
        String id = UUID.randomUUID().toString();
        CompletableFuture<WriteOutcome> first = write(event(id, "tok", Instant.now()));
        CompletableFuture<WriteOutcome> other = write(event(id, "another", Instant.now()));
        awaitSends(1);
        assertThat(other).isNotDone();

        producer.completeNext();

        assertThat(first.join().conflict()).isFalse();
        assertThat(other.join().conflict()).isTrue();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void whenTheFirstWriteFailsTheSecondIsNoResendAndWritesTheEventItself() {
        kafkaAcknowledgedAWrite();
        String id = UUID.randomUUID().toString();
        CompletableFuture<WriteOutcome> first = write(event(id, "tok", Instant.now()));
        CompletableFuture<WriteOutcome> second = write(event(id, "tok", Instant.now()));
        awaitSends(1);

        producer.errorNext(new TimeoutException("Expiring 1 record(s): 10000 ms has passed"));

        assertThat(catchThrowable(first::join)).hasCauseInstanceOf(KafkaUnavailableException.class);
        awaitSends(2);
        assertThat(second).isNotDone();
        producer.completeNext();
        assertThat(second.join().duplicate()).isFalse();
        assertThat(second.join().conflict()).isFalse();
        assertThat(producer.history().get(1).key()).isEqualTo(id);
    }

    @Test
    void otherContentWaitingOnAFailedWriteIsWrittenInsteadOfRefused() {
        kafkaAcknowledgedAWrite();
        String id = UUID.randomUUID().toString();
        CompletableFuture<WriteOutcome> first = write(event(id, "tok", Instant.now()));
        CompletableFuture<WriteOutcome> other = write(event(id, "another", Instant.now()));
        awaitSends(1);

        producer.errorNext(new TimeoutException("Expiring 1 record(s): 10000 ms has passed"));
        awaitSends(2);
        producer.completeNext();

        assertThat(first).isCompletedExceptionally();
        assertThat(other.join().conflict()).isFalse();
        assertThat(write(event(id, "tok", Instant.now())).join().conflict()).as("the written one is now the other")
                .isTrue();
    }

    @Test
    void aBatchWritesEachEventIdOnceAndItsRepeatsAndAnEventBeingWrittenWaitForTheFirstWrite() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        CompletableFuture<WriteOutcome> single = write(event(c, "tok", Instant.now()));
        awaitSends(1);
        Map<Integer, WriteOutcome> outcomes = new ConcurrentHashMap<>();
        EventWriter.Batch batch = writer.batch(5, (index, outcome, failure) -> outcomes.put(index, outcome));
        batch.add(0, event(a, "tok", Instant.now()));
        batch.add(1, event(b, "tok", Instant.now()));
        batch.add(2, event(a, "tok", Instant.now().plusMillis(3)));
        batch.add(3, event(c, "another", Instant.now()));
        batch.write();
        awaitSends(3);
        assertThat(outcomes).as("all wait for acknowledgements").isEmpty();

        producer.completeNext();
        producer.completeNext();
        producer.completeNext();

        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 4);
        assertThat(single.join().duplicate()).isFalse();
        assertThat(outcomes.get(0).duplicate()).isFalse();
        assertThat(outcomes.get(1).duplicate()).isFalse();
        assertThat(outcomes.get(2).duplicate()).as("the repeat in the batch").isTrue();
        assertThat(outcomes.get(2).written()).isEqualTo(outcomes.get(0).written());
        assertThat(outcomes.get(3).conflict()).as("other content than the single post's").isTrue();
        assertThat(producer.history()).extracting(r -> r.key()).as("the batch's in order, after the single post")
                .containsExactly(c, a, b);
    }
}
