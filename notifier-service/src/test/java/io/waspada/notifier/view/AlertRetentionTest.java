package io.waspada.notifier.view;

import io.waspada.notifier.officers.OfficerStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.config.RoutingConfigLoader;
import io.waspada.notifier.it.TestAlerts;
import io.waspada.notifier.kafka.Readers;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.state.LocalState;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memory holds the work in hand: an alert resolved before the retention began leaves the view and the audit trail's
 * statuses, and is read back by id from the local store as it was (task forces, standing); open and recently resolved
 * alerts stay.
 */
@Timeout(120)
class AlertRetentionTest {

    private static final Instant NOW = Instant.now();

    @Test
    void anAlertResolvedBeforeTheRetentionLeavesMemoryAndIsReadBackById() throws Exception {
        String old = TestAlerts.uniqueId("resolved-long-ago");
        String recent = TestAlerts.uniqueId("resolved-today");
        String open = TestAlerts.uniqueId("open");
        for (String id : List.of(old, recent, open)) {
            TestAlerts.sendAndGet(TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "tok-" + id, Handling.H1));
            write(id, LifecycleAction.ROUTED, NOW.minus(Duration.ofDays(3)), null);
        }
        write(old, LifecycleAction.RESOLVED, NOW.minus(Duration.ofDays(2)), null);
        write(recent, LifecycleAction.RESOLVED, NOW.minus(Duration.ofHours(2)), null);

        LocalState state = new LocalState(Readers.plain(SharedKafka.connection()), Optional.empty());
        AuditTrail trail = new AuditTrail(state);
        AlertView view = new AlertView();
        AlertRetention retention = new AlertRetention();
        retention.view = view;
        retention.trail = trail;
        retention.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        retention.retention = Duration.ofDays(1);
        AlertArchive archive = new AlertArchive();
        archive.state = state;
        archive.trail = trail;
        archive.router = new Router(RoutingConfigLoader.parse("inline", """
                route:
                  receiver: NORTH
                receivers:
                  - {id: NORTH, handling: [H0, H1, H2, H3]}
                """));
        view.archive = archive;
        try {
            trail.start(Duration.ofSeconds(60));
            for (String id : List.of(old, recent, open)) {
                var alert = TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "tok-" + id, Handling.H1);
                view.apply(new AlertState(alert, List.of("NORTH"), null, trail.status(id).standing()));
            }
            assertThat(retention.archived(old)).isTrue();
            assertThat(retention.archived(recent)).isFalse();
            assertThat(retention.archived(open)).isFalse();

            assertThat(retention.releaseExpired()).isEqualTo(1);
            assertThat(view.holds(old)).isFalse();
            assertThat(view.holds(recent)).isTrue();
            assertThat(view.holds(open)).isTrue();
            assertThat(trail.inMemory()).isEqualTo(2);

            AlertState readBack = view.get(old).orElseThrow();
            assertThat(readBack.version()).isEqualTo(1);
            assertThat(readBack.taskForces()).containsExactly("NORTH");
            assertThat(readBack.statusFor("NORTH")).isEqualTo(OfficerStatus.RESOLVED);
            assertThat(trail.history(old)).extracting(AlertLifecycleEvent::getAction)
                    .containsExactly(LifecycleAction.ROUTED, LifecycleAction.RESOLVED);
            assertThat(view.get("no-such-alert")).isEmpty();
            // On the topic but not resolved, and not in the view (not dispatched yet, maybe muted): not read back.
            assertThat(view.release(open)).isFalse(); // an open alert is never let go
            String undispatched = TestAlerts.uniqueId("undispatched");
            TestAlerts.sendAndGet(TestAlerts.alert(undispatched, 1, "KEDAH", Severity.HIGH, "tok", Handling.H1));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> !state.store().versions(undispatched).isEmpty());
            assertThat(view.get(undispatched)).isEmpty();
        } finally {
            trail.close();
        }
    }

    private static void write(String alertId, LifecycleAction action, Instant at, String taskForce) throws Exception {
        try (KafkaProducer<String, AlertLifecycleEvent> producer =
                TopicClients.producer(SharedKafka.connection(), Topics.ALERT_LIFECYCLE)) {
            producer.send(new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), alertId, AlertLifecycleEvent.newBuilder()
                    .setEventId(alertId + "-" + action).setAlertId(alertId).setAlertVersion(1).setAction(action)
                    .setAt(at).setActor("officer.north").setTaskForce(taskForce == null ? "NORTH" : taskForce)
                    .setAttributes(action == LifecycleAction.ROUTED ? Map.of("route", "root") : Map.of())
                    .build())).get();
        }
    }
}
