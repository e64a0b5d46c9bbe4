package io.waspada.ingest.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The eventIds being written and the last acknowledged ones, each with its content {@link Fingerprint} and where it
 * was written, so that one eventId is written once however many posts of it arrive together: the first post to
 * {@link #claim} an eventId writes it, every other post of it waits for that write (a resend or a conflict once it
 * is acknowledged; if it fails, nothing was written and the waiting post tries again). Bounded: the oldest
 * acknowledged eventIds are forgotten beyond {@code capacity} ({@link AcknowledgedEvents}; downstream de-duplicates
 * by eventId); writes under way are never forgotten.
 */
public final class RecentEvents {

    /** One eventId's write: its content and where it was written, once acknowledged. */
    public static final class Claim {

        private final Fingerprint fingerprint;
        private final boolean mine;
        private final CompletableFuture<Written> written;
        private final UUID id;

        private Claim(Fingerprint fingerprint, boolean mine, CompletableFuture<Written> written, UUID id) {
            this.fingerprint = fingerprint;
            this.mine = mine;
            this.written = written;
            this.id = id;
        }

        /** True for the post that must write the event; false for a post that found it written or being written. */
        public boolean mine() {
            return mine;
        }

        public Fingerprint fingerprint() {
            return fingerprint;
        }

        /** Completes with where the write went, or fails as it failed. */
        public CompletableFuture<Written> written() {
            return written;
        }
    }

    private final Map<String, Claim> underWay = new HashMap<>();
    private final AcknowledgedEvents acknowledged;

    public RecentEvents(int capacity) {
        this.acknowledged = new AcknowledgedEvents(capacity);
    }

    /**
     * Atomically: the claim already held on {@code eventId} ({@link Claim#mine()} false: being written, or
     * acknowledged and remembered), or a new one for the caller, who must then {@link #settle} it.
     */
    public Claim claim(String eventId, Fingerprint fingerprint) {
        UUID id = AcknowledgedEvents.uuid(eventId);
        synchronized (this) {
            Claim held = underWay.get(eventId);
            if (held != null) {
                return new Claim(held.fingerprint, false, held.written, id);
            }
            AcknowledgedEvents.Seen seen = acknowledged.find(id);
            if (seen != null) {
                return new Claim(seen.fingerprint(), false, CompletableFuture.completedFuture(seen.written()), id);
            }
            Claim mine = new Claim(fingerprint, true, new CompletableFuture<>(), id);
            underWay.put(eventId, mine);
            return mine;
        }
    }

    /** The outcome of a claim's write: remembered if written; forgotten if it failed, so the eventId is free again. */
    public void settle(String eventId, Claim claim, Written written, Throwable failure) {
        synchronized (this) {
            underWay.remove(eventId, claim);
            if (failure == null) {
                acknowledged.remember(claim.id, claim.fingerprint, written);
            }
        }
        if (failure == null) {
            claim.written.complete(written);
        } else {
            claim.written.completeExceptionally(failure);
        }
    }
}
