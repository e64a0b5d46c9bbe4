package io.waspada.ingest.kafka;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.topics.Topic;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to their {@link Topic} through one idempotent {@code acks=all} producer; the returned stage
 * completes only when the broker acknowledged the write, or fails with {@link KafkaUnavailableException} when it
 * could not within {@code delivery.timeout.ms}. Values are serialised with the topic's own serde.
 * {@code send} never blocks its caller (an HTTP event loop): until a topic's metadata is known (first write, or
 * after a failure) the producer call, which may then wait up to {@code max.block.ms}, runs on a side thread.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final ExecutorService coldSends = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kafka-cold-send");
        thread.setDaemon(true);
        return thread;
    });

    public EventPublisher(Map<String, Object> settings) {
        this.producer = new KafkaProducer<>(withGuarantees(settings), new StringSerializer(), new ByteArraySerializer());
    }

    /** The settings that make "accepted" mean "durably written once", whatever the configuration says. */
    static Map<String, Object> withGuarantees(Map<String, Object> settings) {
        Map<String, Object> all = new java.util.HashMap<>(settings);
        all.put(ProducerConfig.ACKS_CONFIG, "all");
        all.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return all;
    }

    /** Sends {@code value} (null = tombstone) under {@code key}; completes with where it was written. */
    public <V> CompletionStage<Written> send(Topic<String, V> topic, String key, V value) {
        if (ready.contains(topic.name())) {
            return sendNow(topic, key, value);
        }
        return CompletableFuture.supplyAsync(() -> sendNow(topic, key, value), coldSends).thenCompose(stage -> stage);
    }

    private <V> CompletionStage<Written> sendNow(Topic<String, V> topic, String key, V value) {
        CompletableFuture<Written> written = new CompletableFuture<>();
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, error) -> {
                if (error == null) {
                    ready.add(topic.name());
                    written.complete(new Written(metadata.topic(), metadata.partition(), metadata.offset()));
                } else {
                    ready.remove(topic.name());
                    written.completeExceptionally(translate(error));
                }
            });
        } catch (KafkaException e) {
            // send() itself throws when metadata or buffer space did not come within max.block.ms.
            ready.remove(topic.name());
            written.completeExceptionally(translate(e));
        }
        return written;
    }

    static Throwable translate(Throwable error) {
        if (error instanceof TimeoutException || error instanceof RetriableException) {
            return new KafkaUnavailableException("Kafka did not acknowledge the write: " + error.getMessage(), error);
        }
        return error;
    }

    @Override
    public void close() {
        coldSends.shutdownNow();
        producer.close(ClientTimeouts.CLOSE);
    }
}
