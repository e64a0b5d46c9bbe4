package io.waspada.correlation.streams;

import io.waspada.correlation.domain.Observation;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Serde of {@link Observation} for the repartition topic and the evidence store. */
public final class ObservationSerde extends CodecSerde<Observation> {

    @Override
    void write(DataOutputStream out, Observation value) throws IOException {
        ObservationCodec.writeObservation(out, value);
    }

    @Override
    Observation read(DataInputStream in, byte format) throws IOException {
        return ObservationCodec.readObservation(in, format);
    }
}
