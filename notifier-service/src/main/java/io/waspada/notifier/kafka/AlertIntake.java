package io.waspada.notifier.kafka;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.schemas.AvroSerde;
import io.waspada.avro.Alert;
import io.waspada.notifier.delivery.AlertDispatcher;
import io.waspada.notifier.state.LocalState;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code tip.alerts.v1} ({@code read_committed}) from the group's committed offsets on. The alert view is first
 * rebuilt from the alert versions before those offsets, which earlier runs delivered: they are read from the local
 * store ({@link LocalState}, brought up to date with the topic at start), not from the topic again, and replayed into
 * the view only (alerts resolved before the retention are skipped). Records from the committed offsets on are
 * dispatched (routed and delivered), and an offset is committed only once the
 * routing decisions of every alert before it are on the audit trail (acks=all), so an alert that arrived while the
 * notifier was down, or whose decision was not yet durable when it stopped, is dispatched again after a restart (at
 * least once). A decision that cannot be written, or an alert that cannot be dispatched, stops the intake: nothing
 * after it is committed and readiness goes DOWN naming it; nothing is skipped.
 */
@ApplicationScoped
public class AlertIntake {

    private static final Logger LOG = Logger.getLogger(AlertIntake.class);
    private static final Duration RECOMMIT_EVERY = Duration.ofHours(1);
    private static final Duration REBUILD = Duration.ofMinutes(5);

    private final CountDownLatch replayed = new CountDownLatch(1);
    private final AlertDispatcher dispatcher;
    private final KafkaConnection kafka;
    private final String groupId;
    private final Readers readers;
    private final LocalState state;
    private final boolean ownsState;
    private PartitionOwnership ownership = new PartitionOwnership();
    private final AvroSerde<Alert> alerts = new AvroSerde<>(Alert.class);
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile String failure;
    /** Per live partition, the dispatched alerts whose decisions are not known durable yet, in offset order. */
    private final Map<TopicPartition, java.util.ArrayDeque<Settling>> settling = new HashMap<>();

    /** An alert dispatched at {@code offset}, durable when {@code decision} completes. */
    private record Settling(long offset, String alertId, java.util.concurrent.CompletableFuture<Void> decision) {
    }

    @Inject
    public AlertIntake(AlertDispatcher dispatcher, KafkaConnection kafka, Readers readers, LocalState state,
            PartitionOwnership ownership,
            @ConfigProperty(name = "waspada.alerts.group-id", defaultValue = "notifier-service-delivery") String groupId) {
        this.dispatcher = dispatcher;
        this.kafka = kafka;
        this.readers = readers;
        this.state = state;
        this.ownsState = false;
        this.ownership = ownership;
        this.groupId = groupId;
    }

    /** Outside CDI (tests): a local store of its own in a temporary directory; undecodable alerts counted apart. */
    public AlertIntake(AlertDispatcher dispatcher, KafkaConnection kafka, String groupId) {
        this.dispatcher = dispatcher;
        this.kafka = kafka;
        this.readers = Readers.plain(kafka);
        this.state = new LocalState(readers, java.util.Optional.empty());
        this.ownsState = true;
        this.groupId = groupId;
    }

    public void start() {
        consumer = new KafkaConsumer<>(kafka.with(Map.of(
                // Only the offsets are stored under this group (partitions are assigned, not subscribed).
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-alerts")),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        thread = new Thread(this::run, "alert-intake");
        thread.setDaemon(true);
        // Avro resolves generated classes through the context class loader: use the application's, not the caller's.
        thread.setContextClassLoader(getClass().getClassLoader());
        thread.start();
    }

    /** True once every alert delivered before this start (and not resolved long ago) is in the view. */
    public boolean replayed() {
        return replayed.getCount() == 0;
    }

    /** True if reading stopped on an error: nothing new is delivered any more. */
    public boolean failed() {
        return failed;
    }

    /** Why the intake stopped, or null. */
    public String failure() {
        return failure;
    }

    public boolean awaitReplayed(Duration timeout) throws InterruptedException {
        return replayed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        Map<TopicPartition, OffsetAndMetadata> delivered = new HashMap<>();
        long nextRecommit = System.nanoTime() + RECOMMIT_EVERY.toNanos();
        try {
            state.start(REBUILD);
            Map<TopicPartition, Long> live = startPositions(state.store().alertsStoredUpTo());
            rebuildView(live);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> raw : records) {
                    TopicPartition tp = new TopicPartition(raw.topic(), raw.partition());
                    ConsumerRecord<String, Alert> record = decoded(raw);
                    if (record != null) {
                        settling.computeIfAbsent(tp, p -> new java.util.ArrayDeque<>())
                                .add(new Settling(record.offset(), record.key(), dispatch(record)));
                    }
                }
                Map<TopicPartition, OffsetAndMetadata> done = readPast(live, delivered);
                if (!done.isEmpty()) {
                    consumer.commitAsync(done, null);
                    delivered.putAll(done);
                }
                if (System.nanoTime() > nextRecommit) {
                    // Assigned partitions have no group membership: a quiet partition's offset would expire with
                    // offsets.retention.minutes, and the next start would take what arrived meanwhile for history.
                    nextRecommit = System.nanoTime() + RECOMMIT_EVERY.toNanos();
                    Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
                    for (TopicPartition tp : consumer.assignment()) {
                        current.put(tp, new OffsetAndMetadata(Math.max(durableUpTo(tp), live.getOrDefault(tp, 0L))));
                    }
                    consumer.commitAsync(current, null);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IntakeStopped e) {
            failed = true;
            failure = e.getMessage();
            LOG.error("Alert intake stopped: " + e.getMessage(), e.getCause());
        } catch (RuntimeException | Error e) {
            failed = true;
            failure = e.toString();
            LOG.error("Alert intake stopped", e);
        } finally {
            commitQuietly(delivered);
            consumer.close(ClientTimeouts.CLOSE);
        }
    }

    /**
     * Replays into the view every alert version before the start positions, from the local store (in topic order per
     * partition), leaving out alerts resolved before the retention.
     */
    private void rebuildView(Map<TopicPartition, Long> live) {
        long started = System.nanoTime();
        Map<Integer, Long> before = new HashMap<>();
        live.forEach((tp, offset) -> before.put(tp.partition(), offset));
        long[] replayedVersions = {0};
        state.store().versionsBefore(before, dispatcher::leftMemory, alert -> {
            dispatcher.dispatch(alert, true);
            replayedVersions[0]++;
        });
        LOG.infof("Alert view rebuilt from the local store in %d ms: %d alert versions before the committed offsets "
                + "of %s", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), replayedVersions[0],
                Topics.ALERTS);
        replayed.countDown();
    }

    /**
     * Assigns every partition at the first offset not delivered yet (the group's committed offset), and returns those
     * offsets. Without one (a new installation) the history is not paged again: it only fills the view, as far as
     * the local store had it when it opened ({@code stored}, per partition); what came after is delivered.
     */
    private Map<TopicPartition, Long> startPositions(Map<Integer, Long> stored) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        ownership.held(partitions.stream().map(TopicPartition::partition).collect(java.util.stream.Collectors.toSet()),
                partitions.size());
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> live = new HashMap<>();
        endOffsets.forEach((tp, end) -> live.put(tp, Math.min(end, stored.getOrDefault(tp.partition(), end))));
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        committed.forEach((tp, offset) -> {
            if (offset != null) {
                live.put(tp, offset.offset());
            }
        });
        List<TopicPartition> uncommitted = partitions.stream()
                .filter(tp -> committed.get(tp) == null).toList();
        if (!uncommitted.isEmpty()) {
            // A decision, not an accident: without a committed offset (a new installation, a new group id, or offsets
            // expired) what is already on the topic fills the view and is not paged again.
            LOG.warnf("No committed offset under group %s for %s: the %d alerts already there are taken as history "
                    + "(shown, not paged); alerts from now on are paged", groupId, uncommitted,
                    uncommitted.stream().mapToLong(live::get).sum());
            // Recorded at once, so the decision is made once: an alert that arrives next and fails before its own
            // commit is still paged after a restart, not taken for history by a second "new installation".
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            uncommitted.forEach(tp -> start.put(tp, new OffsetAndMetadata(live.get(tp))));
            consumer.commitSync(start, Duration.ofSeconds(30));
        }
        live.forEach(consumer::seek);
        return live;
    }

    /**
     * How far this consumer has now read, for the live partitions that moved: its position, which is past the
     * transaction markers the processor's commits leave after the last alert (committing the last record's offset
     * + 1 would count each marker as lag for good). Every record before a position was dispatched by the loop.
     */
    private Map<TopicPartition, OffsetAndMetadata> readPast(Map<TopicPartition, Long> live,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position = durableUpTo(tp);
            OffsetAndMetadata last = committed.get(tp);
            if (position > live.getOrDefault(tp, 0L) && (last == null || position > last.offset())) {
                moved.put(tp, new OffsetAndMetadata(position));
            }
        }
        return moved;
    }

    private void commitQuietly(Map<TopicPartition, OffsetAndMetadata> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(delivered, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Final offset commit failed; the last alerts may be delivered again after a restart", e);
        }
    }

    /**
     * How far the partition may be committed: its position when every dispatched alert's decision is durable (past
     * the transaction markers), else the offset of the first alert whose decision is still being written. A decision
     * that failed stops the intake.
     */
    private long durableUpTo(TopicPartition tp) {
        var queue = settling.get(tp);
        while (queue != null && !queue.isEmpty() && queue.peek().decision().isDone()) {
            Settling head = queue.peek();
            if (head.decision().isCompletedExceptionally()) {
                Throwable cause = null;
                try {
                    head.decision().join();
                } catch (java.util.concurrent.CompletionException e) {
                    cause = e.getCause();
                }
                throw new IntakeStopped("the routing decision of alert " + head.alertId() + " at " + tp + "@"
                        + head.offset() + " could not be written to the audit trail; it and what follows are not "
                        + "committed and are dispatched again on restart", cause);
            }
            queue.poll();
        }
        return queue == null || queue.isEmpty() ? consumer.position(tp) : queue.peek().offset();
    }

    /** Why the intake stops: nothing after the named alert is committed. */
    private static final class IntakeStopped extends RuntimeException {
        IntakeStopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The alert, or null for a record that does not decode: skipped (not retried forever), dead-lettered with its
     * position and counted; it also stays on the topic.
     */
    private ConsumerRecord<String, Alert> decoded(ConsumerRecord<byte[], byte[]> raw) {
        try {
            String key = raw.key() == null ? null : new String(raw.key(), java.nio.charset.StandardCharsets.UTF_8);
            Alert value = alerts.deserialize(raw.topic(), raw.value());
            return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                    raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value,
                    raw.headers(), raw.leaderEpoch());
        } catch (RuntimeException e) {
            LOG.errorf("Skipping undecodable alert at %s-%d@%d: %s", raw.topic(), raw.partition(), raw.offset(), e);
            readers.deadLetter(new io.waspada.kafka.TopicFollower.Undecodable(raw, e));
            return null;
        }
    }

    private java.util.concurrent.CompletableFuture<Void> dispatch(ConsumerRecord<String, Alert> record) {
        if (record.value() == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        try {
            return dispatcher.dispatch(record.value(), false);
        } catch (RuntimeException e) {
            // Not skipped: it is not committed, the intake stops (readiness DOWN), a restart dispatches it again.
            throw new IntakeStopped("alert " + record.key() + " at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " could not be dispatched", e);
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            thread.join(ClientTimeouts.THREAD_EXIT.toMillis());
        }
        if (ownsState) {
            state.close();
        }
    }
}
