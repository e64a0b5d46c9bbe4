package io.waspada.ingest.kafka;

import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.TopicFollower;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a compacted topic of this service's views from the beginning and follows it ({@link TopicFollower}), handing
 * each record (a null value is a tombstone: the key is gone) to the view that keeps the rows. It says when everything
 * on the topic at start has been read, and how reading goes (readiness). A record that does not decode is skipped and
 * counted; ingest may not write the DLQ.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {

    private final TopicFollower<String, V> follower;

    public CompactedTopicReader(KafkaConnection kafka, String topic, Deserializer<String> keys, Deserializer<V> values,
            String clientId, Consumer<ConsumerRecord<String, V>> apply) {
        this.follower = TopicFollower.of(kafka, topic, keys, values).clientId(clientId).start(apply);
    }

    /** True once everything on the topic when reading started has been read, while it is still read. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    /** Waits up to {@code timeout} for {@link #caughtUp()}; returns whether it is (at once if reading failed). */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return follower.awaitCaughtUp(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How the reader is doing, for readiness. */
    public String describe() {
        return follower.describe();
    }

    @Override
    public void close() {
        try {
            follower.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
