package io.waspada.followup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole state of one follow-up request, as the notifier keeps it on {@code tip.follow-ups.v1}: an officer of
 * {@code taskForce} asks {@code agency}, the owner of the evidence {@code eventId} of alert {@code alertId}, a question.
 * It carries only the alert context the agency needs to answer (id, type, severity, its own event): no other evidence,
 * no subject token. {@code askedBy} and {@code handledAnswers} are the notifier's: never shown to the agency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowUpRequest(String requestId, String alertId, String alertType, String severity, String handling,
        String eventId, String agency, String question, String reason, Urgency urgency, String taskForce,
        String askedBy, Instant askedAt, Instant deadline, Status status, Answer answer, String declineReason,
        Instant closedAt, Instant remindedAt, String escalatedTo, List<String> handledAnswers) {

    /** How soon an answer is needed: each has its own deadline. */
    public enum Urgency { URGENT, NORMAL }

    /** OPEN until the agency answers or declines; then closed for good. */
    public enum Status { OPEN, ANSWERED, DECLINED }

    /** The agency's answer: free text and optional structured fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String text, Map<String, String> fields) {
    }

    public FollowUpRequest {
        handledAnswers = handledAnswers == null ? List.of() : List.copyOf(handledAnswers);
    }

    /**
     * What the owning agency sees of a request (its API, its webhook): the minimum alert context and its own record,
     * never the asking officer nor the rest of the alert.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgencyView(String requestId, String alertId, String alertType, String severity, String handling,
            String eventId, String question, String reason, Urgency urgency, String taskForce, Instant askedAt,
            Instant deadline, Status status, Answer answer, String declineReason, Instant closedAt, Instant remindedAt) {
    }

    public AgencyView forAgency() {
        return new AgencyView(requestId, alertId, alertType, severity, handling, eventId, question, reason, urgency,
                taskForce, askedAt, deadline, status, answer, declineReason, closedAt, remindedAt);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    /** Closed by {@code answer} (an answer or a refusal), at {@code at}. */
    public FollowUpRequest closedBy(FollowUpAnswer reply, Instant at) {
        boolean declined = reply.kind() == FollowUpAnswer.Kind.DECLINE;
        return new FollowUpRequest(requestId, alertId, alertType, severity, handling, eventId, agency, question, reason,
                urgency, taskForce, askedBy, askedAt, deadline, declined ? Status.DECLINED : Status.ANSWERED,
                declined ? null : new Answer(reply.text(), reply.fields()), declined ? reply.reason() : null, at,
                remindedAt, escalatedTo, plus(reply.answerId()));
    }

    /** The same request, with {@code answerId} remembered as handled (applied or ignored): it is never handled twice. */
    public FollowUpRequest handled(String answerId) {
        return new FollowUpRequest(requestId, alertId, alertType, severity, handling, eventId, agency, question, reason,
                urgency, taskForce, askedBy, askedAt, deadline, status, answer, declineReason, closedAt, remindedAt,
                escalatedTo, plus(answerId));
    }

    /** Reminded (and escalated to {@code escalatedTo}, null when the chain has no one cleared) at {@code at}. */
    public FollowUpRequest reminded(Instant at, String to) {
        return new FollowUpRequest(requestId, alertId, alertType, severity, handling, eventId, agency, question, reason,
                urgency, taskForce, askedBy, askedAt, deadline, status, answer, declineReason, closedAt, at, to,
                handledAnswers);
    }

    private List<String> plus(String answerId) {
        List<String> ids = new java.util.ArrayList<>(handledAnswers);
        ids.add(answerId);
        // Bounded: an agency may not grow a request without limit by resending.
        return ids.size() > 20 ? ids.subList(ids.size() - 20, ids.size()) : ids;
    }
}
