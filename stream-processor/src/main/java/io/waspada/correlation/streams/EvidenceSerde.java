package io.waspada.correlation.streams;

import io.waspada.correlation.domain.Observation;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Serde of a key's evidence (the evidence store's value): its observations, oldest first. */
public final class EvidenceSerde extends CodecSerde<List<Observation>> {

    @Override
    void write(DataOutputStream out, List<Observation> value) throws IOException {
        out.writeInt(value.size());
        for (Observation observation : value) {
            ObservationCodec.writeObservation(out, observation);
        }
    }

    @Override
    List<Observation> read(DataInputStream in, byte format) throws IOException {
        int count = in.readInt();
        List<Observation> evidence = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            evidence.add(ObservationCodec.readObservation(in, format));
        }
        return evidence;
    }
}
