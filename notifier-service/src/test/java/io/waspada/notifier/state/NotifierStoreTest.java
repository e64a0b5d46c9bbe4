package io.waspada.notifier.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.it.TestAlerts;
import io.waspada.notifier.kafka.Readers;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier's local store on the real broker: each alert's lifecycle events in the order written and every version
 * of it, read from disk rather than the heap; a restart reads only what was written since its checkpoint; a state
 * directory of another Kafka cluster is rebuilt, not trusted.
 */
@Timeout(120)
class NotifierStoreTest {

    private static final Duration READY = Duration.ofSeconds(60);
    private final Readers readers = Readers.plain(SharedKafka.connection());

    @Test
    void keepsEachAlertsEventsInOrderItsFirstResolutionAndEveryVersion(@TempDir Path dir) throws Exception {
        String id = TestAlerts.uniqueId("stored");
        Instant resolvedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        write(id, LifecycleAction.ROUTED, resolvedAt.minusSeconds(60));
        write(id, LifecycleAction.ACKED, resolvedAt.minusSeconds(30));
        write(id, LifecycleAction.RESOLVED, resolvedAt);
        write(id, LifecycleAction.RESOLVED, resolvedAt.plusSeconds(30)); // a second resolution changes nothing
        TestAlerts.sendAndGet(TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "tok-" + id, Handling.H1));
        TestAlerts.sendAndGet(TestAlerts.alert(id, 2, "KEDAH", Severity.CRITICAL, "tok-" + id, Handling.H1));

        try (NotifierStore store = open(dir, (position, event) -> { })) {
            assertThat(store.entries(id)).extracting(e -> e.event().getAction()).containsExactly(
                    LifecycleAction.ROUTED, LifecycleAction.ACKED, LifecycleAction.RESOLVED, LifecycleAction.RESOLVED);
            assertThat(store.entries(id)).extracting(NotifierStore.Entry::position).isSorted();
            assertThat(store.resolvedAt(id)).contains(resolvedAt);
            assertThat(store.versions(id)).extracting(Alert::getVersion).containsExactly(1L, 2L);
            assertThat(store.entries("no-such-alert")).isEmpty();
            assertThat(store.resolvedAt("no-such-alert")).isEmpty();
            assertThat(store.running()).isTrue();
            assertThat(store.describe()).startsWith("following").contains("undecodable skipped");
        }
        // A copy of the audit trail: nobody but the service's user and group (Kafka Streams makes it rwxr-x---).
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("notifier-service-trail")))
                .doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_READ,
                        java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void aRestartReadsOnlyWhatWasWrittenSinceItsCheckpoint(@TempDir Path dir) throws Exception {
        String before = TestAlerts.uniqueId("before");
        String after = TestAlerts.uniqueId("after");
        write(before, LifecycleAction.ROUTED, Instant.now());
        write(before, LifecycleAction.VIEWED, Instant.now());
        List<String> seen = new CopyOnWriteArrayList<>();
        TrailListener listener = (position, event) -> seen.add(event.getAlertId());
        try (NotifierStore store = open(dir, listener)) {
            assertThat(store.entries(before)).hasSize(2);
        }
        assertThat(seen).contains(before);
        seen.clear();

        write(after, LifecycleAction.ROUTED, Instant.now());
        try (NotifierStore store = open(dir, listener)) {
            assertThat(store.entries(after)).hasSize(1);
            assertThat(store.entries(before)).hasSize(2); // from disk
        }
        // The first run's events were not read again: only what came after the checkpoint went through.
        assertThat(seen).contains(after).doesNotContain(before);
    }

    @Test
    void aStateDirectoryOfAnotherClusterIsRebuiltFromTheTopics(@TempDir Path dir) throws Exception {
        String id = TestAlerts.uniqueId("rebuilt");
        write(id, LifecycleAction.ROUTED, Instant.now());
        Path app = Files.createDirectories(dir.resolve("notifier-service-trail"));
        Files.writeString(app.resolve("kafka-cluster-id"), "another-cluster");
        Path stale = Files.createDirectories(app.resolve("global"));
        Path neighbour = Files.createDirectories(dir.resolve("waspada-correlation"));
        Files.writeString(stale.resolve(".checkpoint"), "0\n1\ntip.alert-lifecycle.v1 0 999999999\n");
        try (NotifierStore store = open(dir, (position, event) -> { })) {
            assertThat(store.entries(id)).hasSize(1);
        }
        assertThat(Files.readString(app.resolve("kafka-cluster-id"))).isNotEqualTo("another-cluster");
        assertThat(neighbour).exists(); // another application's state beside it is left alone
    }

    @Test
    void aTemporaryStateDirectoryLeftByAKilledRunIsRemovedOneInUseIsNot(@TempDir Path parent) throws Exception {
        Path abandoned = Files.createDirectories(parent.resolve(NotifierStore.TEMPORARY_PREFIX + "-killed"));
        Files.createFile(abandoned.resolve(NotifierStore.OWNER));
        Files.writeString(abandoned.resolve("data"), "a whole copy of both topics");
        Path inUse = Files.createDirectories(parent.resolve(NotifierStore.TEMPORARY_PREFIX + "-running"));
        Path mine = Files.createDirectories(parent.resolve(NotifierStore.TEMPORARY_PREFIX + "-mine"));
        Path unrelated = Files.createDirectories(parent.resolve("something-else"));
        try (var channel = java.nio.channels.FileChannel.open(inUse.resolve(NotifierStore.OWNER),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            channel.lock();
            NotifierStore.removeAbandoned(parent, mine);
        }
        assertThat(abandoned).doesNotExist();
        assertThat(inUse).exists();
        assertThat(mine).exists();
        assertThat(unrelated).exists();
    }

    private NotifierStore open(Path dir, TrailListener listener) throws InterruptedException {
        return NotifierStore.open(SharedKafka.connection(), Optional.of(dir), listener, readers::deadLetter, READY);
    }

    private static void write(String alertId, LifecycleAction action, Instant at) throws Exception {
        try (KafkaProducer<String, AlertLifecycleEvent> producer =
                TopicClients.producer(SharedKafka.connection(), Topics.ALERT_LIFECYCLE)) {
            producer.send(new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), alertId, AlertLifecycleEvent.newBuilder()
                    .setEventId(alertId + "-" + action + "-" + at.toEpochMilli()).setAlertId(alertId)
                    .setAlertVersion(1).setAction(action).setAt(at).setActor("officer.test").setTaskForce("NORTH")
                    .setAttributes(Map.of()).build())).get();
        }
    }
}
