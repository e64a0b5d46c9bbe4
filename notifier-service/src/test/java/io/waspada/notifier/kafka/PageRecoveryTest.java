package io.waspada.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.config.RoutingConfigLoader;
import io.waspada.notifier.delivery.Notification;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.it.TestAlerts;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After a restart, pages the audit trail shows as routed but never settled are grouped again; paged ones come back
 * into their group as already sent (not sent again, but reminded of and announced as resolved).
 */
@Timeout(120)
class PageRecoveryTest {

    private static final Instant NOW = Instant.parse("2026-11-20T05:00:00Z");

    @Test
    void requeuesWhatThePreviousRunLeftUnsettled() throws Exception {
        String interrupted = TestAlerts.uniqueId("interrupted");
        String delivered = TestAlerts.uniqueId("delivered");
        try (KafkaProducer<String, AlertLifecycleEvent> producer =
                TopicClients.producer(SharedKafka.connection(), Topics.ALERT_LIFECYCLE)) {
            producer.send(record(interrupted, LifecycleAction.ROUTED, null)).get();
            producer.send(record(interrupted, LifecycleAction.DELIVERY_FAILED, "webhook")).get();
            producer.send(record(delivered, LifecycleAction.ROUTED, null)).get();
            // Paged a minute before the restart: its next reminder is not due yet.
            producer.send(record(delivered, LifecycleAction.DELIVERED, "webhook", NOW.minusSeconds(60))).get();
        }
        Instant now = NOW;
        PageRecovery recovery = new PageRecovery();
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("secret", ".txt",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.nio.file.Files.writeString(secret, "0123456789abcdef");
        recovery.router = new Router(RoutingConfigLoader.parse("inline", """
                route:
                  receiver: HOOK
                  group_by: [subject]
                  group_wait: 0s
                receivers:
                  - id: HOOK
                    channels: {webhook: {url: "http://127.0.0.1:9/hook", secret_file: "%s"}}
                """.formatted(secret)));
        recovery.view = new AlertView();
        recovery.sender = new NotificationSender();
        recovery.clock = Clock.fixed(now, ZoneOffset.UTC);
        // As the notifier starts: the audit trail's store is brought up to date from the topic.
        var trail = new io.waspada.notifier.officers.AuditTrail(Readers.plain(SharedKafka.connection()));
        recovery.trail = trail;
        recovery.view.apply(new AlertState(alert(interrupted), List.of("HOOK"), null, AlertState.OPEN));
        recovery.view.apply(new AlertState(alert(delivered), List.of("HOOK"), null, AlertState.OPEN));
        try {
            trail.start(java.time.Duration.ofSeconds(30));
            assertThat(recovery.requeue(alertId -> true)).isEqualTo(1);
        } finally {
            trail.close();
        }
        assertThat(recovery.sender.groups().due(now)).flatExtracting(Notification::alerts)
                .extracting(Alert::getAlertId).containsExactly(interrupted);
        // The delivered one is back in its group as already paged: not sent again, but its resolution is announced.
        assertThat(recovery.sender.groups().resolve(delivered, now)).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(Notification.RESOLVED));
    }

    private static Alert alert(String id) {
        return TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "tok-" + id, Handling.H1);
    }

    private static ProducerRecord<String, AlertLifecycleEvent> record(String alertId, LifecycleAction action,
            String channel) {
        return record(alertId, action, channel, Instant.EPOCH);
    }

    private static ProducerRecord<String, AlertLifecycleEvent> record(String alertId, LifecycleAction action,
            String channel, Instant at) {
        return new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), alertId, AlertLifecycleEvent.newBuilder()
                .setEventId(alertId + "-" + action).setAlertId(alertId).setAlertVersion(1).setAction(action)
                .setAt(at).setTaskForce("HOOK").setChannel(channel).setAttributes(Map.of()).build());
    }
}
