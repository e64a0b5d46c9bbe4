package io.waspada.notifier.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.DurableSend;
import io.waspada.kafka.KafkaConnection;
import io.waspada.notifier.kafka.Producers;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes what operators change about delivery (a silence made or expired) to {@code tip.access-audit.v1}, keyed by
 * the actor, and returns once every in-sync replica has it (acks=all, idempotent). The change happens only after its
 * record is written ({@code outcome} REQUESTED: the change follows it at once, or the caller saw an error): when the
 * audit cannot be written, nothing changes ({@link AuditUnavailable}, answered 503).
 */
@ApplicationScoped
public class OperatorAudit {

    public static final String SERVICE = "notifier-service";
    private static final long WRITE_TIMEOUT_MS = 15_000;

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public OperatorAudit(KafkaConnection kafka, ObjectMapper json, Clock clock) {
        this.producer = Producers.idempotent(kafka, Topics.ACCESS_AUDIT, "notifier-operator-audit");
        this.json = json;
        this.clock = clock;
    }

    /** Writes one action; returns the record once the broker has it. */
    public OperatorAction record(String actor, String taskForce, String action, String subject, String scope,
            String detail) {
        OperatorAction entry = new OperatorAction(UUID.randomUUID().toString(), clock.instant(), SERVICE, actor,
                taskForce, action, subject, scope, detail, "REQUESTED");
        try {
            String value = json.writeValueAsString(entry);
            DurableSend.await(() -> producer.send(new ProducerRecord<>(Topics.ACCESS_AUDIT.name(),
                    actor == null ? "" : actor, value)), WRITE_TIMEOUT_MS);
            return entry;
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

    /** The action could not be audited, so it must not happen. */
    public static final class AuditUnavailable extends RuntimeException {
        AuditUnavailable(Throwable cause) {
            super("The audit (" + Topics.ACCESS_AUDIT.name() + ") could not be written: " + cause, cause);
        }
    }
}
