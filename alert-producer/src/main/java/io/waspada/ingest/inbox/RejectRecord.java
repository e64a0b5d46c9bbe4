package io.waspada.ingest.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.ingest.api.Problem;
import io.waspada.ingest.domain.Violation;
import java.time.Instant;
import java.util.List;

/**
 * The value written to an agency's rejects topic for a report it refused: the HTTP API's problem details (type, title,
 * status, detail, violations with field paths and rules) plus where the report was ({@code report}: topic, partition,
 * offset, its timestamp) and its kind. Nothing of the report's content beyond its eventId (the record's key).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RejectRecord(String type, String title, int status, String detail, List<Violation> violations, String kind,
        String eventId, Position report, String rejectedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Position(String topic, int partition, long offset, String timestamp) {
    }

    static RejectRecord of(InboxVerdict.Refused refused, Position report, Instant now) {
        Problem problem = refused.problem();
        return new RejectRecord(problem.type(), problem.title(), problem.status(), problem.detail(),
                problem.violations() == null || problem.violations().isEmpty() ? null : problem.violations(),
                refused.kind(), refused.eventId(), report, now.toString());
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reject", e);
        }
    }
}
