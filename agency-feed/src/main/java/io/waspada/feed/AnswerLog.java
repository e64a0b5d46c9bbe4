package io.waspada.feed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every event's answer, one line each ({@code --answer-log}): {@code <status> <eventId>}, status -1 when no answer
 * came. The fault suite reads it to check that every event answered 202 is on its topic afterwards, and that events
 * with no answer are written at most once. Thread-safe; buffered, flushed on close.
 */
final class AnswerLog implements AutoCloseable {

    private final BufferedWriter out;
    private boolean closed;

    private AnswerLog(BufferedWriter out) {
        this.out = out;
    }

    /** A log writing to {@code file}, or one that writes nothing when {@code file} is null. */
    static AnswerLog open(Path file) throws IOException {
        return new AnswerLog(file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    synchronized void record(int status, String eventId) {
        if (out == null || closed) {
            return;
        }
        try {
            out.write(status + " " + eventId);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null && !closed) {
            closed = true;
            out.close();
        }
    }
}
