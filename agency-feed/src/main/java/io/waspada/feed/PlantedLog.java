package io.waspada.feed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The planted calls as they happened, one JSON object per line ({@code --planted-log}): round, pattern, method and
 * path, agency, eventId (or watchlist entryId), the body, when the request was handed to the HTTP client
 * ({@code sentAt}, microseconds) and when its answer arrived ({@code answeredAt}), the HTTP status. End-to-end
 * latency is measured from {@code sentAt}; a test can resend a body to check idempotency. Thread-safe.
 */
final class PlantedLog implements AutoCloseable {

    private final BufferedWriter out;

    private PlantedLog(BufferedWriter out) {
        this.out = out;
    }

    /** A log writing to {@code file}, or one that writes nothing when {@code file} is null. */
    static PlantedLog open(Path file) throws IOException {
        return new PlantedLog(file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    synchronized void record(int round, String pattern, String method, String path, Step step, ObjectNode body,
            Instant sentAt, Instant answeredAt, int status) {
        if (out == null) {
            return;
        }
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("round", round).put("pattern", pattern).put("method", method).put("path", path)
                .put("agency", step.agency());
        if (step instanceof Step.Event event) {
            line.put("eventId", event.eventId());
        } else if (step instanceof Step.WatchlistPut put) {
            line.put("entryId", put.entryId());
        } else {
            line.put("entryId", ((Step.WatchlistDelete) step).entryId());
        }
        line.put("sentAt", sentAt.toString()).put("answeredAt", answeredAt.toString()).put("status", status);
        if (body != null) {
            line.set("body", body);
        }
        try {
            out.write(line.toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
