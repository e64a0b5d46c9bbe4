package io.waspada.notifier.officers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.it.TestAlerts;
import io.waspada.notifier.kafka.Readers;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An event counts once in an alert's status, however it reaches the trail: written by this instance and brought back
 * by the topic (before or after the write returns), or twice on the topic.
 */
@Timeout(120)
class AuditTrailTest {

    @Test
    void anEventCountsOnceWhicheverWayItArrives() throws Exception {
        String id = TestAlerts.uniqueId("counted-once");
        AuditTrail trail = new AuditTrail(Readers.plain(SharedKafka.connection()));
        try (KafkaProducer<String, AlertLifecycleEvent> producer =
                TopicClients.producer(SharedKafka.connection(), Topics.ALERT_LIFECYCLE)) {
            trail.start(Duration.ofSeconds(60));
            assertThat(trail.status(id).escalations()).isEmpty(); // the status is now kept current in memory

            // Twice on the topic.
            AlertLifecycleEvent twice = escalated(id, "e1", "NORTH");
            producer.send(record(twice)).get();
            producer.send(record(twice)).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> trail.history(id).size() == 1
                    && storedCount(trail, id) == 2);
            assertThat(trail.status(id).escalations()).hasSize(1);

            // Written here, then brought back by the topic.
            AlertLifecycleEvent mine = escalated(id, "e2", "SOUTH");
            producer.send(record(mine)).get();
            trail.apply(mine);
            await().atMost(Duration.ofSeconds(20)).until(() -> storedCount(trail, id) == 3);
            assertThat(trail.status(id).escalations()).hasSize(2);

            // Brought back by the topic before the write returned.
            AlertLifecycleEvent early = escalated(id, "e3", "EAST");
            producer.send(record(early)).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> storedCount(trail, id) == 4);
            trail.apply(early);
            assertThat(trail.status(id).escalations()).extracting(AlertStatus.Escalation::to)
                    .containsExactly("NORTH", "SOUTH", "EAST");
            assertThat(trail.history(id)).extracting(AlertLifecycleEvent::getEventId)
                    .containsExactly(id + "-e1", id + "-e2", id + "-e3");
        } finally {
            trail.close();
        }
    }

    /** How many records of the alert the store holds (history shows each event once). */
    private static int storedCount(AuditTrail trail, String alertId) {
        return trail.storedEntries(alertId);
    }

    private static AlertLifecycleEvent escalated(String alertId, String suffix, String to) {
        return AlertLifecycleEvent.newBuilder().setEventId(alertId + "-" + suffix).setAlertId(alertId)
                .setAlertVersion(1).setAction(LifecycleAction.ESCALATED).setAt(Instant.now()).setActor("notifier-service")
                .setTaskForce(to).setAttributes(Map.of(AlertStatus.FROM, "HQ", AlertStatus.LEVEL, "1")).build();
    }

    private static ProducerRecord<String, AlertLifecycleEvent> record(AlertLifecycleEvent event) {
        return new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), event.getAlertId(), event);
    }
}
