package io.waspada.correlation.streams;

import io.waspada.correlation.domain.Episode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which alert versions go out at once and which wait for the next flush, so that a hot episode (a busy vessel, a
 * shared phone: thousands of events joining one alert) cannot flood the alerts topic, the notifier and the task
 * force with one version per event. A new alert (version 1) always goes out at once, as does an update of an episode
 * that had fewer than {@code eagerPerSecond} versions out in the current second of wall-clock time; any further
 * update waits, and the flush (every {@code FLUSH_INTERVAL} of wall-clock time) sends the episode's latest version
 * then, with the evidence it has by then. Versions in between are never emitted: version numbers may skip.
 * <p>
 * What waits is in a logged store, in the same transaction as the episodes: a crash between the update and the flush
 * loses nothing, and the restarted task flushes it. A version sent at once clears the episode's wait, so no
 * (alertId, version) goes out twice.
 */
final class DeferredVersions {

    /** Versions of one episode sent at once per wall-clock second; the rest wait for the flush. */
    static final int EAGER_PER_SECOND = Integer.getInteger("waspada.correlation.eager-versions-per-second", 4);
    private static final int COUNTED_EPISODES = 10_000;

    private final KeyValueStore<String, String> store;
    private final int eagerPerSecond;
    /** The store's keys, so that a version sent at once costs no store delete (and changelog record) unless waiting. */
    private final TreeSet<String> waiting = new TreeSet<>();
    /** Per episode: the wall-clock second of its last version sent at once, and how many went out in it. */
    private final Map<String, long[]> sentThisSecond = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > COUNTED_EPISODES;
        }
    };

    DeferredVersions(KeyValueStore<String, String> store, int eagerPerSecond) {
        this.store = store;
        this.eagerPerSecond = eagerPerSecond;
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> waiting.add(entry.key));
        }
    }

    /**
     * Whether the new version of {@code episode} (of correlation key {@code key}) goes out now; if not, it waits, to
     * be flushed. Call once per changed episode.
     */
    boolean sendNow(String key, Episode episode, long nowMs) {
        String id = entry(key, episode);
        boolean now = episode.version() <= 1 || counted(id, nowMs / 1000);
        if (now) {
            if (waiting.remove(id)) {
                store.delete(id);
            }
        } else if (waiting.add(id)) {
            store.put(id, "");
        }
        return now;
    }

    private boolean counted(String id, long second) {
        long[] sent = sentThisSecond.get(id);
        if (sent == null || sent[0] != second) {
            sentThisSecond.put(id, new long[] {second, 1});
            return true;
        }
        return ++sent[1] <= eagerPerSecond;
    }

    boolean any() {
        return !waiting.isEmpty();
    }

    /** If {@code episode}'s latest version waits, it no longer does and true is returned: the caller sends it now. */
    boolean take(String key, Episode episode) {
        String id = entry(key, episode);
        if (!waiting.remove(id)) {
            return false;
        }
        store.delete(id);
        return true;
    }

    /**
     * Hands every waiting episode to {@code flush} (correlation key, then the episodes' rule and anchor), one call
     * per key, and forgets them.
     */
    void flush(BiConsumer<String, List<KeyValue<String, Long>>> flush) {
        Map<String, List<KeyValue<String, Long>>> byKey = new LinkedHashMap<>();
        for (String id : waiting) {
            int rule = id.lastIndexOf('|', id.lastIndexOf('|') - 1);
            int anchor = id.lastIndexOf('|');
            byKey.computeIfAbsent(id.substring(0, rule), k -> new ArrayList<>()).add(KeyValue.pair(
                    id.substring(rule + 1, anchor), Long.parseLong(id.substring(anchor + 1))));
        }
        for (String id : List.copyOf(waiting)) {
            store.delete(id);
        }
        waiting.clear();
        byKey.forEach(flush);
    }

    private static String entry(String key, Episode episode) {
        return key + "|" + episode.rule() + "|" + episode.anchor();
    }
}
