package io.waspada.notifier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.notifier.kafka.Producers;
import io.waspada.notifier.kafka.TopicTail;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook dead letters on the compacted {@code tip.delivery-dlq.v1} (JSON), mirrored in memory from the start of the
 * topic so they survive restarts; a replayed one is removed with a tombstone. Writes wait for the broker.
 */
@ApplicationScoped
public class DeadLetterLog {

    private final Map<String, DeadLetter> letters = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final String bootstrap;
    private KafkaProducer<String, String> producer;
    private TopicTail<String, String> tail;

    @Inject
    public DeadLetterLog(ObjectMapper json, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.json = json;
        this.bootstrap = bootstrap;
    }

    public void start(Duration timeout) throws InterruptedException {
        producer = Producers.idempotent(bootstrap, Topics.DELIVERY_DLQ, "notifier-delivery-dlq");
        tail = new TopicTail<>(bootstrap, Topics.DELIVERY_DLQ, record -> {
            if (record.value() == null) {
                letters.remove(record.key());
            } else {
                letters.put(record.key(), read(record.value()));
            }
        }).start();
        if (!tail.awaitCaughtUp(timeout)) {
            throw new IllegalStateException("dead letters not read from " + Topics.DELIVERY_DLQ + " within " + timeout);
        }
    }

    public void add(DeadLetter letter) {
        try {
            write(letter.id(), json.writeValueAsString(letter));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        letters.put(letter.id(), letter);
    }

    public void remove(String id) {
        write(id, null);
        letters.remove(id);
    }

    public Optional<DeadLetter> get(String id) {
        return Optional.ofNullable(letters.get(id));
    }

    public List<DeadLetter> all() {
        return letters.values().stream().sorted(Comparator.comparing(DeadLetter::deadAt)).toList();
    }

    private void write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_DLQ.name(), key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("dead letter " + key + " not written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private DeadLetter read(String value) {
        try {
            return json.readValue(value, DeadLetter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("undecodable dead letter: " + e.getOriginalMessage(), e);
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        if (tail != null) {
            tail.close();
        }
        if (producer != null) {
            producer.close();
        }
    }
}
