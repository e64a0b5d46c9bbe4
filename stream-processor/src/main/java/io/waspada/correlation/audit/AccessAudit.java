package io.waspada.correlation.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.common.annotation.Identifier;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.DurableSend;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes each {@link AccessRecord} to {@code tip.access-audit.v1} and waits until every in-sync replica has it
 * (acks=all, idempotent). A query is answered only after its record is written: when the audit cannot be written,
 * nothing is served ({@link AuditUnavailable}).
 */
@ApplicationScoped
public class AccessAudit {

    private static final long WRITE_TIMEOUT_MS = 10_000;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final KafkaProducer<String, String> producer;

    @Inject
    public AccessAudit(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        KafkaConnection kafka = KafkaConnection.from(kafkaConfig);
        producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "stream-processor-access-audit",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT_MS,
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new StringSerializer());
    }

    /** Writes the record; returns once it is on every in-sync replica. */
    public void record(AccessRecord access) {
        write(access.actor(), access);
    }

    /** Writes a rule change's record; returns once it is on every in-sync replica. */
    public void record(RuleChangeRecord change) {
        write(change.actor(), change);
    }

    private void write(String actor, Object record) {
        try {
            String value = json.writeValueAsString(record);
            DurableSend.await(() -> producer.send(new ProducerRecord<>(Topics.ACCESS_AUDIT.name(), actor,
                    value)), WRITE_TIMEOUT_MS + 1_000);
        } catch (JsonProcessingException e) {
            throw new AuditUnavailable(e);
        } catch (DurableSend.NotWritten e) {
            throw new AuditUnavailable(e.getCause());
        }
    }

    @PreDestroy
    void close() {
        producer.close(ClientTimeouts.CLOSE);
    }

    /** The access could not be audited, so it must not happen. */
    public static final class AuditUnavailable extends RuntimeException {
        AuditUnavailable(Throwable cause) {
            super("The access audit (" + Topics.ACCESS_AUDIT.name() + ") could not be written: " + cause, cause);
        }
    }
}
