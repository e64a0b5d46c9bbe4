package io.waspada.notifier.kafka;

import io.waspada.avro.Alert;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.notifier.delivery.AlertDispatcher;
import io.waspada.notifier.delivery.AlertDispatcher.Mode;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.state.LocalState;
import io.waspada.schemas.AvroSerde;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code tip.alerts.v1} ({@code read_committed}) on every notifier instance, with two consumers on one thread.
 * <ul>
 * <li>The <em>member</em> is in the consumer group {@code waspada.alerts.group-id}: the partitions the group gives it
 * are this instance's to route, page and escalate ({@link PartitionOwnership}). Their alerts are dispatched in full
 * from the group's committed offsets, and an offset is committed only once the routing decisions of every alert before
 * it are on the audit trail (acks=all): what an instance had not made durable when it stopped or died is decided again
 * by whoever holds the partition next (at least once; never skipped).</li>
 * <li>The <em>viewer</em> reads every other partition into the view only, so officers connected to any instance see
 * every alert their task force may see.</li>
 * </ul>
 * At start the view is rebuilt from the local store ({@link LocalState}) up to the committed offsets; the viewer reads
 * on from there. When the group hands a partition to this instance, the viewer gives it up, the local audit trail is
 * read up to what the previous owner wrote, and the member reads from the committed offset: an alert already in the
 * view whose decision the trail lacks is decided without being shown again ({@link Mode#DECIDE}); one whose decision
 * the trail has is not decided again; then {@link PartitionHandover#taken} resumes the previous owner's unsettled pages.
 * A partition given up is committed as far as it is durable and goes back to the viewer. A decision that cannot be
 * written, or an alert that cannot be dispatched, stops the intake: nothing after it is committed and readiness goes
 * DOWN naming it.
 */
@ApplicationScoped
public class AlertIntake {

    private static final Logger LOG = Logger.getLogger(AlertIntake.class);
    private static final Duration REBUILD = Duration.ofMinutes(5);
    /** Poll wait when only the member reads; each consumer's when both do (the viewer waits at most this long). */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration SHARED_POLL = Duration.ofMillis(20);
    private static final Duration TRAIL_CATCH_UP = Duration.ofSeconds(30);
    private static final Duration SETTLE_ON_RELEASE = Duration.ofSeconds(5);

    private final CountDownLatch replayed = new CountDownLatch(1);
    private final AlertDispatcher dispatcher;
    private final KafkaConnection kafka;
    private final String groupId;
    private final Duration sessionTimeout;
    private final Readers readers;
    private final LocalState state;
    private final AuditTrail trail;
    private final boolean ownsState;
    private final PartitionOwnership ownership;
    private final PartitionHandover handover;
    private final ClientMeters meters;
    private final AvroSerde<Alert> alerts = new AvroSerde<>(Alert.class);
    private KafkaConsumer<byte[], byte[]> member;
    private KafkaConsumer<byte[], byte[]> viewer;
    private Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile String failure;
    private int partitionCount;
    /** Where each partition's reading began at this start: the committed offset, or the history decision's. */
    private Map<TopicPartition, Long> startAt = Map.of();
    /** The partitions the member holds, and the offset after the last of its records dispatched, per partition. */
    private final Map<TopicPartition, Long> owned = new HashMap<>();
    /** The offset last committed per owned partition. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** Per owned partition, the dispatched alerts whose decisions are not known durable yet, in offset order. */
    private final Map<TopicPartition, ArrayDeque<Settling>> settling = new HashMap<>();
    /** Per partition being taken over (from another instance or a previous run), until the member has read its range. */
    private final Map<TopicPartition, Takeover> takeovers = new HashMap<>();
    /** True while a polled batch is being dispatched: positions are then past records not dispatched yet. */
    private boolean midBatch;

    /** An alert dispatched at {@code offset}, durable when {@code decision} completes. */
    private record Settling(long offset, String alertId, CompletableFuture<Void> decision) {
    }

    /**
     * A partition taken: records before {@code shownUpTo} are in the view; those before {@code committedAt} were
     * decided by the previous owner (durably); those before {@code writtenUpTo} may have been (the trail says). The
     * versions and alerts this instance decides in that range (the topic may hold a version twice; their pages are
     * this instance's already, not the previous owner's to resume).
     */
    private static final class Takeover {
        final long shownUpTo;
        final long committedAt;
        final long writtenUpTo;
        final Set<String> decidedVersions = new HashSet<>();
        final Set<String> decidedAlerts = new HashSet<>();

        Takeover(long shownUpTo, long committedAt, long writtenUpTo) {
            this.shownUpTo = shownUpTo;
            this.committedAt = committedAt;
            this.writtenUpTo = writtenUpTo;
        }
    }

    @Inject
    public AlertIntake(AlertDispatcher dispatcher, KafkaConnection kafka, Readers readers, LocalState state,
            AuditTrail trail, PartitionOwnership ownership, PageRecovery recovery, ClientMeters meters,
            @ConfigProperty(name = "waspada.alerts.group-id", defaultValue = "notifier-service-delivery") String groupId,
            @ConfigProperty(name = "waspada.alerts.session-timeout", defaultValue = "PT10S") Duration sessionTimeout) {
        this.dispatcher = dispatcher;
        this.kafka = kafka;
        this.readers = readers;
        this.state = state;
        this.trail = trail;
        this.ownsState = false;
        this.ownership = ownership;
        this.handover = recovery;
        this.meters = meters;
        this.groupId = groupId;
        this.sessionTimeout = sessionTimeout;
    }

    /** Outside CDI (tests): a local store of its own in a temporary directory; undecodable alerts counted apart. */
    public AlertIntake(AlertDispatcher dispatcher, KafkaConnection kafka, String groupId) {
        this(dispatcher, kafka, groupId, new PartitionOwnership(), PartitionHandover.NONE);
    }

    /** Outside CDI, as one of several instances (tests): its own store, sharing the group with the others. */
    public AlertIntake(AlertDispatcher dispatcher, KafkaConnection kafka, String groupId, PartitionOwnership ownership,
            PartitionHandover handover) {
        this.dispatcher = dispatcher;
        this.kafka = kafka;
        this.readers = Readers.plain(kafka);
        this.state = new LocalState(readers, java.util.Optional.empty());
        this.trail = new AuditTrail(state);
        this.ownsState = true;
        this.ownership = ownership;
        this.handover = handover;
        this.meters = ClientMeters.NONE;
        this.groupId = groupId;
        this.sessionTimeout = Duration.ofSeconds(10);
    }

    public void start() {
        member = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Only the partitions that move are revoked when an instance joins or leaves.
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                // A killed instance's partitions are taken over this long after its last heartbeat.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 4),
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-alerts")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        viewer = new KafkaConsumer<>(kafka.with(Map.of(
                // No group: it commits nothing; where it reads comes from the member.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-alerts-view")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        meters.bind(member, viewer);
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
        try {
            state.start(REBUILD);
            List<TopicPartition> partitions = member.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            partitionCount = partitions.size();
            startAt = startPositions(partitions, state.store().alertsStoredUpTo());
            rebuildView(startAt);
            viewer.assign(partitions);
            startAt.forEach(viewer::seek);
            member.subscribe(List.of(Topics.ALERTS.name()), new Handover());
            while (running) {
                boolean viewing = !viewer.assignment().isEmpty();
                var batch = member.poll(viewing ? SHARED_POLL : POLL);
                midBatch = true;
                for (ConsumerRecord<byte[], byte[]> raw : batch) {
                    dispatchOwned(raw);
                }
                midBatch = false;
                resumeTakenOver();
                if (!viewer.assignment().isEmpty()) {
                    for (ConsumerRecord<byte[], byte[]> raw : viewer.poll(SHARED_POLL)) {
                        show(raw);
                    }
                }
                commitDurable(false);
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
            IntakeStopped stopped = stoppedBy(e);
            failure = stopped != null ? stopped.getMessage() : e.toString();
            LOG.error("Alert intake stopped", e);
        } finally {
            running = false;
            closeQuietly();
        }
    }

    /** The member's record: this instance routes it, unless it was decided or shown already (a takeover). */
    private void dispatchOwned(ConsumerRecord<byte[], byte[]> raw) {
        TopicPartition tp = new TopicPartition(raw.topic(), raw.partition());
        ConsumerRecord<String, Alert> record = decoded(raw, true);
        if (record != null && record.value() != null) {
            dispatchOwned(tp, record);
        }
        owned.put(tp, raw.offset() + 1);
    }

    private void dispatchOwned(TopicPartition tp, ConsumerRecord<String, Alert> record) {
        Mode mode = Mode.FULL;
        Takeover takeover = takeovers.get(tp);
        if (takeover != null && record.offset() < takeover.writtenUpTo) {
            Alert alert = record.value();
            String version = alert.getAlertId() + ":" + alert.getVersion();
            boolean shown = record.offset() < takeover.shownUpTo;
            // Below the committed offset the previous owner's decision is durable; above, the trail says.
            boolean decided = record.offset() < takeover.committedAt || takeover.decidedVersions.contains(version)
                    || trail.decided(alert.getAlertId(), alert.getVersion());
            if (shown && decided) {
                return;
            }
            // Decided but not shown yet: shown now; its pages are resumed with the partition's (resumeTakenOver).
            mode = decided ? Mode.VIEW : shown ? Mode.DECIDE : Mode.FULL;
            if (!decided) {
                takeover.decidedVersions.add(version);
                takeover.decidedAlerts.add(alert.getAlertId());
            }
        }
        settling.computeIfAbsent(tp, p -> new ArrayDeque<>())
                .add(new Settling(record.offset(), record.key(), dispatch(record, mode)));
    }

    /**
     * Once the member has read a taken partition up to where it stood when taken, the view holds every version the
     * previous owner decided: its pages left unsettled are resumed (not those of alerts decided here since).
     */
    private void resumeTakenOver() {
        for (var it = takeovers.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (member.position(entry.getKey()) >= entry.getValue().writtenUpTo) {
                it.remove();
                handover.taken(Set.of(entry.getKey().partition()), Set.copyOf(entry.getValue().decidedAlerts));
            }
        }
    }

    /** The viewer's record: another instance routes it; this one shows it. */
    private void show(ConsumerRecord<byte[], byte[]> raw) {
        ConsumerRecord<String, Alert> record = decoded(raw, false);
        if (record != null && record.value() != null) {
            dispatch(record, Mode.VIEW);
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
            dispatcher.dispatch(alert, Mode.REBUILD);
            replayedVersions[0]++;
        });
        LOG.infof("Alert view rebuilt from the local store in %d ms: %d alert versions before the committed offsets "
                + "of %s", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), replayedVersions[0],
                Topics.ALERTS);
        replayed.countDown();
    }

    /**
     * Per partition, the first offset not delivered yet: the group's committed offset. Without one (a new
     * installation) the history is not paged again: it only fills the view, as far as the local store had it when it
     * opened ({@code stored}); what came after is delivered. That decision is committed by the member when it is
     * given the partition.
     */
    private Map<TopicPartition, Long> startPositions(List<TopicPartition> partitions, Map<Integer, Long> stored) {
        Map<TopicPartition, Long> endOffsets = member.endOffsets(partitions);
        Map<TopicPartition, Long> live = new HashMap<>();
        endOffsets.forEach((tp, end) -> live.put(tp, Math.min(end, stored.getOrDefault(tp.partition(), end))));
        member.committed(Set.copyOf(partitions), Duration.ofSeconds(30)).forEach((tp, offset) -> {
            if (offset != null) {
                live.put(tp, offset.offset());
            }
        });
        return Map.copyOf(live);
    }

    /** The member's side of rebalances: taking partitions over, and handing them back. */
    private final class Handover implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> added) {
            if (added.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            Set<TopicPartition> viewing = new HashSet<>(viewer.assignment());
            Map<TopicPartition, Long> shown = new HashMap<>();
            for (TopicPartition tp : added) {
                shown.put(tp, viewing.contains(tp) ? viewer.position(tp) : startAt.getOrDefault(tp, 0L));
            }
            viewing.removeAll(added);
            viewer.assign(viewing);
            Map<TopicPartition, OffsetAndMetadata> found = member.committed(Set.copyOf(added), Duration.ofSeconds(30));
            Map<TopicPartition, OffsetAndMetadata> decidedNow = new HashMap<>();
            Map<TopicPartition, Long> committedAt = new HashMap<>();
            for (TopicPartition tp : added) {
                OffsetAndMetadata offset = found.get(tp);
                long at = offset != null ? offset.offset() : startAt.getOrDefault(tp, 0L);
                if (offset == null) {
                    decidedNow.put(tp, new OffsetAndMetadata(at));
                }
                committedAt.put(tp, at);
                // From the first record the view lacks or nobody decided (the viewer may be behind the group).
                long from = Math.min(at, shown.get(tp));
                member.seek(tp, from);
                owned.put(tp, from);
                committed.put(tp, at);
            }
            if (!decidedNow.isEmpty()) {
                // A decision, not an accident: without a committed offset (a new installation, a new group id, or
                // offsets expired) what was already on the topic at start fills the view and is not paged again.
                // Committed at once, so the decision is made once.
                LOG.warnf("No committed offset under group %s for %s: the alerts before %s are taken as history "
                        + "(shown, not paged); alerts from there on are paged", groupId, decidedNow.keySet(),
                        decidedNow.values().stream().map(OffsetAndMetadata::offset).toList());
                member.commitSync(decidedNow, Duration.ofSeconds(30));
            }
            // What the previous owner wrote (decisions, deliveries, escalations) must be in the local trail before
            // this instance decides, pages or escalates anything of these partitions.
            Map<TopicPartition, Long> written = member.endOffsets(added);
            awaitTrail();
            for (TopicPartition tp : added) {
                takeovers.put(tp, new Takeover(shown.get(tp), committedAt.get(tp), written.get(tp)));
            }
            ownership.held(numbers(owned.keySet()), partitionCount);
            LOG.infof("Took partitions %s of %s in %d ms (now holding %s): reading from offsets %s, shown up to %s, "
                    + "committed at %s", numbers(added), Topics.ALERTS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), numbers(owned.keySet()),
                    added.stream().map(owned::get).toList(), added.stream().map(shown::get).toList(),
                    added.stream().map(committedAt::get).toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> removed) {
            if (removed.isEmpty()) {
                return;
            }
            long deadline = System.nanoTime() + SETTLE_ON_RELEASE.toNanos();
            while (removed.stream().anyMatch(AlertIntake.this::unsettled) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();
            for (TopicPartition tp : removed) {
                try {
                    long upTo = durableUpTo(tp);
                    // Never backwards: a partition taken a moment ago may be read from below its committed offset.
                    if (upTo > committed.getOrDefault(tp, 0L)) {
                        durable.put(tp, new OffsetAndMetadata(upTo));
                    }
                } catch (IntakeStopped e) {
                    LOG.warnf("Partition %s given up with a decision not written: %s", tp, e.getMessage());
                }
            }
            try {
                member.commitSync(durable, Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warnf("Offsets of %s not committed on giving them up (the next owner decides those alerts "
                        + "again): %s", removed, e.toString());
            }
            release(removed);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // Another instance holds them already: nothing may be committed for them.
            LOG.warnf("Partitions %s of %s lost (this instance missed its session); another instance pages them",
                    numbers(lost), Topics.ALERTS);
            release(lost);
        }

        private void release(Collection<TopicPartition> removed) {
            Map<TopicPartition, Long> next = new HashMap<>();
            for (TopicPartition tp : removed) {
                Long position = owned.remove(tp);
                next.put(tp, position == null ? startAt.getOrDefault(tp, 0L) : position);
                settling.remove(tp);
                committed.remove(tp);
                takeovers.remove(tp);
            }
            ownership.held(numbers(owned.keySet()), partitionCount);
            handover.released(numbers(removed));
            if (running) {
                // Everything before the member's position is in the view: the viewer goes on from there.
                Set<TopicPartition> viewing = new HashSet<>(viewer.assignment());
                viewing.addAll(removed);
                viewer.assign(viewing);
                next.forEach(viewer::seek);
            }
            LOG.infof("Gave up partitions %s of %s (now holding %s)", numbers(removed), Topics.ALERTS,
                    numbers(owned.keySet()));
        }
    }

    private void awaitTrail() {
        List<TopicPartition> lifecycle = member.partitionsFor(Topics.ALERT_LIFECYCLE.name(), Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<Integer, Long> ends = new HashMap<>();
        member.endOffsets(lifecycle).forEach((tp, end) -> ends.put(tp.partition(), end));
        boolean read;
        try {
            read = trail.awaitStored(ends, TRAIL_CATCH_UP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            read = false;
        }
        if (!read) {
            // Deciding without it would repeat the previous owner's decisions and escalations: stop instead (readiness
            // DOWN, the group gives the partitions to another instance or to this one restarted).
            throw new IntakeStopped("the local audit trail did not reach the end of " + Topics.ALERT_LIFECYCLE
                    + " within " + TRAIL_CATCH_UP + " (" + trail.describe() + "); partitions taken over are not "
                    + "decided without it", null);
        }
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    private boolean unsettled(TopicPartition tp) {
        var queue = settling.get(tp);
        return queue != null && queue.stream().anyMatch(s -> !s.decision().isDone());
    }

    /**
     * Commits, per owned partition that moved, how far it is durable: every record before that offset was dispatched
     * and its decision is on the trail (past the transaction markers the processor's commits leave after the last
     * alert, so an idle notifier shows no lag).
     */
    private void commitDurable(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        for (TopicPartition tp : owned.keySet()) {
            long durable = durableUpTo(tp);
            if (durable > committed.getOrDefault(tp, 0L)) {
                moved.put(tp, new OffsetAndMetadata(durable));
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        moved.forEach((tp, offset) -> committed.put(tp, offset.offset()));
        if (sync) {
            member.commitSync(moved, Duration.ofSeconds(5));
        } else {
            member.commitAsync(moved, (offsets, e) -> {
                if (e != null) {
                    // Committed again at the next turn (the callback runs on this thread, within a poll).
                    LOG.debugf("Offset commit failed, retried: %s", e.toString());
                    offsets.forEach((tp, offset) -> committed.computeIfPresent(tp,
                            (p, last) -> last == offset.offset() ? -1L : last));
                }
            });
        }
    }

    private void closeQuietly() {
        try {
            commitDurable(true);
        } catch (RuntimeException e) {
            LOG.warn("Final offset commit failed; the last alerts may be delivered again after a restart", e);
        }
        meters.unbind(member, viewer);
        // Leaving the group hands this instance's partitions to the others at once.
        member.close(ClientTimeouts.CLOSE);
        viewer.close(ClientTimeouts.CLOSE);
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
                } catch (CompletionException e) {
                    cause = e.getCause();
                }
                throw new IntakeStopped("the routing decision of alert " + head.alertId() + " at " + tp + "@"
                        + head.offset() + " could not be written to the audit trail; it and what follows are not "
                        + "committed and are dispatched again on restart", cause);
            }
            queue.poll();
        }
        if (queue != null && !queue.isEmpty()) {
            return queue.peek().offset();
        }
        // Mid-batch (the intake stopped on a record), only what was dispatched; else past the transaction markers.
        return midBatch ? owned.get(tp) : member.position(tp);
    }

    /** The intake's own reason within {@code e} (a rebalance callback's is wrapped by the consumer), or null. */
    private static IntakeStopped stoppedBy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IntakeStopped stopped) {
                return stopped;
            }
        }
        return null;
    }

    /** Why the intake stops: nothing after the named alert is committed. */
    private static final class IntakeStopped extends RuntimeException {
        IntakeStopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The alert, or null for a record that does not decode: skipped (not retried forever) and, by the partition's
     * owner ({@code owner}), dead-lettered with its position and counted; it also stays on the topic.
     */
    private ConsumerRecord<String, Alert> decoded(ConsumerRecord<byte[], byte[]> raw, boolean owner) {
        try {
            String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
            Alert value = alerts.deserialize(raw.topic(), raw.value());
            return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                    raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value,
                    raw.headers(), raw.leaderEpoch());
        } catch (RuntimeException e) {
            if (owner) {
                LOG.errorf("Skipping undecodable alert at %s-%d@%d: %s", raw.topic(), raw.partition(), raw.offset(), e);
                readers.deadLetter(new io.waspada.kafka.TopicFollower.Undecodable(raw, e));
            } else {
                LOG.debugf("Undecodable alert at %s-%d@%d left to its partition's owner", raw.topic(),
                        raw.partition(), raw.offset());
            }
            return null;
        }
    }

    private CompletableFuture<Void> dispatch(ConsumerRecord<String, Alert> record, Mode mode) {
        try {
            return dispatcher.dispatch(record.value(), mode, record.headers());
        } catch (RuntimeException e) {
            // Not skipped: it is not committed, the intake stops (readiness DOWN), a restart dispatches it again.
            throw new IntakeStopped("alert " + record.key() + " at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " could not be dispatched", e);
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        // The loop sees it within one poll (at most 100 ms): no wakeup, which would also break the final commit.
        running = false;
        if (thread != null) {
            thread.join(ClientTimeouts.THREAD_EXIT.toMillis());
        }
        if (ownsState) {
            state.close();
        }
    }
}
