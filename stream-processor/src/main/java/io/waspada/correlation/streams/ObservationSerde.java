package io.waspada.correlation.streams;

import io.waspada.correlation.domain.Observation;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Serde of {@link Observation} for the repartition topic and the evidence store. An observation is encoded once: the
 * correlation step appends exactly the instance it read from the repartition topic to its evidence, so the bytes the
 * repartition serde ({@link #remembering()}) read it from, kept per stream thread for the last few values, are written
 * again as they are.
 */
public final class ObservationSerde extends CodecSerde<Observation> {

    /**
     * The last values read on this thread, newest last: Streams decodes a partition's next record (its queue's head)
     * before it processes the current one, so the value being processed is one of the last few read.
     */
    private static final ThreadLocal<Decoded[]> LAST_READ = ThreadLocal.withInitial(() -> new Decoded[8]);
    private static final ThreadLocal<int[]> NEXT_SLOT = ThreadLocal.withInitial(() -> new int[1]);
    private final boolean remember;

    public ObservationSerde() {
        this(false);
    }

    private ObservationSerde(boolean remember) {
        this.remember = remember;
    }

    /** The repartition topic's serde: remembers the bytes of the last value read on this thread. */
    static ObservationSerde remembering() {
        return new ObservationSerde(true);
    }

    private record Decoded(Observation value, byte[] bytes) {
    }

    @Override
    public byte[] serialize(String topic, Observation value) {
        for (Decoded read : LAST_READ.get()) {
            if (read != null && read.value() == value) {
                return read.bytes();
            }
        }
        return super.serialize(topic, value);
    }

    @Override
    public Observation deserialize(String topic, byte[] data) {
        Observation value = super.deserialize(topic, data);
        if (remember && value != null && data[0] == ObservationCodec.FORMAT) {
            Decoded[] reads = LAST_READ.get();
            int[] next = NEXT_SLOT.get();
            reads[next[0]] = new Decoded(value, data);
            next[0] = (next[0] + 1) % reads.length;
        }
        return value;
    }

    @Override
    void write(DataOutputStream out, Observation value) throws IOException {
        ObservationCodec.writeObservation(out, value);
    }

    @Override
    Observation read(DataInputStream in, byte format) throws IOException {
        return ObservationCodec.readObservation(in, format);
    }
}
