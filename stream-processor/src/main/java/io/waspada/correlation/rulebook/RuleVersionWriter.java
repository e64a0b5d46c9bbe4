package io.waspada.correlation.rulebook;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.DurableSend;
import io.waspada.kafka.KafkaConnection;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a rule version to the rules topic and waits until every in-sync replica has it (acks=all, idempotent): first
 * under {@code <id>@<version>} (the history, kept for good), then under the rule id (the current version). A reader
 * takes a version from either record, so one written only halfway is still read whole.
 */
public final class RuleVersionWriter implements AutoCloseable {

    private static final long WRITE_TIMEOUT_MS = 10_000;

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public RuleVersionWriter(KafkaConnection kafka, String topic, String clientId) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT_MS,
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new StringSerializer());
    }

    /** Writes both records; returns once both are on every in-sync replica. */
    public void write(RuleVersion version) throws DurableSend.NotWritten {
        String value = version.toJson();
        DurableSend.await(() -> producer.send(new ProducerRecord<>(topic, version.historyKey(), value)),
                WRITE_TIMEOUT_MS + 1_000);
        DurableSend.await(() -> producer.send(new ProducerRecord<>(topic, version.rule(), value)),
                WRITE_TIMEOUT_MS + 1_000);
    }

    @Override
    public void close() {
        producer.close(ClientTimeouts.CLOSE);
    }
}
