package io.waspada.ingest.api;

import io.waspada.ingest.domain.JsonDocument;
import io.waspada.ingest.domain.Violation;
import java.util.List;

/**
 * Reads a request body ({@link JsonDocument}); malformed JSON (or none) becomes a 400 problem naming the line and
 * column, never the content. Duplicate keys are refused, so a body cannot say two things about one field.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /** Thrown for a body that is not one well-formed JSON value. */
    public static final class MalformedJsonException extends RuntimeException {
        private final transient Problem problem;

        MalformedJsonException(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** The body's value: {@code JsonFields} for an object (see {@link JsonDocument#parse}). */
    public static Object parse(byte[] body) {
        try {
            return JsonDocument.parse(body);
        } catch (JsonDocument.Malformed e) {
            throw malformed(e);
        }
    }

    /** The 400 answer to bytes that are not one well-formed JSON value. */
    public static MalformedJsonException malformed(JsonDocument.Malformed e) {
        return new MalformedJsonException(Problems.problem(400, "malformed-json", "The body is not valid JSON",
                e.detail(), List.of(new Violation("$", "json", e.detail()))));
    }
}
