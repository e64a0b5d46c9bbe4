package io.waspada.ingest.kafka;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.schemas.AvroSerde;

import io.waspada.avro.WatchlistEntry;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The current watchlist, read from the compacted topic from the beginning by a background thread (no consumer
 * group) and kept up to date, so ownership can be checked before a change. Entries carry the offset that set
 * them; an older record never overwrites a newer one applied locally after an acknowledged write.
 */
public final class WatchlistView implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WatchlistView.class);

    private record Versioned(WatchlistEntry entry, long offset) {
    }

    private final Map<String, Versioned> entries = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, WatchlistEntry> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    public WatchlistView(KafkaConnection kafka) {
        this.consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "alert-producer-watchlist-view")),
                Topics.WATCHLIST.keySerde().deserializer(), new AvroSerde<>(WatchlistEntry.class));
        this.thread = new Thread(this::run, "watchlist-view");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** True once everything on the topic when the view started has been read. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits up to {@code timeout} for {@link #caughtUp()}; returns whether it is. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Optional<WatchlistEntry> get(String entryId) {
        return Optional.ofNullable(entries.get(entryId)).map(Versioned::entry).filter(e -> e != null);
    }

    public List<WatchlistEntry> ownedBy(String agency) {
        return entries.values().stream().map(Versioned::entry)
                .filter(e -> e != null && agency.equals(e.getOwningAgency()))
                .sorted(java.util.Comparator.comparing(WatchlistEntry::getEntryId)).toList();
    }

    /** Applies an acknowledged write at once (null = removed), unless the view already holds a newer one. */
    public void apply(String entryId, WatchlistEntry entry, long offset) {
        entries.merge(entryId, new Versioned(entry, offset), (old, now) -> now.offset() >= old.offset() ? now : old);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = waitForPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, WatchlistEntry> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record.key(), record.value(), record.offset());
                }
                if (!caughtUp() && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.infof("Watchlist loaded: %d entries", entries.values().stream().filter(v -> v.entry() != null).count());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf("Watchlist view stopped: %s: %s", e.getClass().getName(), e.getMessage());
        } finally {
            consumer.close(ClientTimeouts.CLOSE);
        }
    }

    private List<TopicPartition> waitForPartitions() {
        while (running.get()) {
            try {
                var infos = consumer.partitionsFor(Topics.WATCHLIST.name(), Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // broker not there yet: keep trying, the view reports not caught up meanwhile
            }
        }
        throw new WakeupException();
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(ClientTimeouts.THREAD_EXIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
