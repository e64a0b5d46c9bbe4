package io.waspada.correlation.streams;

import io.waspada.correlation.domain.Episode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Serde of a key's open episodes (the episode store's value). */
public final class EpisodesSerde extends CodecSerde<List<Episode>> {

    @Override
    byte format() {
        return ObservationCodec.EPISODE_FORMAT;
    }

    @Override
    void write(DataOutputStream out, List<Episode> value) throws IOException {
        out.writeShort(value.size());
        for (Episode episode : value) {
            ObservationCodec.writeEpisode(out, episode);
        }
    }

    @Override
    List<Episode> read(DataInputStream in, byte format) throws IOException {
        int count = in.readShort();
        List<Episode> episodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            episodes.add(ObservationCodec.readEpisode(in, format));
        }
        return List.copyOf(episodes);
    }
}
