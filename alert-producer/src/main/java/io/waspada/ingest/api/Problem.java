package io.waspada.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waspada.ingest.domain.Violation;
import java.util.List;

/** An RFC 9457 problem document ({@code application/problem+json}), with the violated fields where there are any. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {
}
