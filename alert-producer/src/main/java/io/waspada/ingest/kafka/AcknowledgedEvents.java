package io.waspada.ingest.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The last {@code capacity} acknowledged events (eventId, content {@link Fingerprint}, where written), kept in a few
 * primitive arrays: a ring of slots, oldest overwritten first, and an open-addressing index (linear probing,
 * backward-shift deletion) from eventId to slot. A map entry of objects per event was a hundred thousand objects that
 * every young collection copied while they lived (seconds at batch rates); arrays of longs are not traced. EventIds are
 * UUIDs (the reader makes them canonical); anything else is not remembered. Not thread-safe: {@link RecentEvents}
 * guards it.
 */
final class AcknowledgedEvents {

    private final int capacity;
    private final long[] highs;
    private final long[] lows;
    private final long[] fingerprints;
    private final long[] offsets;
    private final int[] partitions;
    private final byte[] topicIndexes;
    /** The few topic names seen, by index. */
    private final List<String> topics = new ArrayList<>();
    /** Slot + 1 per position; 0 = empty. */
    private final int[] index;
    private final int mask;
    private int next;
    private int size;

    AcknowledgedEvents(int capacity) {
        this.capacity = Math.max(capacity, 0);
        int slots = Math.max(this.capacity, 1);
        highs = new long[slots];
        lows = new long[slots];
        fingerprints = new long[slots * 4];
        offsets = new long[slots];
        partitions = new int[slots];
        topicIndexes = new byte[slots];
        int positions = Integer.highestOneBit(slots * 2 - 1) << 1;
        index = new int[positions];
        mask = positions - 1;
    }

    /** What was remembered of an acknowledged event. */
    record Seen(Fingerprint fingerprint, Written written) {
    }

    /** The event acknowledged under {@code id} ({@link #uuid} of its eventId), or null if it is not (or no longer) remembered. */
    Seen find(UUID id) {
        if (id == null || capacity == 0) {
            return null;
        }
        int position = position(id.getMostSignificantBits(), id.getLeastSignificantBits());
        if (position < 0) {
            return null;
        }
        int slot = index[position] - 1;
        int f = slot * 4;
        return new Seen(Fingerprint.of(fingerprints[f], fingerprints[f + 1], fingerprints[f + 2], fingerprints[f + 3]),
                new Written(topics.get(topicIndexes[slot]), partitions[slot], offsets[slot]));
    }

    /** Remembers an acknowledged event ({@link #uuid} of its eventId), forgetting the oldest beyond the capacity. */
    void remember(UUID id, Fingerprint fingerprint, Written written) {
        int topic = topic(written.topic());
        if (id == null || capacity == 0 || topic < 0) {
            return;
        }
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        int known = position(high, low);
        if (known >= 0) {
            record(index[known] - 1, fingerprint, written, topic);
            return;
        }
        if (size == capacity) {
            delete(position(highs[next], lows[next]));
            size--;
        }
        int slot = next;
        highs[slot] = high;
        lows[slot] = low;
        record(slot, fingerprint, written, topic);
        int position = home(high, low);
        while (index[position] != 0) {
            position = (position + 1) & mask;
        }
        index[position] = slot + 1;
        size++;
        next = (next + 1) % capacity;
    }

    private void record(int slot, Fingerprint fingerprint, Written written, int topic) {
        for (int i = 0; i < 4; i++) {
            fingerprints[slot * 4 + i] = fingerprint.word(i);
        }
        offsets[slot] = written.offset();
        partitions[slot] = written.partition();
        topicIndexes[slot] = (byte) topic;
    }

    int size() {
        return size;
    }

    /** The index position of the slot holding this eventId, or -1. */
    private int position(long high, long low) {
        for (int position = home(high, low); index[position] != 0; position = (position + 1) & mask) {
            int slot = index[position] - 1;
            if (highs[slot] == high && lows[slot] == low) {
                return position;
            }
        }
        return -1;
    }

    /** Empties a position, moving later entries of its probe run back so every entry stays reachable from home. */
    private void delete(int emptied) {
        int hole = emptied;
        int position = (hole + 1) & mask;
        while (index[position] != 0) {
            int slot = index[position] - 1;
            int home = home(highs[slot], lows[slot]);
            // The entry may move into the hole unless its home lies cyclically after the hole, up to its position.
            boolean staysPut = hole <= position ? hole < home && home <= position : hole < home || home <= position;
            if (!staysPut) {
                index[hole] = index[position];
                hole = position;
            }
            position = (position + 1) & mask;
        }
        index[hole] = 0;
    }

    private int home(long high, long low) {
        long mixed = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }

    private int topic(String name) {
        int known = topics.indexOf(name);
        if (known >= 0) {
            return known;
        }
        if (topics.size() == Byte.MAX_VALUE) {
            return -1;
        }
        topics.add(name);
        return topics.size() - 1;
    }

    /** The eventId as a UUID, the key of this memory; null if it is none (then it is not remembered). */
    static UUID uuid(String eventId) {
        if (eventId == null || eventId.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
