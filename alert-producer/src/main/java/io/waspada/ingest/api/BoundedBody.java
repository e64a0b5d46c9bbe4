package io.waspada.ingest.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads a request body of at most {@code limit} bytes from its stream, never more than one byte past the limit: a
 * body without Content-Length (chunked) that goes on is refused after {@code limit + 1} bytes instead of being buffered
 * whole. (A declared Content-Length over the limit is refused before the body is read, by {@link AgencyFilter}.)
 */
final class BoundedBody {

    private BoundedBody() {
    }

    /** The body, or empty when it is longer than {@code limit}. */
    static Optional<byte[]> read(InputStream body, int limit) {
        if (body == null) {
            return Optional.of(new byte[0]);
        }
        try (body) {
            byte[] bytes = body.readNBytes(limit + 1);
            return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read", e);
        }
    }
}
