package io.waspada.ingest.kafka;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The eventIds being written and the last acknowledged ones, each with its content {@link Fingerprint} and where it
 * was written, so that one eventId is written once however many posts of it arrive together: the first post to
 * {@link #claim} an eventId writes it, every other post of it waits for that write (a resend or a conflict once it
 * is acknowledged; if it fails, nothing was written and the waiting post tries again). A batch claims all its
 * eventIds at once ({@link #claimAll}), in order, so an eventId repeated in it waits for its first copy. Bounded: the
 * oldest acknowledged eventIds are forgotten beyond {@code capacity} ({@link AcknowledgedEvents}; downstream
 * de-duplicates by eventId); writes under way are never forgotten.
 */
public final class RecentEvents {

    /** One eventId's write: its content, and where it was written once acknowledged. */
    public static final class Claim {

        private final String eventId;
        private final UUID id;
        /** The eventId's UUID bits (its hash code and 0 if it is none), the key among the claims under way. */
        private final long high;
        private final long low;
        private final Fingerprint fingerprint;
        private final boolean mine;
        /**
         * Mine: made (under the lock) by the first post that waits for this write, completed when it settles; nearly
         * every write has none. Not mine: the write this post waits for.
         */
        private CompletableFuture<Written> written;

        private Claim(String eventId, UUID id, Fingerprint fingerprint, boolean mine, CompletableFuture<Written> written) {
            this.eventId = eventId;
            this.id = id;
            this.high = id == null ? eventId.hashCode() : id.getMostSignificantBits();
            this.low = id == null ? 0 : id.getLeastSignificantBits();
            this.fingerprint = fingerprint;
            this.mine = mine;
            this.written = written;
        }

        long high() {
            return high;
        }

        long low() {
            return low;
        }

        /** Whether this is a claim on that eventId (UUIDs compare by their bits, anything else by its text). */
        boolean holds(String other, long otherHigh, long otherLow) {
            return high == otherHigh && low == otherLow && (id != null || eventId.equals(other));
        }

        /** True for the post that must write the event; false for a post that found it written or being written. */
        public boolean mine() {
            return mine;
        }

        public Fingerprint fingerprint() {
            return fingerprint;
        }

        /** For a claim not {@link #mine()}: completes with where the write went, or fails as it failed. */
        public CompletableFuture<Written> written() {
            if (mine) {
                throw new IllegalStateException("the post holding the claim writes the event; it does not wait for it");
            }
            return written;
        }
    }

    private final ClaimsUnderWay underWay = new ClaimsUnderWay();
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
            return claimLocked(eventId, id, fingerprint);
        }
    }

    /**
     * {@link #claim} for each eventId in order under one lock (a batch's); null where {@code eventIds} has null (an
     * item not to write).
     */
    public Claim[] claimAll(String[] eventIds, Fingerprint[] fingerprints) {
        UUID[] ids = new UUID[eventIds.length];
        for (int i = 0; i < eventIds.length; i++) {
            ids[i] = eventIds[i] == null ? null : AcknowledgedEvents.uuid(eventIds[i]);
        }
        Claim[] claims = new Claim[eventIds.length];
        synchronized (this) {
            for (int i = 0; i < eventIds.length; i++) {
                if (eventIds[i] != null) {
                    claims[i] = claimLocked(eventIds[i], ids[i], fingerprints[i]);
                }
            }
        }
        return claims;
    }

    private Claim claimLocked(String eventId, UUID id, Fingerprint fingerprint) {
        Claim held = underWay.get(eventId, id == null ? eventId.hashCode() : id.getMostSignificantBits(),
                id == null ? 0 : id.getLeastSignificantBits());
        if (held != null) {
            if (held.written == null) {
                held.written = new CompletableFuture<>();
            }
            return new Claim(eventId, id, held.fingerprint, false, held.written);
        }
        AcknowledgedEvents.Seen seen = acknowledged.find(id);
        if (seen != null) {
            return new Claim(eventId, id, seen.fingerprint(), false, CompletableFuture.completedFuture(seen.written()));
        }
        Claim mine = new Claim(eventId, id, fingerprint, true, null);
        underWay.put(mine);
        return mine;
    }

    /**
     * The outcome of a claim's write: remembered if written; forgotten if it failed, so the eventId is free again.
     * The posts waiting for it are told after.
     */
    public void settle(Claim claim, Written written, Throwable failure) {
        CompletableFuture<Written> waiting;
        synchronized (this) {
            underWay.remove(claim);
            if (failure == null) {
                if (claim.id != null) {
                    acknowledged.remember(claim.high, claim.low, claim.fingerprint, written);
                }
            }
            // Read under the lock: once removed, no other post can start waiting on this claim.
            waiting = claim.written;
        }
        if (waiting == null) {
            return;
        }
        if (failure == null) {
            waiting.complete(written);
        } else {
            waiting.completeExceptionally(failure);
        }
    }
}
