package io.waspada.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.delivery.AlertDispatcher;
import io.waspada.notifier.delivery.AlertDispatcher.Mode;
import io.waspada.notifier.it.TestAlerts;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Restart semantics against the real broker: every start replays the alerts delivered before (from the local store's
 * copy of the topic) into the view, without delivering them again; what arrived while the notifier was down is
 * delivered.
 */
@Timeout(120)
class AlertIntakeTest {

    /** Records what the intake hands over instead of routing it. */
    static final class Recorder extends AlertDispatcher {
        final List<String> seen = new CopyOnWriteArrayList<>();
        /** Alerts only shown (partitions another instance owns, or not yet taken). */
        final Set<String> viewed = ConcurrentHashMap.newKeySet();

        /** What the routing decision of an alert (by id) does; durable at once for the others. */
        final Map<String, CompletableFuture<Void>> decisions = new ConcurrentHashMap<>();
        final Set<String> undispatchable = ConcurrentHashMap.newKeySet();

        @Override
        public CompletableFuture<Void> dispatch(Alert alert, Mode mode) {
            if (undispatchable.contains(alert.getAlertId())) {
                throw new IllegalStateException("cannot route " + alert.getAlertId());
            }
            if (mode == Mode.VIEW) {
                viewed.add(alert.getAlertId() + ":" + alert.getVersion());
                return CompletableFuture.completedFuture(null);
            }
            seen.add(alert.getAlertId() + ":" + alert.getVersion() + (mode == Mode.REBUILD ? ":replay" : ":live"));
            return decisions.getOrDefault(alert.getAlertId(), CompletableFuture.completedFuture(null));
        }
    }

    @Test
    void anOffsetIsCommittedOnlyOnceTheAlertsRoutingDecisionIsOnTheAuditTrail() throws Exception {
        String group = TestAlerts.uniqueId("intake-durable");
        String id = TestAlerts.uniqueId("slow-decision");
        Recorder recorder = new Recorder();
        CompletableFuture<Void> decision = new CompletableFuture<>();
        recorder.decisions.put(id, decision);
        AlertIntake intake = replayed(recorder, group);
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            RecordMetadata written = sendHigh(id);
            TopicPartition partition = new TopicPartition(written.topic(), written.partition());
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.seen.contains(id + ":1:live"));
            // While its ROUTED records are being written, the alert is not committed (a crash now re-dispatches it).
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> committed(admin, group, partition) <= written.offset());
            decision.complete(null);
            await().atMost(Duration.ofSeconds(20)).until(() -> committed(admin, group, partition) > written.offset());
        } finally {
            intake.close();
        }
    }

    @Test
    void aDecisionThatCannotBeWrittenStopsTheIntakeAndTheAlertIsDispatchedAgainOnRestart() throws Exception {
        String group = TestAlerts.uniqueId("intake-failed-decision");
        String id = TestAlerts.uniqueId("lost-decision");
        Recorder first = new Recorder();
        first.decisions.put(id, CompletableFuture.failedFuture(new IllegalStateException("broker said no")));
        AlertIntake before = replayed(first, group);
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            RecordMetadata written = sendHigh(id);
            assertStoppedAt(before, admin, group, written, id, "could not be written");
        } finally {
            before.close();
        }
        Recorder second = new Recorder();
        AlertIntake after = new AlertIntake(second, SharedKafka.connection(), group);
        after.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> second.seen.contains(id + ":1:live"));
            assertThat(after.failed()).isFalse();
        } finally {
            after.close();
        }
    }

    @Test
    void anAlertThatCannotBeDispatchedIsNotSkipped() throws Exception {
        String group = TestAlerts.uniqueId("intake-undispatchable");
        String id = TestAlerts.uniqueId("unroutable");
        Recorder recorder = new Recorder();
        recorder.undispatchable.add(id);
        AlertIntake intake = replayed(recorder, group);
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            RecordMetadata written = sendHigh(id);
            assertStoppedAt(intake, admin, group, written, id, "could not be dispatched");
        } finally {
            intake.close();
        }
    }

    /** An intake of this group, started and done replaying. */
    private static AlertIntake replayed(Recorder recorder, String group) throws InterruptedException {
        AlertIntake intake = new AlertIntake(recorder, SharedKafka.connection(), group);
        intake.start();
        assertThat(intake.awaitReplayed(Duration.ofSeconds(30))).isTrue();
        return intake;
    }

    private static RecordMetadata sendHigh(String alertId) {
        return TestAlerts.sendAndGet(TestAlerts.alert(alertId, 1, "KEDAH", Severity.HIGH, "t", Handling.H0));
    }

    /** The intake stopped on the alert, saying why, and committed nothing from it on. */
    private static void assertStoppedAt(AlertIntake intake, Admin admin, String group, RecordMetadata written,
            String alertId, String why) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(intake::failed);
        assertThat(intake.failure()).contains(alertId, why);
        assertThat(committed(admin, group, new TopicPartition(written.topic(), written.partition())))
                .isLessThanOrEqualTo(written.offset());
    }

    /** The group's committed offset on the partition, -1 if none. */
    private static long committed(Admin admin, String group, TopicPartition partition) throws Exception {
        var offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
        return offset == null ? -1 : offset.offset();
    }

    @Test
    void theCommittedOffsetPassesTheTransactionMarkersSoAnIdleNotifierHasNoLag() throws Exception {
        String group = TestAlerts.uniqueId("intake-markers");
        Recorder recorder = new Recorder();
        AlertIntake intake = new AlertIntake(recorder, SharedKafka.connection(), group);
        intake.start();
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig());
                KafkaProducer<String, Alert> producer = transactionalProducer()) {
            assertThat(intake.awaitReplayed(Duration.ofSeconds(30))).isTrue();
            String id = TestAlerts.uniqueId("in-a-transaction");
            // As the stream-processor writes alerts: in a transaction, whose commit marker follows the record.
            producer.beginTransaction();
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.ALERTS.name(), id,
                    TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "t", Handling.H0))).get();
            producer.commitTransaction();
            TopicPartition partition = new TopicPartition(written.topic(), written.partition());
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.seen.contains(id + ":1:live"));

            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
            assertThat(end).as("the commit marker follows the record").isGreaterThan(written.offset() + 1);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get().get(partition).offset()).isEqualTo(end));
        } finally {
            intake.close();
        }
    }

    private static KafkaProducer<String, Alert> transactionalProducer() {
        KafkaProducer<String, Alert> producer = new KafkaProducer<>(SharedKafka.connection().with(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, TestAlerts.uniqueId("alerts-tx"),
                ProducerConfig.ACKS_CONFIG, "all")),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer());
        producer.initTransactions();
        return producer;
    }

    @Test
    void aRestartReplaysWhatWasDeliveredAndDeliversWhatWasMissed() throws Exception {
        String group = TestAlerts.uniqueId("intake-test");
        String id = TestAlerts.uniqueId("restart");
        TestAlerts.send(TestAlerts.alert(TestAlerts.uniqueId("history"), 1, "KEDAH", Severity.LOW, "t", Handling.H0));

        Recorder first = new Recorder();
        AlertIntake before = new AlertIntake(first, SharedKafka.connection(), group);
        before.start();
        assertThat(before.awaitReplayed(Duration.ofSeconds(30))).isTrue();
        assertThat(first.seen).allMatch(s -> s.endsWith(":replay"));
        TestAlerts.send(TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "t", Handling.H0));
        await().atMost(Duration.ofSeconds(20)).until(() -> first.seen.contains(id + ":1:live"));
        before.close();

        TestAlerts.send(TestAlerts.alert(id, 2, "KEDAH", Severity.HIGH, "t", Handling.H0));
        Recorder second = new Recorder();
        AlertIntake after = new AlertIntake(second, SharedKafka.connection(), group);
        after.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> second.seen.contains(id + ":2:live"));
            assertThat(second.seen).filteredOn(s -> s.startsWith(id + ":")).containsExactly(id + ":1:replay", id + ":2:live");
            assertThat(after.replayed()).isTrue();
        } finally {
            after.close();
        }
    }

    @Test
    void twoInstancesShareThePartitionsShowEveryAlertAndTheOneLeftTakesOverWhatTheOtherHadNotMadeDurable()
            throws Exception {
        String group = TestAlerts.uniqueId("intake-pair");
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        PartitionOwnership ownsA = new PartitionOwnership();
        PartitionOwnership ownsB = new PartitionOwnership();
        AlertIntake first = new AlertIntake(a, SharedKafka.connection(), group, ownsA, PartitionHandover.NONE);
        AlertIntake second = new AlertIntake(b, SharedKafka.connection(), group, ownsB, PartitionHandover.NONE);
        first.start();
        second.start();
        try {
            assertThat(first.awaitReplayed(Duration.ofSeconds(30))).isTrue();
            assertThat(second.awaitReplayed(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> !ownsA.owned().isEmpty() && !ownsB.owned().isEmpty()
                    && ownsA.owned().size() + ownsB.owned().size() == 6);
            assertThat(ownsA.owned()).doesNotContainAnyElementsOf(ownsB.owned());

            // An alert of the first instance's whose routing decision never becomes durable: not committed.
            String stuck = java.util.stream.Stream.generate(() -> TestAlerts.uniqueId("stuck"))
                    .filter(ownsA::owns).findFirst().orElseThrow();
            a.decisions.put(stuck, new CompletableFuture<>());
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(TestAlerts.uniqueId("shared"));
            }
            ids.add(stuck);
            ids.forEach(id -> TestAlerts.send(TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "t", Handling.H0)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (String id : ids) {
                    // Decided by exactly one instance, the partition's owner; shown by both.
                    assertThat(decisions(a, id) + decisions(b, id)).as(id).isEqualTo(1);
                    assertThat(decisions(ownsA.owns(id) ? a : b, id)).as(id).isEqualTo(1);
                    assertThat(a.seen.contains(id + ":1:live") || a.viewed.contains(id + ":1")).as(id).isTrue();
                    assertThat(b.seen.contains(id + ":1:live") || b.viewed.contains(id + ":1")).as(id).isTrue();
                }
            });

            // The first instance stops: the second takes every partition and decides again what was not durable.
            first.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> ownsB.owned().size() == 6);
            await().atMost(Duration.ofSeconds(20)).until(() -> decisions(b, stuck) == 1);
            for (String id : ids) {
                if (!id.equals(stuck)) {
                    assertThat(decisions(a, id) + decisions(b, id)).as("decided once: " + id).isEqualTo(1);
                }
            }
            assertThat(second.failed()).isFalse();
        } finally {
            first.close();
            second.close();
        }
    }

    private static long decisions(Recorder recorder, String id) {
        return recorder.seen.stream().filter(s -> s.equals(id + ":1:live")).count();
    }

}
