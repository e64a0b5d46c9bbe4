package io.waspada.e2e.faults;

import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.e2e.platform.Platform;
import io.waspada.testing.Fixtures;
import io.waspada.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alerts as the correlator writes them, for the fault tests: one subject each (so one page each), HIGH, H1. */
final class PagedAlerts {

    private PagedAlerts() {
    }

    /** A first version of alert {@code id}, its subject label the id itself. */
    static Alert alert(String id, int n) {
        Alert alert = Fixtures.alert(id, Fixtures.sighting("ev-" + id, Fixtures.passport("P" + n)));
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put("subject", id);
        alert.setLabels(labels);
        alert.setHandling(Handling.H1);
        alert.setSeverity(Severity.HIGH);
        alert.setCreatedAt(Instant.now());
        alert.setUpdatedAt(Instant.now());
        return alert;
    }

    /** A new id: {@code prefix-} and 8 hex digits. */
    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static KafkaProducer<String, Alert> producer(Platform platform) {
        return new KafkaProducer<>(platform.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer());
    }

    /** Writes {@code count} alerts at once; their ids. */
    static List<String> send(Platform platform, String prefix, int count) {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, Alert> producer = producer(platform)) {
            for (int i = 0; i < count; i++) {
                String id = id(prefix);
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), id, alert(id, i)));
                ids.add(id);
            }
            producer.flush();
        }
        return ids;
    }
}
