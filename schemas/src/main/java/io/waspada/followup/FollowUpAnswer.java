package io.waspada.followup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * An agency's reply to a follow-up request, on {@code tip.follow-up-answers.v1} keyed by requestId: an ANSWER
 * ({@code text}, optional {@code fields}) or a DECLINE ({@code reason}). {@code agency} is the caller's credential's,
 * never the body's; {@code answerId} makes a resent reply harmless.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowUpAnswer(String answerId, String requestId, String agency, Kind kind, String text,
        Map<String, String> fields, String reason, Instant at) {

    public enum Kind { ANSWER, DECLINE }
}
