package io.waspada.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;

/** The cluster id of a persistent local cluster, kept beside its data so a restart finds the same cluster. */
final class ClusterId {

    private ClusterId() {
    }

    static String readOrCreate(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("cluster.id");
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
