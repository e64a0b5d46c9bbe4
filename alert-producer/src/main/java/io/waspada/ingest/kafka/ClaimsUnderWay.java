package io.waspada.ingest.kafka;

/**
 * The claims whose writes are under way, by eventId: an open-addressing table (linear probing, backward-shift
 * deletion) keyed by the eventId's UUID bits, which each claim holds, with each entry's hash beside it. Settling a
 * write on the producer's thread, long after it was claimed, reads the claim and one place of the table, where a map
 * keyed by the eventId read the eventId's String and a map node besides, each a cache miss by then. Grows as needed.
 * Not thread-safe: {@link RecentEvents} guards it.
 */
final class ClaimsUnderWay {

    private RecentEvents.Claim[] claims = new RecentEvents.Claim[1024];
    private int[] hashes = new int[1024];
    private int mask = 1023;
    private int size;

    /** The claim under way on this eventId ({@code high}, {@code low}: its UUID bits, or its hash if it is none). */
    RecentEvents.Claim get(String eventId, long high, long low) {
        int hash = hash(high, low);
        for (int i = hash & mask; claims[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == hash && claims[i].holds(eventId, high, low)) {
                return claims[i];
            }
        }
        return null;
    }

    /** Adds a claim whose eventId has none under way. */
    void put(RecentEvents.Claim claim) {
        if ((size + 1) * 2 > claims.length) {
            grow();
        }
        insert(claim, hash(claim.high(), claim.low()));
        size++;
    }

    /** Removes this very claim, if it is under way. */
    void remove(RecentEvents.Claim claim) {
        int hash = hash(claim.high(), claim.low());
        for (int i = hash & mask; claims[i] != null; i = (i + 1) & mask) {
            if (claims[i] == claim) {
                delete(i);
                size--;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    private void insert(RecentEvents.Claim claim, int hash) {
        int i = hash & mask;
        while (claims[i] != null) {
            i = (i + 1) & mask;
        }
        claims[i] = claim;
        hashes[i] = hash;
    }

    private void grow() {
        RecentEvents.Claim[] old = claims;
        int[] oldHashes = hashes;
        claims = new RecentEvents.Claim[old.length * 2];
        hashes = new int[old.length * 2];
        mask = claims.length - 1;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                insert(old[i], oldHashes[i]);
            }
        }
    }

    /** Empties a place, moving later entries of its probe run back so every entry stays reachable from its home. */
    private void delete(int emptied) {
        int hole = emptied;
        int i = (hole + 1) & mask;
        while (claims[i] != null) {
            int home = hashes[i] & mask;
            boolean staysPut = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!staysPut) {
                claims[hole] = claims[i];
                hashes[hole] = hashes[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        claims[hole] = null;
        hashes[hole] = 0;
    }

    private static int hash(long high, long low) {
        long mixed = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32);
    }
}
