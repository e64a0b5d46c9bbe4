package io.waspada.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch up, then follow: reads every partition of a topic from the beginning on its own thread
 * ({@code read_committed}, no consumer group: every instance reads everything), then keeps following it, handing
 * each record to a handler in partition order. Used wherever a service keeps a view of a topic in memory (silences,
 * the audit trail, the watchlist).
 *
 * <p>Records are read as bytes and decoded here, one by one, so a record whose key or value does not decode (a
 * poison record) is skipped, counted and handed to the {@code onUndecodable} handler with its position and the
 * reason (to dead-letter it), and reading goes on. A handler that throws skips its record (counted, logged). Only
 * the consumer itself failing (an authorization error, say) stops the reader: its state is then {@link State#FAILED},
 * which readiness reports. While the topic's partitions cannot be found (no broker yet) it keeps asking.
 */
public final class TopicFollower<K, V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** Where a reader is. Ready means {@link #FOLLOWING}. */
    public enum State { STARTING, CATCHING_UP, FOLLOWING, FAILED, CLOSED }

    /** A record that did not decode: as it was read, and why. */
    public record Undecodable(ConsumerRecord<byte[], byte[]> record, RuntimeException cause) {

        /** {@code topic-partition@offset}. */
        public String position() {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }
    }

    private final String topic;
    private final Deserializer<K> keys;
    private final Deserializer<V> values;
    private final Consumer<ConsumerRecord<K, V>> handler;
    private final Consumer<Undecodable> onUndecodable;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile State state = State.STARTING;
    private volatile RuntimeException failure;
    private volatile boolean running = true;

    private TopicFollower(KafkaConnection kafka, String topic, String clientId, Deserializer<K> keys,
            Deserializer<V> values, Consumer<ConsumerRecord<K, V>> handler, Consumer<Undecodable> onUndecodable) {
        this.topic = topic;
        this.keys = keys;
        this.values = values;
        this.handler = handler;
        this.onUndecodable = onUndecodable;
        this.consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "follow-" + topic);
        this.thread.setDaemon(true);
        // Avro resolves generated classes through the context class loader: this library's, not the caller's.
        this.thread.setContextClassLoader(TopicFollower.class.getClassLoader());
    }

    /** A follower of {@code topic} decoding with these deserializers; {@link Builder#start()} starts it. */
    public static <K, V> Builder<K, V> of(KafkaConnection kafka, String topic, Deserializer<K> keys,
            Deserializer<V> values) {
        return new Builder<>(kafka, topic, keys, values);
    }

    /** How a follower is set up. */
    public static final class Builder<K, V> {
        private final KafkaConnection kafka;
        private final String topic;
        private final Deserializer<K> keys;
        private final Deserializer<V> values;
        private String clientId;
        private Consumer<Undecodable> onUndecodable = u -> { };

        private Builder(KafkaConnection kafka, String topic, Deserializer<K> keys, Deserializer<V> values) {
            this.kafka = kafka;
            this.topic = topic;
            this.keys = keys;
            this.values = values;
            this.clientId = "follow-" + topic;
        }

        public Builder<K, V> clientId(String id) {
            this.clientId = Objects.requireNonNull(id);
            return this;
        }

        /** What to do with a record that does not decode (beyond skipping, counting and logging it). */
        public Builder<K, V> onUndecodable(Consumer<Undecodable> handler) {
            this.onUndecodable = Objects.requireNonNull(handler);
            return this;
        }

        /** Starts reading, handing every decoded record to {@code handler} on the follower's thread. */
        public TopicFollower<K, V> start(Consumer<ConsumerRecord<K, V>> handler) {
            TopicFollower<K, V> follower = new TopicFollower<>(kafka, topic, clientId, keys, values, handler,
                    onUndecodable);
            follower.thread.start();
            return follower;
        }
    }

    public String topic() {
        return topic;
    }

    public State state() {
        return state;
    }

    /** True once everything that was on the topic when reading started has been handled, while it still reads. */
    public boolean caughtUp() {
        return state == State.FOLLOWING;
    }

    /** Why it stopped, if it did ({@link State#FAILED}). */
    public RuntimeException failure() {
        return failure;
    }

    /** Records that did not decode (skipped). */
    public long undecodable() {
        return undecodable.get();
    }

    /** Records the handler failed on (skipped). */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Waits until caught up (true) or failed or {@code timeout} passed (false). Does not wait out the timeout on a
     * reader that already failed.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return caughtUp();
    }

    /** One line for readiness and logs: state, records read, skipped ones. */
    public String describe() {
        String line = state.name().toLowerCase(java.util.Locale.ROOT) + ", " + read.get() + " records read";
        if (undecodable.get() > 0) {
            line += ", " + undecodable.get() + " undecodable skipped";
        }
        if (skipped.get() > 0) {
            line += ", " + skipped.get() + " failed in the handler";
        }
        return failure == null ? line : line + ": " + failure;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = endOffsets(partitions);
            state = State.CATCHING_UP;
            long started = System.nanoTime();
            long nextProgress = started + PROGRESS_EVERY.toNanos();
            while (running) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(this::handle);
                    if (state == State.CATCHING_UP) {
                        if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(),
                                Duration.ofSeconds(30)) >= e.getValue())) {
                            state = State.FOLLOWING;
                            settled.countDown();
                            LOG.info("Caught up with {}: {} in {} ms", topic, describe(),
                                    (System.nanoTime() - started) / 1_000_000);
                        } else if (System.nanoTime() > nextProgress) {
                            nextProgress += PROGRESS_EVERY.toNanos();
                            LOG.info("Reading {}: {} of {} so far", topic, read.get(),
                                    end.values().stream().mapToLong(Long::longValue).sum());
                        }
                    }
                } catch (TimeoutException e) {
                    LOG.warn("Reading {}: {}; trying again", topic, e.getMessage()); // a broker away for a while
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            state = State.FAILED;
            LOG.error("Reading {} stopped: {}", topic, e.toString(), e);
        } finally {
            if (state != State.FAILED) {
                state = State.CLOSED;
            }
            settled.countDown();
            consumer.close(ClientTimeouts.CLOSE);
        }
    }

    /** The partitions' end offsets, asked for until the broker answers. */
    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        while (running) {
            try {
                return consumer.endOffsets(partitions, Duration.ofSeconds(10));
            } catch (TimeoutException e) {
                LOG.warn("End offsets of {} not known yet ({}); asking again", topic, e.getMessage());
            }
        }
        throw new WakeupException();
    }

    /** The topic's partitions, asked for until they are known (the broker may not be up yet). */
    private List<TopicPartition> partitions() {
        while (running) {
            try {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                LOG.warn("Topic {} not found yet; asking again", topic);
            } catch (TimeoutException e) {
                LOG.warn("Partitions of {} not known yet ({}); asking again", topic, e.getMessage());
            }
        }
        throw new WakeupException();
    }

    private void handle(ConsumerRecord<byte[], byte[]> raw) {
        read.incrementAndGet();
        ConsumerRecord<K, V> record;
        try {
            K key = keys.deserialize(raw.topic(), raw.headers(), raw.key());
            V value = values.deserialize(raw.topic(), raw.headers(), raw.value());
            record = new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                    raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value,
                    raw.headers(), raw.leaderEpoch());
        } catch (RuntimeException e) {
            undecodable.incrementAndGet();
            Undecodable poison = new Undecodable(raw, e);
            LOG.error("Skipping undecodable record {}: {}", poison.position(), e.toString());
            try {
                onUndecodable.accept(poison);
            } catch (RuntimeException reportFailed) {
                LOG.error("Could not report undecodable record {}", poison.position(), reportFailed);
            }
            return;
        }
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
            LOG.error("Skipping {}-{}@{}: the handler failed", raw.topic(), raw.partition(), raw.offset(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(ClientTimeouts.THREAD_EXIT.toMillis());
    }
}
