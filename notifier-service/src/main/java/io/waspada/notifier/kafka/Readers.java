package io.waspada.notifier.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.TopicFollower;
import io.waspada.kafka.TopicFollower.Undecodable;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

/**
 * The notifier's readers of its topics, in one place: each follows its topic ({@link TopicFollower}) and is part of
 * readiness while it is meant to run; a record on any topic the notifier reads that does not decode is skipped,
 * counted ({@code waspada_notifier_undecodable_records_total{topic}}) and dead-lettered to {@code tip.dlq.v1} as it
 * was read (key, value, headers) with its position and the reason in the {@code waspada.dlq.*} headers, as the
 * stream-processor writes its own.
 */
@ApplicationScoped
public class Readers {

    private static final Logger LOG = Logger.getLogger(Readers.class);
    public static final String READER = "notifier-service";

    private final KafkaConnection kafka;
    private final MeterRegistry registry;
    private final List<TopicFollower<?, ?>> running = new CopyOnWriteArrayList<>();
    /** Positions already dead-lettered by this process (two readers of one topic report a record once). */
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private KafkaProducer<byte[], byte[]> deadLetters;

    @Inject
    public Readers(KafkaConnection kafka, MeterRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Readers outside CDI (tests, tools): counted in a registry of their own. */
    public static Readers plain(KafkaConnection kafka) {
        return new Readers(kafka, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** The connection every reader uses. */
    public KafkaConnection connection() {
        return kafka;
    }

    /** Follows {@code topic} for as long as the service runs: part of readiness. */
    public <K, V> TopicFollower<K, V> follow(Topic<K, ?> topic, Deserializer<V> values, String clientId,
            Consumer<ConsumerRecord<K, V>> handler) {
        TopicFollower<K, V> follower = TopicFollower.of(kafka, topic.name(), topic.keySerde().deserializer(), values)
                .clientId(clientId).onUndecodable(this::deadLetter).start(handler);
        running.add(follower);
        return follower;
    }

    /** The followers meant to be running now. */
    public List<TopicFollower<?, ?>> followers() {
        return List.copyOf(running);
    }

    /** Counts it, and writes it to the DLQ as it was read, with where it was and why it did not decode. */
    public void deadLetter(Undecodable poison) {
        deadLetter(poison.record(), "UNDECODABLE", poison.cause().getClass().getName(),
                String.valueOf(poison.cause().getMessage()));
    }

    /**
     * A record read that cannot be used for {@code reason} (a reader's own check: a reply missing fields, say): counted
     * and written to the DLQ like an undecodable one, {@code exception} and {@code message} saying what was wrong.
     * Done once the broker has it (or failed).
     */
    public java.util.concurrent.Future<?> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason,
            String exception, String message) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (reported.size() < 100_000 && !reported.add(position)) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        registry.counter("waspada.notifier.undecodable.records", "topic", record.topic()).increment();
        if (record.topic().equals(Topics.DLQ.name())) {
            return java.util.concurrent.CompletableFuture.completedFuture(null); // never back onto its own topic
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, "waspada.dlq.reason", reason);
        add(headers, "waspada.dlq.topic", record.topic());
        add(headers, "waspada.dlq.partition", Integer.toString(record.partition()));
        add(headers, "waspada.dlq.offset", Long.toString(record.offset()));
        add(headers, "waspada.dlq.exception", exception);
        add(headers, "waspada.dlq.message", message);
        add(headers, "waspada.dlq.reader", READER);
        return producer().send(new ProducerRecord<>(Topics.DLQ.name(), null, record.key(), record.value(), headers),
                (metadata, e) -> {
                    if (e != null) {
                        reported.remove(position); // a reader trying again writes it then
                        LOG.errorf(e, "Record %s not dead-lettered (it stays where it is)", position);
                    }
                });
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (deadLetters == null) {
            deadLetters = new KafkaProducer<>(kafka.with(java.util.Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.CLIENT_ID_CONFIG, "notifier-dead-letters")),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return deadLetters;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops a follower (it leaves readiness). */
    public void stop(TopicFollower<?, ?> follower) throws InterruptedException {
        running.remove(follower);
        follower.close();
    }

    @PreDestroy
    void close() throws InterruptedException {
        for (TopicFollower<?, ?> follower : running) {
            follower.close();
        }
        running.clear();
        synchronized (this) {
            if (deadLetters != null) {
                deadLetters.close(ClientTimeouts.CLOSE);
            }
        }
    }
}
