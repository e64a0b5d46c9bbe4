package io.waspada.notifier.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.kafka.KafkaConnection;
import io.waspada.notifier.kafka.CompactedJsonTable;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Webhook dead letters on the compacted {@code tip.delivery-dlq.v1} (JSON), mirrored in memory from the start of the
 * topic so they survive restarts; a replayed one is removed with a tombstone. Writes wait for the broker.
 */
@ApplicationScoped
public class DeadLetterLog {

    private final CompactedJsonTable<DeadLetter> letters;

    @Inject
    public DeadLetterLog(ObjectMapper json, KafkaConnection kafka, io.waspada.notifier.kafka.Readers readers) {
        this.letters = new CompactedJsonTable<>(Topics.DELIVERY_DLQ, DeadLetter.class, json, kafka, readers,
                "notifier-delivery-dlq");
    }

    public void start(Duration timeout) throws InterruptedException {
        letters.start(timeout);
    }

    public void add(DeadLetter letter) {
        letters.put(letter.id(), letter);
    }

    public void remove(String id) {
        letters.remove(id);
    }

    public Optional<DeadLetter> get(String id) {
        return letters.get(id);
    }

    public List<DeadLetter> all() {
        return letters.values().stream().sorted(Comparator.comparing(DeadLetter::deadAt)).toList();
    }

    @PreDestroy
    void close() throws InterruptedException {
        letters.close();
    }
}
