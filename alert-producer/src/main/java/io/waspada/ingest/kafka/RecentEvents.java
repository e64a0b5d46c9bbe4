package io.waspada.ingest.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The eventIds being written and the last acknowledged ones, each with its content {@link Fingerprint} and where it
 * was written, so that one eventId is written once however many posts of it arrive together: the first post to
 * {@link #claim} an eventId writes it, every other post of it waits for that write (a resend or a conflict once it
 * is acknowledged; if it fails, nothing was written and the waiting post tries again). Bounded: the oldest
 * acknowledged eventIds are forgotten beyond {@code capacity} (downstream de-duplicates by eventId); writes under way
 * are never forgotten.
 */
public final class RecentEvents {

    /** One eventId's write: its content and where it was written, once acknowledged. */
    public static final class Claim {

        private final Fingerprint fingerprint;
        private final boolean mine;
        private final CompletableFuture<Written> written;

        private Claim(Fingerprint fingerprint, boolean mine, CompletableFuture<Written> written) {
            this.fingerprint = fingerprint;
            this.mine = mine;
            this.written = written;
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

    private final Map<String, Claim> claims;

    public RecentEvents(int capacity) {
        this.claims = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Claim> eldest) {
                return size() > capacity && eldest.getValue().written.isDone();
            }
        };
    }

    /**
     * Atomically: the claim already held on {@code eventId} ({@link Claim#mine()} false), or a new one for the caller,
     * who must then {@link #settle} it.
     */
    public Claim claim(String eventId, Fingerprint fingerprint) {
        synchronized (claims) {
            Claim held = claims.get(eventId);
            if (held != null) {
                return new Claim(held.fingerprint, false, held.written);
            }
            Claim mine = new Claim(fingerprint, true, new CompletableFuture<>());
            claims.put(eventId, mine);
            return mine;
        }
    }

    /** The outcome of a claim's write: remembered if written; forgotten if it failed, so the eventId is free again. */
    public void settle(String eventId, Claim claim, Written written, Throwable failure) {
        if (failure != null) {
            synchronized (claims) {
                claims.remove(eventId, claim);
            }
            claim.written.completeExceptionally(failure);
        } else {
            claim.written.complete(written);
        }
    }
}
