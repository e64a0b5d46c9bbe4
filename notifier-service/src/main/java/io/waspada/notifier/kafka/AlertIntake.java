package io.waspada.notifier.kafka;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.schemas.AvroSerde;
import io.waspada.avro.Alert;
import io.waspada.notifier.delivery.AlertDispatcher;
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
 * Reads {@code tip.alerts.v1} ({@code read_committed}) from the beginning on every start to rebuild the alert view.
 * Records before the group's committed offset were delivered by an earlier run: they are replayed into the view
 * only. Records from there on are dispatched (routed and delivered), and an offset is committed only once the
 * routing decisions of every alert before it are on the audit trail (acks=all), so an alert that arrived while the
 * notifier was down, or whose decision was not yet durable when it stopped, is dispatched again after a restart (at
 * least once). A decision that cannot be written, or an alert that cannot be dispatched, stops the intake: nothing
 * after it is committed and readiness goes DOWN naming it; nothing is skipped.
 */
@ApplicationScoped
public class AlertIntake {

    private static final Logger LOG = Logger.getLogger(AlertIntake.class);
    private static final Duration RECOMMIT_EVERY = Duration.ofHours(1);

    private final CountDownLatch replayed = new CountDownLatch(1);
    private final AlertDispatcher dispatcher;
    private final KafkaConnection kafka;
    private final String groupId;
    private final Readers readers;
    private final AvroSerde<Alert> alerts = new AvroSerde<>(Alert.class);
    private KafkaConsumer<byte[], byte[]> consumer;
    private Map<TopicPartition, Long> endOffsets = Map.of();
    /** Partitions no earlier run committed: nobody has reported their history's undecodable alerts yet. */
    private Set<TopicPartition> neverCommitted = Set.of();
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
    public AlertIntake(AlertDispatcher dispatcher, KafkaConnection kafka, Readers readers,
            @ConfigProperty(name = "waspada.alerts.group-id", defaultValue = "notifier-service-delivery") String groupId) {
        this.dispatcher = dispatcher;
        this.kafka = kafka;
        this.readers = readers;
        this.groupId = groupId;
    }

    /** Outside CDI (tests): undecodable alerts counted in a registry of its own. */
    public AlertIntake(AlertDispatcher dispatcher, KafkaConnection kafka, String groupId) {
        this(dispatcher, kafka, Readers.plain(kafka), groupId);
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

    /** True once every alert that was on the topic at start is in the view. */
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
            Map<TopicPartition, Long> live = startPositions();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> raw : records) {
                    TopicPartition tp = new TopicPartition(raw.topic(), raw.partition());
                    boolean replay = raw.offset() < live.getOrDefault(tp, 0L);
                    // Before a committed offset an earlier run met the record (and dead-lettered it if it was poison).
                    ConsumerRecord<String, Alert> record = decoded(raw, replay && !neverCommitted.contains(tp));
                    if (record != null) {
                        var decision = dispatch(record, replay);
                        if (!replay) {
                            settling.computeIfAbsent(tp, p -> new java.util.ArrayDeque<>())
                                    .add(new Settling(record.offset(), record.key(), decision));
                        }
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
                if (!replayed() && endOffsets.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.infof("Alert view rebuilt from %s", Topics.ALERTS);
                    replayed.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
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
     * Assigns every partition from the beginning; returns, per partition, the first offset not delivered yet (the
     * group's committed offset). Without one (a new installation) the history is not paged again: it only fills
     * the view.
     */
    private Map<TopicPartition, Long> startPositions() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        endOffsets = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> live = new HashMap<>(endOffsets);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        committed.forEach((tp, offset) -> {
            if (offset != null) {
                live.put(tp, offset.offset());
            }
        });
        List<TopicPartition> uncommitted = partitions.stream()
                .filter(tp -> committed.get(tp) == null).toList();
        neverCommitted = Set.copyOf(uncommitted);
        if (!uncommitted.isEmpty()) {
            // A decision, not an accident: without a committed offset (a new installation, a new group id, or offsets
            // expired) what is already on the topic fills the view and is not paged again.
            LOG.warnf("No committed offset under group %s for %s: the %d alerts already there are taken as history "
                    + "(shown, not paged); alerts from now on are paged", groupId, uncommitted,
                    uncommitted.stream().mapToLong(endOffsets::get).sum());
            // Recorded at once, so the decision is made once: an alert that arrives next and fails before its own
            // commit is still paged after a restart, not taken for history by a second "new installation".
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            uncommitted.forEach(tp -> start.put(tp, new OffsetAndMetadata(endOffsets.get(tp))));
            consumer.commitSync(start, Duration.ofSeconds(30));
        }
        consumer.seekToBeginning(partitions);
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
    private ConsumerRecord<String, Alert> decoded(ConsumerRecord<byte[], byte[]> raw, boolean reportedBefore) {
        try {
            String key = raw.key() == null ? null : new String(raw.key(), java.nio.charset.StandardCharsets.UTF_8);
            Alert value = alerts.deserialize(raw.topic(), raw.value());
            return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                    raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value,
                    raw.headers(), raw.leaderEpoch());
        } catch (RuntimeException e) {
            LOG.errorf("Skipping undecodable alert at %s-%d@%d: %s", raw.topic(), raw.partition(), raw.offset(), e);
            if (!reportedBefore) {
                readers.deadLetter(new io.waspada.kafka.TopicFollower.Undecodable(raw, e));
            }
            return null;
        }
    }

    private java.util.concurrent.CompletableFuture<Void> dispatch(ConsumerRecord<String, Alert> record,
            boolean replay) {
        if (record.value() == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        try {
            return dispatcher.dispatch(record.value(), replay);
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
    }
}
