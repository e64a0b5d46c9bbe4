package io.waspada.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.WatchlistEntry;
import io.waspada.kafka.KafkaConnection;
import io.waspada.testing.Fixtures;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every Avro type of the contract goes through the real in-process broker and comes back equal. */
@Timeout(120)
class EveryRecordTypeThroughTheBrokerTest {

    private final KafkaConnection kafka = SharedKafka.connection();

    @Test
    void sightingsInterceptionsWatchlistAlertsAndLifecycleEventsRoundTrip() throws Exception {
        String run = UUID.randomUUID().toString();
        Sighting sighting = Fixtures.sighting("s-" + run, Fixtures.passport("tok-" + run));
        Interception interception = Fixtures.interception("i-" + run, Fixtures.passport("tok-" + run));
        WatchlistEntry entry = Fixtures.watchlistEntry("w-" + run, Fixtures.passport("tok-" + run));
        Alert alert = Fixtures.alert("a-" + run, sighting);
        AlertLifecycleEvent ack = Fixtures.acknowledged("a-" + run);

        assertRoundTrip(Topics.SIGHTINGS, sighting.getEventId(), sighting);
        assertRoundTrip(Topics.INTERCEPTIONS, interception.getEventId(), interception);
        assertRoundTrip(Topics.WATCHLIST, entry.getEntryId(), entry);
        assertRoundTrip(Topics.ALERTS, alert.getAlertId(), alert);
        assertRoundTrip(Topics.ALERT_LIFECYCLE, ack.getAlertId(), ack);
    }

    @Test
    void aWatchlistTombstoneArrivesAsNull() throws Exception {
        String id = "w-" + UUID.randomUUID();
        assertRoundTrip(Topics.WATCHLIST, id, null);
    }

    private <V> void assertRoundTrip(Topic<String, V> topic, String key, V value) throws Exception {
        RecordMetadata written;
        try (KafkaProducer<String, V> producer = TopicClients.producer(kafka, topic)) {
            written = producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
        List<ConsumerRecord<String, V>> read = TopicClients.readUntil(kafka, topic,
                records -> records.stream().anyMatch(r -> r.key().equals(key)), Duration.ofSeconds(30));

        ConsumerRecord<String, V> record = read.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
        assertThat(record.value()).isEqualTo(value);
        assertThat(record.partition()).isEqualTo(written.partition());
        assertThat(record.offset()).isEqualTo(written.offset());
    }
}
