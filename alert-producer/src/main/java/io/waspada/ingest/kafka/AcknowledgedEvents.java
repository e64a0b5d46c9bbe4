package io.waspada.ingest.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The last {@code capacity} acknowledged events (eventId, content {@link Fingerprint}, where written), kept in two
 * primitive arrays: a ring of slots, oldest overwritten first, each slot one record of eight longs (64 bytes, a cache
 * line: eventId, fingerprint, offset, partition and topic), and an open-addressing index (linear probing,
 * backward-shift deletion) from eventId to slot. Each index entry carries its eventId's hash beside the slot, so a
 * probe compares hashes in the index and reads a slot only on a match, and moving entries back after a deletion needs
 * no slot at all. A memory this large is out of the processor's caches: every array touched at a random place is a
 * miss, and an event's fields in six arrays of their own were six. A map entry of objects per event was a hundred
 * thousand objects that
 * every young collection copied while they lived (seconds at batch rates); arrays of longs are not traced. EventIds are
 * UUIDs (the reader makes them canonical); anything else is not remembered. Not thread-safe: {@link RecentEvents}
 * guards it.
 */
final class AcknowledgedEvents {

    /** A slot's longs: eventId (2), fingerprint (4), offset, and partition (high half) with topic index (low). */
    private static final int STRIDE = 8;
    private static final int HIGH = 0;
    private static final int LOW = 1;
    private static final int FINGERPRINT = 2;
    private static final int OFFSET = 6;
    private static final int PARTITION_AND_TOPIC = 7;

    private final int capacity;
    private final long[] slots;
    /** The few topic names seen, by index. */
    private final List<String> topics = new ArrayList<>();
    /** Per position: the eventId's 32-bit hash (high half) and its slot + 1 (low half); 0 = empty. */
    private final long[] index;
    private final int mask;
    private int next;
    private int size;

    AcknowledgedEvents(int capacity) {
        this.capacity = Math.max(capacity, 0);
        int count = Math.max(this.capacity, 1);
        slots = new long[count * STRIDE];
        int positions = Integer.highestOneBit(count * 2 - 1) << 1;
        index = new long[positions];
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
        int at = slotAt(position) * STRIDE;
        long partitionAndTopic = slots[at + PARTITION_AND_TOPIC];
        return new Seen(Fingerprint.of(slots[at + FINGERPRINT], slots[at + FINGERPRINT + 1], slots[at + FINGERPRINT + 2],
                slots[at + FINGERPRINT + 3]), new Written(topics.get((int) partitionAndTopic),
                (int) (partitionAndTopic >> 32), slots[at + OFFSET]));
    }

    /** Remembers an acknowledged event ({@link #uuid} of its eventId), forgetting the oldest beyond the capacity. */
    void remember(UUID id, Fingerprint fingerprint, Written written) {
        if (id != null) {
            remember(id.getMostSignificantBits(), id.getLeastSignificantBits(), fingerprint, written);
        }
    }

    /** The same, by the eventId's UUID bits. */
    void remember(long high, long low, Fingerprint fingerprint, Written written) {
        int topic = topic(written.topic());
        if (capacity == 0 || topic < 0) {
            return;
        }
        int known = position(high, low);
        if (known >= 0) {
            record(slotAt(known), fingerprint, written, topic);
            return;
        }
        if (size == capacity) {
            delete(position(slots[next * STRIDE + HIGH], slots[next * STRIDE + LOW]));
            size--;
        }
        int slot = next;
        slots[slot * STRIDE + HIGH] = high;
        slots[slot * STRIDE + LOW] = low;
        record(slot, fingerprint, written, topic);
        int hash = hash(high, low);
        int position = hash & mask;
        while (index[position] != 0) {
            position = (position + 1) & mask;
        }
        index[position] = ((long) hash << 32) | (slot + 1L);
        size++;
        next = (next + 1) % capacity;
    }

    private void record(int slot, Fingerprint fingerprint, Written written, int topic) {
        int at = slot * STRIDE;
        for (int i = 0; i < 4; i++) {
            slots[at + FINGERPRINT + i] = fingerprint.word(i);
        }
        slots[at + OFFSET] = written.offset();
        slots[at + PARTITION_AND_TOPIC] = (long) written.partition() << 32 | topic;
    }

    int size() {
        return size;
    }

    /** The index position of the slot holding this eventId, or -1. */
    private int position(long high, long low) {
        int hash = hash(high, low);
        for (int position = hash & mask; index[position] != 0; position = (position + 1) & mask) {
            long entry = index[position];
            if ((int) (entry >>> 32) == hash) {
                int at = ((int) entry - 1) * STRIDE;
                if (slots[at + HIGH] == high && slots[at + LOW] == low) {
                    return position;
                }
            }
        }
        return -1;
    }

    private int slotAt(int position) {
        return (int) index[position] - 1;
    }

    /** Empties a position, moving later entries of its probe run back so every entry stays reachable from home. */
    private void delete(int emptied) {
        int hole = emptied;
        int position = (hole + 1) & mask;
        while (index[position] != 0) {
            int home = (int) (index[position] >>> 32) & mask;
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

    /** The eventId's hash; its low bits are its home position. */
    private static int hash(long high, long low) {
        long mixed = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32);
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
