package io.waspada.notifier.state;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.TopicFollower.Undecodable;
import io.waspada.schemas.AvroSerde;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

/**
 * The notifier's durable state on local disk, in two Kafka Streams global stores (RocksDB, off the heap): the audit
 * trail, every lifecycle event by alert, filled from {@code tip.alert-lifecycle.v1}; and every version of every alert,
 * from {@code tip.alerts.v1}. The topics are the stores' changelogs. A restart reads only what was
 * written since the store's checkpoint; a new or lost state directory is rebuilt from the topic. Each instance keeps a
 * whole copy, so any instance answers for any alert. A state directory made for another Kafka cluster is wiped first
 * (its checkpoint would point into another cluster's topic).
 */
public final class NotifierStore implements AutoCloseable {

    static final String STORE = "audit-trail";
    static final String ALERTS = "alerts";
    /** Also the store's directory under the state directory: the only one this class ever wipes. */
    static final String APPLICATION_ID = "notifier-service-trail";
    static final String TEMPORARY_PREFIX = "waspada-notifier-state";
    /** In a temporary state directory: locked by the process using it. */
    static final String OWNER = ".owner";
    private static final Logger LOG = Logger.getLogger(NotifierStore.class);
    private static final String CLUSTER_FILE = "kafka-cluster-id";

    private final KafkaStreams streams;
    private final Path stateDir;
    private final boolean temporary;
    /** Held for as long as a temporary directory is in use: a directory whose lock is free was left by a killed run. */
    private java.nio.channels.FileChannel ownerLock;
    private final AvroSerde<AlertLifecycleEvent> events = new AvroSerde<>(AlertLifecycleEvent.class);
    private final AvroSerde<Alert> alertSerde = new AvroSerde<>(Alert.class);
    private final java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();
    private volatile ReadOnlyKeyValueStore<String, byte[]> store;
    private volatile ReadOnlyKeyValueStore<String, byte[]> alertStore;
    private volatile Throwable failure;
    /** How far, at least, the alerts store holds {@code tip.alerts.v1} once open: its end offsets before starting. */
    private Map<Integer, Long> alertsStoredUpTo = Map.of();
    /** Likewise for the audit trail and {@code tip.alert-lifecycle.v1}. */
    private Map<Integer, Long> trailStoredUpTo = Map.of();
    /** Per partition of the lifecycle topic, the offset after the last record the trail store has read since open. */
    private final Map<Integer, Long> trailRead = new java.util.concurrent.ConcurrentHashMap<>();

    /** An event and where it lies on the topic. */
    public record Entry(long position, AlertLifecycleEvent event) {
    }

    private NotifierStore(KafkaConnection kafka, Path stateDir, boolean temporary, TrailListener listener,
            Consumer<Undecodable> undecodable) {
        this.stateDir = stateDir;
        this.temporary = temporary;
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled().withCachingDisabled(),
                Topics.ALERT_LIFECYCLE.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
                () -> new TrailIndexer(listener, counted(undecodable), (partition, offset) -> trailRead.merge(partition,
                        offset + 1, Math::max)));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERTS), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled().withCachingDisabled(),
                Topics.ALERTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
                () -> new AlertFiler(undecodable));
        Map<String, Object> config = kafka.with(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0,
                StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed"));
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(config);
        streams = new KafkaStreams(builder.build(), properties);
        streams.setUncaughtExceptionHandler(e -> {
            failure = e;
            LOG.error("The audit-trail store stopped", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /**
     * Opens the store in {@code stateDir} (a temporary directory, removed on close, if empty) and brings it up to the
     * topic's end; false-free: throws if it is not ready within {@code timeout}.
     */
    public static NotifierStore open(KafkaConnection kafka, Optional<Path> stateDir, TrailListener listener,
            Consumer<Undecodable> undecodable, Duration timeout) throws InterruptedException {
        Path dir;
        java.nio.channels.FileChannel lock = null;
        try {
            if (stateDir.isPresent()) {
                dir = Files.createDirectories(stateDir.get());
            } else {
                dir = Files.createTempDirectory(TEMPORARY_PREFIX);
                lock = java.nio.channels.FileChannel.open(dir.resolve(OWNER), java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE);
                lock.lock();
                removeAbandoned(dir.getParent(), dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("state directory " + stateDir.orElse(null) + " not usable", e);
        }
        Map<Integer, Long> storedUpTo;
        Map<Integer, Long> trailUpTo;
        // One admin client for the questions asked of the cluster before the store starts.
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            forCluster(admin, Files.createDirectories(dir.resolve(APPLICATION_ID)));
            storedUpTo = endOffsets(admin, Topics.ALERTS.name());
            trailUpTo = endOffsets(admin, Topics.ALERT_LIFECYCLE.name());
        } catch (IOException e) {
            throw new UncheckedIOException("state directory " + dir + " not usable", e);
        }
        NotifierStore trail = new NotifierStore(kafka, dir, stateDir.isEmpty(), listener, undecodable);
        trail.ownerLock = lock;
        trail.alertsStoredUpTo = storedUpTo;
        trail.trailStoredUpTo = trailUpTo;
        try {
            trail.start(timeout);
        } catch (RuntimeException | InterruptedException e) {
            trail.close();
            throw e;
        }
        return trail;
    }

    private void start(Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        streams.start();
        long deadline = started + timeout.toNanos();
        long nextProgress = started + TimeUnit.SECONDS.toNanos(10);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (failure != null || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("audit-trail store failed to start: " + failure, failure);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("audit trail not read from " + Topics.ALERT_LIFECYCLE + " within "
                        + timeout);
            }
            if (System.nanoTime() > nextProgress) {
                nextProgress += TimeUnit.SECONDS.toNanos(10);
                LOG.infof("Reading the audit trail from %s into %s (%d s so far)", Topics.ALERT_LIFECYCLE, stateDir,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            }
            Thread.sleep(20);
        }
        store = streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
        alertStore = streams.store(StoreQueryParameters.fromNameAndType(ALERTS, QueryableStoreTypes.keyValueStore()));
        LOG.infof("Audit trail and alerts ready in %s after %d ms", stateDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** The alert's lifecycle events in the order they were written. */
    public List<Entry> entries(String alertId) {
        List<Entry> found = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.prefixScan(TrailKeys.eventsOf(alertId), new StringSerializer())) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                found.add(new Entry(TrailKeys.positionOf(next.key), events.deserialize(Topics.ALERT_LIFECYCLE.name(),
                        next.value)));
            }
        }
        return found;
    }

    /**
     * Per partition of {@code tip.alerts.v1}, an offset the alerts store has read up to (at least) since it opened:
     * every alert version before it is in {@link #versionsBefore}.
     */
    public Map<Integer, Long> alertsStoredUpTo() {
        return alertsStoredUpTo;
    }

    /**
     * Waits until the audit-trail store has read {@code tip.alert-lifecycle.v1} up to {@code ends} (per partition,
     * offsets as a read_committed reader's end offsets give them): what another instance wrote before then is in the
     * store. False if it has not within {@code timeout}.
     */
    public boolean awaitTrail(Map<Integer, Long> ends, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!trailHolds(ends)) {
            if (System.nanoTime() > deadline || !running()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private boolean trailHolds(Map<Integer, Long> ends) {
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            long read = Math.max(trailStoredUpTo.getOrDefault(end.getKey(), 0L),
                    trailRead.getOrDefault(end.getKey(), 0L));
            if (read < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Every version of the alert on the topic, oldest first. */
    public List<Alert> versions(String alertId) {
        List<Alert> found = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = alertStore.prefixScan(TrailKeys.eventsOf(alertId),
                new StringSerializer())) {
            while (all.hasNext()) {
                found.add(alert(all.next().value));
            }
        }
        return found;
    }

    /**
     * The alert versions that lie before {@code before} on the topic (per partition; none of a partition not named),
     * in topic order per partition, partition after partition; the versions of alerts {@code leftOut} names are
     * skipped without being decoded. How the alert view is rebuilt at start, without reading the topic again.
     */
    public void versionsBefore(Map<Integer, Long> before, java.util.function.Predicate<String> leftOut,
            Consumer<Alert> each) {
        record Located(long position, byte[] value) {
        }
        List<Located> found = new ArrayList<>();
        String skipping = null;
        String kept = null;
        try (KeyValueIterator<String, byte[]> all = alertStore.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                String alertId = TrailKeys.alertIdOf(next.key);
                if (alertId.equals(skipping)) {
                    continue;
                }
                if (!alertId.equals(kept)) {
                    if (leftOut.test(alertId)) {
                        skipping = alertId;
                        continue;
                    }
                    kept = alertId;
                }
                long position = ByteBuffer.wrap(next.value).getLong();
                Long end = before.get(TrailKeys.partitionOf(position));
                if (end != null && TrailKeys.offsetOf(position) < end) {
                    found.add(new Located(position, next.value));
                }
            }
        }
        found.sort(Comparator.comparingLong(Located::position));
        found.forEach(located -> each.accept(alert(located.value())));
    }

    private Alert alert(byte[] stored) {
        return alertSerde.deserialize(Topics.ALERTS.name(),
                java.util.Arrays.copyOfRange(stored, Long.BYTES, stored.length));
    }

    /** When the alert was first resolved, if it was. */
    public Optional<Instant> resolvedAt(String alertId) {
        byte[] at = store.get(TrailKeys.resolved(alertId));
        return at == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ByteBuffer.wrap(at).getLong()));
    }

    /** Up and following the topic. */
    public boolean running() {
        return failure == null && streams.state() == KafkaStreams.State.RUNNING;
    }

    /** As the topics' other readers say it: {@code following, undecodable skipped N}, or what went wrong. */
    public String describe() {
        String line = (running() ? "following" : streams.state().name().toLowerCase(java.util.Locale.ROOT))
                + " into the local store, undecodable skipped " + skipped.get();
        return failure == null ? line : line + ": " + failure;
    }

    private Consumer<Undecodable> counted(Consumer<Undecodable> undecodable) {
        return poison -> {
            skipped.incrementAndGet();
            undecodable.accept(poison);
        };
    }

    @Override
    public void close() {
        streams.close(ClientTimeouts.CLOSE);
        if (ownerLock != null) {
            try {
                ownerLock.close();
            } catch (IOException e) {
                LOG.debugf("Lock of %s not released: %s", stateDir, e);
            }
        }
        if (temporary) {
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                LOG.warnf("Temporary state directory %s not removed: %s", stateDir, e);
            }
        }
    }

    /**
     * Removes temporary state directories beside {@code mine} whose owner is gone: a run killed before it closed its
     * store never removed its own (a whole copy of both topics). One still locked, by another process or this one, is
     * in use.
     */
    static void removeAbandoned(Path parent, Path mine) {
        try (Stream<Path> found = Files.list(parent)) {
            for (Path dir : found.filter(d -> d.getFileName().toString().startsWith(TEMPORARY_PREFIX)
                    && !d.equals(mine) && Files.exists(d.resolve(OWNER))).toList()) {
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir.resolve(OWNER),
                        java.nio.file.StandardOpenOption.WRITE)) {
                    java.nio.channels.FileLock free = channel.tryLock();
                    if (free == null) {
                        continue;
                    }
                    free.release();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    continue;
                }
                try (Stream<Path> tree = Files.walk(dir)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
                LOG.infof("Removed %s, the state directory of a notifier that was stopped without closing it", dir);
            }
        } catch (IOException e) {
            LOG.warnf("Abandoned state directories beside %s not looked for: %s", mine, e);
        }
    }

    /** The topic's end offsets (last stable: what a read_committed reader reaches). */
    private static Map<Integer, Long> endOffsets(Admin admin, String topic) {
        try {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<Integer, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return Map.copyOf(ends);
        } catch (Exception e) {
            throw new IllegalStateException("end offsets of " + topic + " not readable", e);
        }
    }

    /**
     * Wipes the store's directory if it holds state read from another Kafka cluster (or from before it was marked);
     * marks it as this cluster's. Other applications' directories beside it (a shared state directory) are not touched.
     */
    private static void forCluster(Admin admin, Path dir) throws IOException {
        String clusterId;
        try {
            clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka cluster not reachable to open the audit-trail store", e);
        }
        Path marker = dir.resolve(CLUSTER_FILE);
        String known = Files.exists(marker) ? Files.readString(marker, StandardCharsets.UTF_8).trim() : null;
        if (clusterId.equals(known)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> old = files.toList();
            if (!old.isEmpty()) {
                LOG.warnf("State directory %s was made for Kafka cluster %s, not %s: rebuilt from the topics", dir,
                        known, clusterId);
            }
            for (Path path : old) {
                try (Stream<Path> tree = Files.walk(path)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        Files.writeString(marker, clusterId, StandardCharsets.UTF_8);
    }
}
