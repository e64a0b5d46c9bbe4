package io.waspada.notifier.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A compacted topic of JSON values mirrored in memory: read from the beginning at start, then followed, so what it
 * holds survives restarts. {@link #put} and {@link #remove} (a tombstone) return once the broker has the write.
 */
public final class CompactedJsonTable<V> implements AutoCloseable {

    private final Map<String, V> rows = new ConcurrentHashMap<>();
    private final Topic<String, String> topic;
    private final Class<V> type;
    private final ObjectMapper json;
    private final KafkaConnection kafka;
    private final Readers readers;
    private final String clientId;
    private KafkaProducer<String, String> producer;
    private io.waspada.kafka.TopicFollower<String, V> tail;
    private volatile java.util.function.Consumer<V> changes = value -> { };
    private volatile java.util.function.BiFunction<V, V, V> resolver = (held, read) -> read;

    public CompactedJsonTable(Topic<String, String> topic, Class<V> type, ObjectMapper json, KafkaConnection kafka,
                              Readers readers, String clientId) {
        this.topic = topic;
        this.type = type;
        this.json = json;
        this.kafka = kafka;
        this.readers = readers;
        this.clientId = clientId;
    }

    /** Reads every row on the topic (failing if that takes longer than {@code timeout}), then follows it. */
    public void start(Duration timeout) throws InterruptedException {
        producer = Producers.idempotent(kafka, topic, clientId);
        // A value that is not this type's JSON does not decode: skipped and dead-lettered, the rest still read.
        org.apache.kafka.common.serialization.Deserializer<V> values = (t, bytes) -> bytes == null ? null
                : read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        tail = readers.follow(topic, values, clientId + "-tail", record -> {
            if (record.value() == null) {
                rows.remove(record.key());
            } else {
                V kept;
                synchronized (this) { // a writer holding the table's lock around its own read and put is not raced
                    kept = resolver.apply(rows.get(record.key()), record.value());
                    rows.put(record.key(), kept);
                }
                changes.accept(kept);
            }
        });
        if (!tail.awaitCaughtUp(timeout)) {
            throw new IllegalStateException(type.getSimpleName() + "s not read from " + topic + " within " + timeout);
        }
    }

    /**
     * Hears every row read from the topic after {@link #start} (whichever instance wrote it, this one's own writes
     * included, as they come back from the broker); set it before start to hear the rows read at start too.
     */
    public void onChange(java.util.function.Consumer<V> listener) {
        this.changes = listener;
    }

    /**
     * What a row becomes when a value for it is read from the topic: {@code resolver} gets the row held (null if
     * none) and the value read, and returns the row to keep (by default the value read), under the table's lock (a
     * writer that reads a row and puts its successor under that lock is not raced by the reader). Set it before start.
     */
    public void resolveWith(java.util.function.BiFunction<V, V, V> resolver) {
        this.resolver = resolver;
    }

    public void put(String key, V value) {
        try {
            write(key, json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(type.getSimpleName() + " " + key + " not written", e);
        }
        rows.put(key, value);
    }

    public void remove(String key) {
        write(key, null);
        rows.remove(key);
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(rows.get(key));
    }

    public Collection<V> values() {
        return rows.values();
    }

    private void write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(type.getSimpleName() + " " + key + " not written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + type.getSimpleName() + " " + key, e);
        }
    }

    private V read(String value) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("undecodable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (tail != null) {
            readers.stop(tail);
        }
        if (producer != null) {
            producer.close(ClientTimeouts.CLOSE);
        }
    }
}
