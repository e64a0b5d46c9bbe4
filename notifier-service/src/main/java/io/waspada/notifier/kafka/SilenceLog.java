package io.waspada.notifier.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.notifier.routing.Silence;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
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
 * The silences, kept on the compacted {@code tip.silences.v1} (JSON values) and mirrored in memory by reading the
 * topic from the beginning, so they survive restarts. {@link #save} returns once the broker has the silence.
 */
@ApplicationScoped
public class SilenceLog {

    private final Map<String, Silence> silences = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final String bootstrap;
    private KafkaProducer<String, String> producer;
    private TopicTail<String, String> tail;

    @Inject
    public SilenceLog(ObjectMapper json, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.json = json;
        this.bootstrap = bootstrap;
    }

    /** Reads every silence on the topic, then follows it. */
    public void start(Duration timeout) throws InterruptedException {
        producer = Producers.idempotent(bootstrap, Topics.SILENCES, "notifier-silences");
        tail = new TopicTail<>(bootstrap, Topics.SILENCES, record -> {
            if (record.value() == null) {
                silences.remove(record.key());
            } else {
                silences.put(record.key(), read(record.value()));
            }
        }).start();
        if (!tail.awaitCaughtUp(timeout)) {
            throw new IllegalStateException("silences not read from " + Topics.SILENCES + " within " + timeout);
        }
    }

    public Silence save(Silence silence) {
        try {
            producer.send(new ProducerRecord<>(Topics.SILENCES.name(), silence.id(), json.writeValueAsString(silence)))
                    .get();
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException("silence " + silence.id() + " not saved", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving silence " + silence.id(), e);
        }
        silences.put(silence.id(), silence);
        return silence;
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    public List<Silence> all() {
        return silences.values().stream().sorted(Comparator.comparing(Silence::startsAt)).toList();
    }

    /** The first silence active at {@code now} that mutes these labels. */
    public Optional<Silence> muting(Map<String, String> labels, Instant now) {
        return silences.values().stream().filter(s -> s.mutes(labels, now)).findFirst();
    }

    private Silence read(String value) {
        try {
            return json.readValue(value, Silence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("undecodable silence: " + e.getOriginalMessage(), e);
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
