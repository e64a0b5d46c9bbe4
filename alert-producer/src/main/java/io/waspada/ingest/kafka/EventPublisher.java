package io.waspada.ingest.kafka;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.topics.Topic;
import io.waspada.tracing.KafkaTraceContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to their {@link Topic} through one idempotent {@code acks=all} producer; the returned stage
 * completes only when the broker acknowledged the write, or fails with {@link KafkaUnavailableException} when it
 * could not within {@code delivery.timeout.ms}. Values are serialised with the topic's own serde.
 * <p>
 * {@code send} never blocks its caller (an HTTP event loop), and an outage costs bounded resources however many
 * clients keep posting: once Kafka is known to be unable to deliver, the {@link DeliveryBreaker} refuses writes at
 * once without touching the producer, until a probe write gets through; the bytes waiting in the producer are
 * bounded below its {@code buffer.memory} ({@link PendingBytes}), so {@code send()} never waits for buffer space;
 * and until a topic's metadata is known (first write, after a failure, after a long idle spell in which the producer
 * forgets it) the producer call, which may then wait up to {@code max.block.ms}, runs on one of a few threads with a
 * bounded queue ({@link ColdSends}). Whatever does not fit is refused at once, which the API answers 503.
 */
public final class EventPublisher implements AutoCloseable {

    /** The problem details of the refusals (a client sees them after the reason, "...; it is safe to resend"). */
    public static final String BREAKER_OPEN = "Kafka is not reachable: writes are refused until it acknowledges again";
    public static final String TOO_MUCH_PENDING = "too many events are waiting for Kafka's acknowledgement";
    public static final String COLD_QUEUE_FULL = "too many events are waiting for Kafka's topic metadata";
    public static final String CLOSING = "the service is stopping";

    private final Producer<String, byte[]> producer;
    private final KafkaTraceContext traces;
    /** The producer's own metrics on /q/metrics (record-error-rate, request latency, buffer), once bound. */
    private volatile io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics meters;
    private final DeliveryBreaker breaker;
    private final PendingBytes pending;
    private final ColdSends cold;
    private final LongSupplier nanoClock;
    private final long warmForNanos;
    /** Each topic's last acknowledgement: while recent, its metadata is in the producer and send() will not wait for it. */
    private final Map<String, Warmth> warmth = new ConcurrentHashMap<>();

    /** Told once how a write ended: where the broker acknowledged it, or why it was not written (then null). */
    @FunctionalInterface
    public interface Delivery {
        void settled(Written written, Throwable failure);
    }

    public EventPublisher(Map<String, Object> settings, PublisherLimits limits) {
        this(settings, limits, KafkaTraceContext.NONE);
    }

    /** As above; each record carries the trace context current when it is sent (the POST's span) in its headers. */
    public EventPublisher(Map<String, Object> settings, PublisherLimits limits, KafkaTraceContext traces) {
        // The limits are checked before the producer (and its thread) exists.
        this(checked(limits, settings), new KafkaProducer<>(withGuarantees(settings), new StringSerializer(),
                new ByteArraySerializer()), DeliveryBreaker.openingFor(limits.breakerOpenFor()), System::nanoTime,
                warmFor(settings), traces);
    }

    EventPublisher(PublisherLimits limits, Producer<String, byte[]> producer, DeliveryBreaker breaker,
            LongSupplier nanoClock, long warmForNanos) {
        this(limits, producer, breaker, nanoClock, warmForNanos, KafkaTraceContext.NONE);
    }

    EventPublisher(PublisherLimits limits, Producer<String, byte[]> producer, DeliveryBreaker breaker,
            LongSupplier nanoClock, long warmForNanos, KafkaTraceContext traces) {
        this.traces = traces;
        this.producer = producer;
        this.breaker = breaker;
        this.pending = new PendingBytes(limits.maxPendingBytes());
        this.cold = new ColdSends(limits.coldSendThreads(), limits.coldSendQueue());
        this.nanoClock = nanoClock;
        this.warmForNanos = warmForNanos;
    }

    /** The settings that make "accepted" mean "durably written once", whatever the configuration says. */
    static Map<String, Object> withGuarantees(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put(ProducerConfig.ACKS_CONFIG, "all");
        all.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return all;
    }

    /**
     * The pending bytes must stay well below the producer's buffer, or send() could block for space after all: the
     * buffer also holds the unused tail of each partition's open batch. At most half of it.
     */
    static PublisherLimits checked(PublisherLimits limits, Map<String, Object> settings) {
        long buffer = longSetting(settings, ProducerConfig.BUFFER_MEMORY_CONFIG, 32L * 1024 * 1024);
        if (limits.maxPendingBytes() > buffer / 2) {
            throw new IllegalArgumentException("waspada.ingest.max-pending-bytes (" + limits.maxPendingBytes()
                    + ") must be at most half of the producer's buffer.memory (" + buffer + ")");
        }
        return limits;
    }

    /**
     * How long after an acknowledgement a topic counts as known: half of {@code metadata.max.idle.ms}, after which
     * the producer drops an unused topic's metadata and its next send() would wait to fetch it again.
     */
    static long warmFor(Map<String, Object> settings) {
        long idleMs = longSetting(settings, ProducerConfig.METADATA_MAX_IDLE_CONFIG, 300_000);
        return TimeUnit.MILLISECONDS.toNanos(idleMs / 2);
    }

    private static long longSetting(Map<String, Object> settings, String name, long otherwise) {
        Object value = settings.get(name);
        return value == null ? otherwise : Long.parseLong(value.toString().trim());
    }

    /** Sends {@code value} (null = tombstone) under {@code key}; completes with where it was written. */
    public <V> CompletionStage<Written> send(Topic<String, V> topic, String key, V value) {
        byte[] bytes;
        try {
            bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sendEncoded(topic.name(), key, bytes);
    }

    /** Sends a value already in its topic's encoding (null = tombstone); completes with where it was written. */
    public CompletableFuture<Written> sendEncoded(String topic, String key, byte[] bytes) {
        CompletableFuture<Written> written = new CompletableFuture<>();
        sendEncoded(topic, key, bytes, (at, failure) -> {
            if (failure == null) {
                written.complete(at);
            } else {
                written.completeExceptionally(failure);
            }
        });
        return written;
    }

    /**
     * As above, telling {@code delivery} how the write ended instead of completing a future: on the producer's I/O
     * thread once the broker answered, or on the caller's thread at once when the write is refused. A batch's items
     * go this way, without a future (and the stages its callers hang on it) per item.
     */
    public void sendEncoded(String topic, String key, byte[] bytes, Delivery delivery) {
        Sends sends = sends();
        sends.add(topic, key, bytes, delivery);
        sends.close();
    }

    /** Writes handed over together, such as a batch's: see {@link Sends}. */
    public Sends sends() {
        return new Sends();
    }

    /**
     * Writes handed over together, each as {@link #sendEncoded(String, String, byte[], Delivery)} would: to a topic
     * whose metadata is known they go to the producer as they are added; to one not known yet they wait for
     * {@link #close} and then take one cold-send slot together, in order, instead of a slot each (a batch of a
     * thousand would find the cold queue full).
     */
    public final class Sends implements AutoCloseable {

        /** Per topic not known yet, its writes in the order added. */
        private Map<String, List<Queued>> unknownTopics;

        private Sends() {
        }

        /** Sends {@code bytes} (null = tombstone) under {@code key}; {@code delivery} is told how it ended. */
        public void add(String topic, String key, byte[] bytes, Delivery delivery) {
            DeliveryBreaker.Ticket ticket = breaker.admit();
            if (ticket == null) {
                delivery.settled(null, KafkaUnavailableException.refused(BREAKER_OPEN));
                return;
            }
            int size = pending.sizeOf(key, bytes);
            if (!pending.tryReserve(size)) {
                breaker.inconclusive(ticket);
                delivery.settled(null, KafkaUnavailableException.refused(TOO_MUCH_PENDING));
                return;
            }
            Warmth topicWarmth = warmth.computeIfAbsent(topic, name -> new Warmth());
            InFlight write = new InFlight(topicWarmth, ticket, size, delivery);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, bytes);
            traces.inject(io.opentelemetry.context.Context.current(), record.headers());
            if (topicWarmth.warm(nanoClock.getAsLong(), warmForNanos)) {
                write.send(record);
                return;
            }
            if (unknownTopics == null) {
                unknownTopics = new HashMap<>();
            }
            unknownTopics.computeIfAbsent(topic, name -> new ArrayList<>()).add(new Queued(write, record));
        }

        /** Hands the writes to topics not known yet to the cold-send threads (one slot per topic), or refuses them. */
        @Override
        public void close() {
            if (unknownTopics == null) {
                return;
            }
            for (List<Queued> writes : unknownTopics.values()) {
                boolean queued = cold.offer(() -> writes.forEach(Queued::sendIfStillAdmitted),
                        () -> writes.forEach(w -> w.write.refuse(CLOSING)));
                if (!queued) {
                    writes.forEach(w -> w.write.refuse(COLD_QUEUE_FULL));
                }
            }
            unknownTopics = null;
        }
    }

    /** A write waiting for a cold-send thread. */
    private record Queued(InFlight write, ProducerRecord<String, byte[]> record) {
        void sendIfStillAdmitted() {
            write.sendIfStillAdmitted(record);
        }
    }

    /** When a topic last had a write acknowledged (one per topic, so an acknowledgement needs no map look-up). */
    private static final class Warmth {

        private static final long NEVER = Long.MIN_VALUE;
        private volatile long acknowledgedAt = NEVER;

        boolean warm(long now, long warmForNanos) {
            long at = acknowledgedAt;
            return at != NEVER && now - at < warmForNanos;
        }

        /** Refreshed at most every millisecond: a write per acknowledgement was a fifth of the I/O thread's work. */
        void acknowledged(long now) {
            long at = acknowledgedAt;
            if (at == NEVER || now - at > 1_000_000) {
                acknowledgedAt = now;
            }
        }

        void forget() {
            acknowledgedAt = NEVER;
        }
    }

    /** One write handed on: settles exactly once, returning its bytes and telling the breaker what it learnt. */
    private final class InFlight implements Callback {

        private static final VarHandle SETTLED;

        static {
            try {
                SETTLED = MethodHandles.lookup().findVarHandle(InFlight.class, "settled", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Warmth topic;
        private final DeliveryBreaker.Ticket ticket;
        private final int size;
        private final Delivery delivery;
        @SuppressWarnings("unused") // through SETTLED
        private volatile boolean settled;

        InFlight(Warmth topic, DeliveryBreaker.Ticket ticket, int size, Delivery delivery) {
            this.topic = topic;
            this.ticket = ticket;
            this.size = size;
            this.delivery = delivery;
        }

        private boolean settle() {
            return SETTLED.compareAndSet(this, false, true);
        }

        void sendIfStillAdmitted(ProducerRecord<String, byte[]> record) {
            if (breaker.stillAdmits(ticket)) {
                send(record);
            } else {
                refuse(BREAKER_OPEN);
            }
        }

        void send(ProducerRecord<String, byte[]> record) {
            try {
                producer.send(record, this);
            } catch (RuntimeException e) {
                // send() throws what is not an ApiException (those reach the callback), e.g. a closed producer.
                onCompletion(null, e);
            }
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (!settle()) {
                return;
            }
            pending.release(size);
            if (error == null) {
                topic.acknowledged(nanoClock.getAsLong());
                breaker.delivered(ticket);
                delivery.settled(new Written(metadata.topic(), metadata.partition(), metadata.offset()), null);
                return;
            }
            Throwable translated = translate(error);
            if (translated instanceof KafkaUnavailableException) {
                topic.forget();
                breaker.undeliverable(ticket);
            } else {
                breaker.inconclusive(ticket);
            }
            delivery.settled(null, translated);
        }

        void refuse(String why) {
            if (settle()) {
                pending.release(size);
                breaker.inconclusive(ticket);
                delivery.settled(null, KafkaUnavailableException.refused(why));
            }
        }
    }

    static Throwable translate(Throwable error) {
        if (error instanceof TimeoutException || error instanceof RetriableException) {
            return new KafkaUnavailableException("Kafka did not acknowledge the write: " + error.getMessage(), error);
        }
        return error;
    }

    /** Where the breaker stands (for metrics). */
    public DeliveryBreaker.State breakerState() {
        return breaker.state();
    }

    /** Bytes handed to the producer or queued for it and not yet settled (for metrics). */
    public long pendingBytes() {
        return pending.pending();
    }

    /**
     * Publishes the producer's own metrics ({@code kafka_producer_*}) on {@code registry}; only a real KafkaProducer has
     * them. Removed again on {@link #close}.
     */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        if (producer instanceof KafkaProducer<String, byte[]> kafka) {
            meters = new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(kafka);
            meters.bindTo(registry);
        }
    }

    @Override
    public void close() {
        cold.close();
        if (meters != null) {
            meters.close();
        }
        producer.close(ClientTimeouts.CLOSE);
    }
}
