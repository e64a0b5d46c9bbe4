package io.waspada.ingest.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes agencies' replies to {@code tip.follow-up-answers.v1} (acks=all, idempotent), keyed by requestId; a call
 * returns once the broker has the reply, or throws.
 */
public final class FollowUpReplies implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;

    public FollowUpReplies(KafkaConnection kafka, ObjectMapper json) {
        this.json = json;
        this.producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "alert-producer-follow-up-answers",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)),
                Topics.FOLLOW_UP_ANSWERS.keySerde().serializer(), Topics.FOLLOW_UP_ANSWERS.valueSerde().serializer());
    }

    public void write(FollowUpAnswer reply) throws ExecutionException, InterruptedException, TimeoutException {
        String value;
        try {
            value = json.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        producer.send(new ProducerRecord<>(Topics.FOLLOW_UP_ANSWERS.name(), reply.requestId(), value))
                .get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
