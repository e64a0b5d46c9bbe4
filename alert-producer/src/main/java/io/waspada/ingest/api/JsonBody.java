package io.waspada.ingest.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.ingest.domain.Violation;
import java.io.IOException;
import java.util.List;

/**
 * Parses a request body into a JSON tree; malformed JSON (or none) becomes a 400 problem naming the line and
 * column, never the content. Duplicate keys are refused, so a body cannot say two things about one field.
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("$", "the body is empty; a JSON object is required");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw malformed("$", "the body is empty; a JSON object is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String reason = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage().split("\n")[0];
            // Jackson quotes the offending token; keep the client's data out of our answer (it may be a raw identifier).
            return throwMalformed(where, reason.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\""));
        } catch (IOException e) {
            throw malformed("$", "the body could not be read");
        }
    }

    private static JsonNode throwMalformed(String where, String reason) {
        throw malformed("$", "malformed JSON" + where + ": " + reason);
    }

    private static MalformedJsonException malformed(String field, String detail) {
        return new MalformedJsonException(Problems.problem(400, "malformed-json", "The body is not valid JSON", detail,
                List.of(new Violation(field, "json", detail))));
    }
}
