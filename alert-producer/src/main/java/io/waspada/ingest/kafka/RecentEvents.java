package io.waspada.ingest.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded memory of recently acknowledged events (eventId -> content fingerprint and where it was written),
 * so a resend can be answered "duplicate" without a second write. Forgetting is safe: downstream de-duplicates
 * by eventId; this only lets the API say what it knows.
 */
public final class RecentEvents {

    /** What was remembered about an acknowledged event. */
    public record Seen(int fingerprint, Written written) {
    }

    private final Map<String, Seen> seen;

    public RecentEvents(int capacity) {
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<Seen> find(String eventId) {
        return Optional.ofNullable(seen.get(eventId));
    }

    public synchronized void remember(String eventId, int fingerprint, Written written) {
        seen.putIfAbsent(eventId, new Seen(fingerprint, written));
    }
}
