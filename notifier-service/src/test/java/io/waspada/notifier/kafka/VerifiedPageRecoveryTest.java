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
import io.waspada.notifier.officers.AlertStatus;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.officers.TipVerdict;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A verified tip-only alert (#18) after a restart or takeover of its owner: the task force the verification routed it
 * to (not the desk its label names) gets back the page the previous owner left unsent, and an alert already paged there
 * goes on being reminded and is announced as resolved.
 */
@Timeout(120)
class VerifiedPageRecoveryTest {

    private static final Instant NOW = Instant.parse("2026-11-20T05:00:00Z");

    @Test
    void theTaskForceAVerifiedAlertReachedGetsItsPagesAndRemindersBack() throws Exception {
        String interrupted = TestAlerts.uniqueId("verified-interrupted");
        String paged = TestAlerts.uniqueId("verified-paged");
        try (KafkaProducer<String, AlertLifecycleEvent> producer =
                TopicClients.producer(SharedKafka.connection(), Topics.ALERT_LIFECYCLE)) {
            for (String id : List.of(interrupted, paged)) {
                producer.send(record(id, "r", LifecycleAction.ROUTED, "notifier-service", "DESK", null,
                        Map.of(AlertStatus.ROUTE, "/0"), NOW.minusSeconds(600))).get();
                producer.send(record(id, "v", LifecycleAction.OTHER, "lead.desk", "DESK", null,
                        Map.of(TipVerdict.ATTRIBUTE, TipVerdict.VERIFIED), NOW.minusSeconds(300))).get();
                producer.send(record(id, "h", LifecycleAction.ROUTED, "notifier-service", "HOOK", null,
                        Map.of(AlertStatus.ROUTE, "/1", TipVerdict.ATTRIBUTE, TipVerdict.VERIFIED),
                        NOW.minusSeconds(299))).get();
                // The marker is on the trail: nothing routes it again; only recovery brings its pages back.
                producer.send(record(id, "m", LifecycleAction.OTHER, "notifier-service", null, null,
                        Map.of(TipVerdict.ATTRIBUTE, TipVerdict.ROUTED, "receivers", "HOOK"),
                        NOW.minusSeconds(299))).get();
            }
            producer.send(record(paged, "d", LifecycleAction.DELIVERED, "notifier-service", "HOOK", "webhook",
                    Map.of(), NOW.minusSeconds(60))).get();
        }
        Path secret = Files.createTempFile("secret", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, "0123456789abcdef");
        PageRecovery recovery = new PageRecovery();
        recovery.router = new Router(RoutingConfigLoader.parse("inline", """
                route:
                  receiver: HQ
                  group_by: [subject]
                  group_wait: 0s
                  routes:
                    - matchers: ['verification="required"']
                      receiver: DESK
                    - matchers: ['region="KEDAH"']
                      receiver: HOOK
                receivers:
                  - id: HQ
                  - id: DESK
                  - id: HOOK
                    channels: {webhook: {url: "http://127.0.0.1:9/hook", secret_file: "%s"}}
                """.formatted(secret)));
        recovery.view = new AlertView();
        recovery.sender = new NotificationSender();
        recovery.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AuditTrail trail = new AuditTrail(Readers.plain(SharedKafka.connection()));
        recovery.trail = trail;
        recovery.view.apply(new AlertState(tipOnly(interrupted), List.of("DESK", "HOOK"), null, AlertState.OPEN));
        recovery.view.apply(new AlertState(tipOnly(paged), List.of("DESK", "HOOK"), null, AlertState.OPEN));
        try {
            trail.start(Duration.ofSeconds(30));
            assertThat(trail.status(interrupted).verification().routed()).isTrue();
            assertThat(recovery.requeue(alertId -> alertId.equals(interrupted) || alertId.equals(paged)))
                    .isEqualTo(1);
        } finally {
            trail.close();
        }
        assertThat(recovery.sender.groups().due(NOW)).flatExtracting(Notification::alerts)
                .extracting(Alert::getAlertId).containsExactly(interrupted);
        assertThat(recovery.sender.groups().resolve(paged, NOW)).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(Notification.RESOLVED));
    }

    private static Alert tipOnly(String id) {
        return TestAlerts.tipOnly(TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "tok-" + id, Handling.H1));
    }

    private static ProducerRecord<String, AlertLifecycleEvent> record(String alertId, String step,
            LifecycleAction action, String actor, String taskForce, String channel, Map<String, String> attributes,
            Instant at) {
        return new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), alertId, AlertLifecycleEvent.newBuilder()
                .setEventId(alertId + "-" + step).setAlertId(alertId).setAlertVersion(1).setAction(action)
                .setAt(at).setActor(actor).setTaskForce(taskForce).setChannel(channel).setAttributes(attributes)
                .build());
    }
}
