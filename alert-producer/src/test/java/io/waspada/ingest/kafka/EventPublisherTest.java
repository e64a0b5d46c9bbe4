package io.waspada.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.waspada.avro.Sighting;
import io.waspada.testing.Fixtures;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publisher against a producer completed by hand: nothing is reported written before the acknowledgement, an
 * outage opens the breaker and then nothing reaches the producer until a probe, and pending bytes and cold sends are
 * bounded, refusing at once instead of waiting.
 */
@Timeout(60)
class EventPublisherTest {

    private static final Duration OPEN_FOR = Duration.ofSeconds(5);
    private static final PublisherLimits ROOMY = new PublisherLimits(1024 * 1024, 2, 16, OPEN_FOR);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final DeliveryBreaker breaker = new DeliveryBreaker(OPEN_FOR, nanos::get);
    private MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private EventPublisher publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    private EventPublisher publisher(PublisherLimits limits) {
        publisher = new EventPublisher(limits, producer, breaker, nanos::get, Duration.ofMinutes(2).toNanos());
        return publisher;
    }

    private static Sighting sighting() {
        return Fixtures.sighting(UUID.randomUUID().toString(), Fixtures.passport("tok"));
    }

    private CompletableFuture<Written> send() {
        Sighting sighting = sighting();
        return publisher.send(Topics.SIGHTINGS, sighting.getEventId(), sighting).toCompletableFuture();
    }

    /** One acknowledged write: the topic's metadata is known from then on. */
    private void warmUp() {
        CompletableFuture<Written> first = send();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
        producer.completeNext();
        first.join();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
    }

    private static KafkaUnavailableException unavailable(CompletableFuture<?> stage) {
        assertThat(stage).isCompletedExceptionally();
        Throwable thrown = catchThrowable(stage::join);
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(KafkaUnavailableException.class);
        return (KafkaUnavailableException) thrown.getCause();
    }

    @Test
    void aWriteIsReportedOnlyOnceTheBrokerAcknowledgedIt() {
        publisher(ROOMY);
        CompletableFuture<Written> stage = send();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
        assertThat(stage).isNotDone();

        producer.completeNext();

        assertThat(stage.join().topic()).isEqualTo(Topics.SIGHTINGS.name());
        assertThat(publisher.pendingBytes()).isZero();
    }

    @Test
    void eachRecordCarriesTheTraceContextOfTheRequestThatSentItAndNoneWithoutOne() {
        publisher = new EventPublisher(ROOMY, producer, breaker, nanos::get, Duration.ofMinutes(2).toNanos(),
                new io.waspada.tracing.KafkaTraceContext(
                        io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance()));
        var post = io.opentelemetry.sdk.trace.SdkTracerProvider.builder().build().get("test")
                .spanBuilder("POST /api/v1/sightings").startSpan();
        try (var scope = post.makeCurrent()) {
            send();
        }
        send();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);

        var traced = producer.history().get(0).headers().lastHeader("traceparent");
        assertThat(new String(traced.value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("00-"
                + post.getSpanContext().getTraceId() + "-" + post.getSpanContext().getSpanId() + "-01");
        assertThat(producer.history().get(1).headers().lastHeader("traceparent")).isNull();
    }

    @Test
    void onceTheTopicIsKnownTheProducerIsCalledOnTheCallersThread() {
        publisher(ROOMY);
        warmUp();

        send();

        assertThat(producer.history()).as("handed over before send() returned").hasSize(2);
    }

    @Test
    void anOutageOpensTheBreakerAndThenWritesAreRefusedWithoutReachingTheProducer() {
        publisher(ROOMY);
        warmUp();
        CompletableFuture<Written> lost = send();
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());

        producer.errorNext(new TimeoutException("Expiring 1 record(s) for sightings-0: 10000 ms has passed"));

        assertThat(unavailable(lost).refused()).isFalse();
        assertThat(publisher.breakerState()).isEqualTo(DeliveryBreaker.State.OPEN);
        for (int i = 0; i < 100; i++) {
            KafkaUnavailableException refused = unavailable(send());
            assertThat(refused.refused()).isTrue();
            assertThat(refused.detail()).isEqualTo(EventPublisher.BREAKER_OPEN);
        }
        assertThat(producer.history()).hasSize(2);
        assertThat(publisher.pendingBytes()).isZero();
    }

    @Test
    void afterTheOpenIntervalOneProbeGoesThroughAndItsAcknowledgementLetsEverythingThrough() {
        publisher(ROOMY);
        warmUp();
        CompletableFuture<Written> lost = send();
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));
        unavailable(lost);
        nanos.addAndGet(OPEN_FOR.toNanos());

        CompletableFuture<Written> probe = send();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 3);
        assertThat(unavailable(send()).detail()).as("only the probe while it is out")
                .isEqualTo(EventPublisher.BREAKER_OPEN);
        producer.completeNext();

        assertThat(probe.join().topic()).isEqualTo(Topics.SIGHTINGS.name());
        assertThat(publisher.breakerState()).isEqualTo(DeliveryBreaker.State.CLOSED);
        CompletableFuture<Written> after = send();
        assertThat(producer.history()).hasSize(4);
        producer.completeNext();
        assertThat(after.join().topic()).isEqualTo(Topics.SIGHTINGS.name());
    }

    @Test
    void writesBeyondThePendingBytesAreRefusedAtOnceUntilAcknowledgementsFreeThem() {
        Sighting sample = sighting();
        int size = PendingBytes.RECORD_OVERHEAD + sample.getEventId().length()
                + Topics.SIGHTINGS.valueSerde().serializer().serialize(Topics.SIGHTINGS.name(), sample).length;
        publisher(new PublisherLimits(2 * size + size / 2, 2, 16, OPEN_FOR));
        warmUp();
        CompletableFuture<Written> one = send();
        CompletableFuture<Written> two = send();
        assertThat(publisher.pendingBytes()).isEqualTo(2L * size);

        KafkaUnavailableException refused = unavailable(send());

        assertThat(refused.detail()).isEqualTo(EventPublisher.TOO_MUCH_PENDING);
        assertThat(producer.history()).hasSize(3);
        assertThat(publisher.breakerState()).as("load is no outage").isEqualTo(DeliveryBreaker.State.CLOSED);
        producer.completeNext();
        one.join();
        CompletableFuture<Written> three = send();
        assertThat(three).isNotDone();
        assertThat(producer.history()).hasSize(4);
        producer.completeNext();
        producer.completeNext();
        two.join();
        three.join();
        assertThat(publisher.pendingBytes()).isZero();
    }

    @Test
    void coldSendsUseAFixedNumberOfThreadsAndABoundedQueueAndRefuseTheRestAtOnce() {
        BlockingProducer blocking = new BlockingProducer();
        producer = blocking;
        publisher(new PublisherLimits(1024 * 1024, 1, 1, OPEN_FOR));
        CompletableFuture<Written> first = send();
        await().atMost(Duration.ofSeconds(10)).until(() -> blocking.entered.getCount() == 0);
        CompletableFuture<Written> queued = send();

        KafkaUnavailableException refused = unavailable(send());

        assertThat(refused.detail()).isEqualTo(EventPublisher.COLD_QUEUE_FULL);
        blocking.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
        producer.completeNext();
        producer.completeNext();
        assertThat(first.join().topic()).isEqualTo(Topics.SIGHTINGS.name());
        assertThat(queued.join().topic()).isEqualTo(Topics.SIGHTINGS.name());
        assertThat(blocking.callers).as("both on the one cold-send thread").hasSize(1);
    }

    @Test
    void writesHandedOverTogetherToATopicNotKnownYetTakeOneColdSlotAndKeepTheirOrder() {
        BlockingProducer blocking = new BlockingProducer();
        producer = blocking;
        publisher(new PublisherLimits(1024 * 1024, 1, 1, OPEN_FOR));
        CompletableFuture<Written> first = send();
        await().atMost(Duration.ofSeconds(10)).until(() -> blocking.entered.getCount() == 0);
        Map<String, Written> written = new ConcurrentHashMap<>();
        java.util.List<String> keys = new java.util.ArrayList<>();
        try (EventPublisher.Sends sends = publisher.sends()) {
            for (int i = 0; i < 100; i++) {
                String key = UUID.randomUUID().toString();
                keys.add(key);
                sends.add(Topics.SIGHTINGS.name(), key, new byte[] {1}, (at, failure) -> written.put(key, at));
            }
        }

        blocking.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 101);
        while (producer.completeNext()) {
            // every write acknowledged
        }

        assertThat(first.join().topic()).isEqualTo(Topics.SIGHTINGS.name());
        assertThat(written).as("none refused for want of a queue slot").hasSize(100);
        assertThat(producer.history().subList(1, 101)).extracting(ProducerRecord::key).containsExactlyElementsOf(keys);
    }

    @Test
    void aQueuedWriteFindingTheBreakerOpenIsRefusedWithoutReachingTheProducer() {
        BlockingProducer blocking = new BlockingProducer();
        producer = blocking;
        publisher(new PublisherLimits(1024 * 1024, 1, 4, OPEN_FOR));
        send();
        await().atMost(Duration.ofSeconds(10)).until(() -> blocking.entered.getCount() == 0);
        CompletableFuture<Written> queued = send();
        DeliveryBreaker.Ticket other = breaker.admit();
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        breaker.undeliverable(other);

        blocking.release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(queued::isDone);
        assertThat(unavailable(queued).detail()).isEqualTo(EventPublisher.BREAKER_OPEN);
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void closingRefusesTheWritesStillQueued() {
        BlockingProducer blocking = new BlockingProducer();
        producer = blocking;
        publisher(new PublisherLimits(1024 * 1024, 1, 4, OPEN_FOR));
        CompletableFuture<Written> sending = send();
        await().atMost(Duration.ofSeconds(10)).until(() -> blocking.entered.getCount() == 0);
        CompletableFuture<Written> queued = send();

        publisher.close();
        publisher = null;

        assertThat(unavailable(queued).detail()).isEqualTo(EventPublisher.CLOSING);
        await().atMost(Duration.ofSeconds(10)).until(sending::isDone);
        assertThat(sending).isCompletedExceptionally();
    }

    @Test
    void thePendingBytesMustStayWithinHalfOfTheProducersBuffer() {
        Map<String, Object> settings = Map.of(ProducerConfig.BUFFER_MEMORY_CONFIG, "33554432");
        PublisherLimits defaults = new PublisherLimits(16 * 1024 * 1024, 2, 256, OPEN_FOR);

        assertThat(EventPublisher.checked(defaults, settings)).isEqualTo(defaults);
        assertThatThrownBy(() -> EventPublisher.checked(new PublisherLimits(16 * 1024 * 1024 + 1, 2, 256, OPEN_FOR),
                settings)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-pending-bytes");
    }

    @Test
    void acksAllAndIdempotenceAreForcedWhateverTheSettingsSay() {
        Map<String, Object> forced = EventPublisher.withGuarantees(Map.of(ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"));

        assertThat(forced).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    /** A producer whose send() waits until released, as a real one waits for a topic's metadata. */
    private static final class BlockingProducer extends MockProducer<String, byte[]> {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Set<Thread> callers = ConcurrentHashMap.newKeySet();

        BlockingProducer() {
            super(false, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            callers.add(Thread.currentThread());
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            return super.send(record, callback);
        }
    }
}
