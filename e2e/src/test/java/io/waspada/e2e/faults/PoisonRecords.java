package io.waspada.e2e.faults;

import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One record no schema decodes on every topic a service reads: the event topics and the watchlist (stream-processor,
 * and the watchlist also ingest), the alerts, the audit trail, silences and webhook dead letters (notifiers). Written
 * as the admin, as a broken or hostile client with write access would; the compacted topics keep it, so every later
 * restart in the suite reads it again.
 */
final class PoisonRecords {

    static final List<String> TOPICS = List.of(Topics.SIGHTINGS.name(), Topics.INTERCEPTIONS.name(),
            Topics.WATCHLIST.name(), Topics.ALERTS.name(), Topics.ALERT_LIFECYCLE.name(), Topics.SILENCES.name(),
            Topics.DELIVERY_DLQ.name());
    private static final byte[] POISON = "not an avro record, nor json {".getBytes(StandardCharsets.US_ASCII);

    private PoisonRecords() {
    }

    static void plant(FaultRig rig) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(rig.platform().connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : TOPICS) {
                var at = producer.send(new ProducerRecord<>(topic, ("poison-" + System.nanoTime())
                        .getBytes(StandardCharsets.UTF_8), POISON)).get();
                ScenarioRun.log("poison on %s-%d@%d", topic, at.partition(), at.offset());
            }
        }
    }
}
