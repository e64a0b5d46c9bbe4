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
 *
 * <p>Every change only adds to the state (OPEN to closed, one more reminder, one more escalation, one more handled
 * answerId), so two states of one request always have a {@linkplain #joined join} that keeps everything either knows.
 * {@code revision} is the number of writes the state is based on plus one: the notifier that owns the alert writes it,
 * and a reader seeing a revision not above the last one it read knows a write was based on a stale state (an instance
 * that lost the alert and did not know it yet) and keeps the join; the owner then writes the join again, above both.
 * {@code reminders} counts the reminders sent, {@code escalations} the task forces the request was escalated to, in
 * order ({@code escalatedTo} is the latest).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowUpRequest(String requestId, String alertId, String alertType, String severity, String handling,
        String eventId, String agency, String question, String reason, Urgency urgency, String taskForce,
        String askedBy, Instant askedAt, Instant deadline, Status status, Answer answer, String declineReason,
        Instant closedAt, Instant remindedAt, String escalatedTo, List<String> handledAnswers, long revision,
        int reminders, List<String> escalations) {

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
        // A state written before reminders were counted: one reminder, and its one escalation if it had one.
        reminders = reminders == 0 && remindedAt != null ? 1 : reminders;
        escalations = escalations == null || escalations.isEmpty() && escalatedTo != null
                ? (escalatedTo == null ? List.of() : List.of(escalatedTo)) : List.copyOf(escalations);
    }

    /** A request as asked (revision 0, never reminded), or a state without revision, reminders and escalations. */
    public FollowUpRequest(String requestId, String alertId, String alertType, String severity, String handling,
            String eventId, String agency, String question, String reason, Urgency urgency, String taskForce,
            String askedBy, Instant askedAt, Instant deadline, Status status, Answer answer, String declineReason,
            Instant closedAt, Instant remindedAt, String escalatedTo, List<String> handledAnswers) {
        this(requestId, alertId, alertType, severity, handling, eventId, agency, question, reason, urgency, taskForce,
                askedBy, askedAt, deadline, status, answer, declineReason, closedAt, remindedAt, escalatedTo,
                handledAnswers, 0, 0, null);
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
                remindedAt, escalatedTo, plus(reply.answerId()), revision, reminders, escalations);
    }

    /** The same request, with {@code answerId} remembered as handled (applied or ignored): it is never handled twice. */
    public FollowUpRequest handled(String answerId) {
        return new FollowUpRequest(requestId, alertId, alertType, severity, handling, eventId, agency, question, reason,
                urgency, taskForce, askedBy, askedAt, deadline, status, answer, declineReason, closedAt, remindedAt,
                escalatedTo, plus(answerId), revision, reminders, escalations);
    }

    /**
     * Reminded once more at {@code at}, and escalated to {@code to} (null when no one further in the chain is cleared:
     * the latest escalation stays).
     */
    public FollowUpRequest reminded(Instant at, String to) {
        List<String> reached = new java.util.ArrayList<>(escalations);
        if (to != null) {
            reached.add(to);
        }
        return new FollowUpRequest(requestId, alertId, alertType, severity, handling, eventId, agency, question, reason,
                urgency, taskForce, askedBy, askedAt, deadline, status, answer, declineReason, closedAt, at,
                to != null ? to : escalatedTo, handledAnswers, revision, reminders + 1, reached);
    }

    /** The same state as written at {@code next}. */
    public FollowUpRequest atRevision(long next) {
        return new FollowUpRequest(requestId, alertId, alertType, severity, handling, eventId, agency, question, reason,
                urgency, taskForce, askedBy, askedAt, deadline, status, answer, declineReason, closedAt, remindedAt,
                escalatedTo, handledAnswers, next, reminders, escalations);
    }

    /**
     * Everything this state and {@code other} (another state of the same request) know: closed if either is (the
     * earlier close when both are, as the first reply applied wins), the reminders and escalations of the one that
     * reminded more, every handled answerId, the higher revision. {@code a.joined(b)} equals {@code b.joined(a)} but
     * for the order of the handled answerIds, and equals {@code this} when {@code other} adds nothing.
     */
    public FollowUpRequest joined(FollowUpRequest other) {
        if (other == null || other == this) {
            return this;
        }
        FollowUpRequest closing = !other.open() && (open() || other.closedAt != null && closedAt != null
                && other.closedAt.isBefore(closedAt)) ? other : this;
        FollowUpRequest reminding = other.reminders > reminders ? other : this;
        List<String> handled = new java.util.ArrayList<>(handledAnswers);
        other.handledAnswers.stream().filter(id -> !handled.contains(id)).forEach(handled::add);
        return new FollowUpRequest(requestId, alertId, alertType, severity, handling, eventId, agency, question, reason,
                urgency, taskForce, askedBy, askedAt, deadline, closing.status, closing.answer, closing.declineReason,
                closing.closedAt, reminding.remindedAt, reminding.escalatedTo,
                handled.size() > 20 ? handled.subList(handled.size() - 20, handled.size()) : handled,
                Math.max(revision, other.revision), reminding.reminders, reminding.escalations);
    }

    /** Whether this state knows everything {@code other} knows (its revision aside). */
    public boolean covers(FollowUpRequest other) {
        return joined(other).atRevision(revision).equals(this);
    }

    private List<String> plus(String answerId) {
        List<String> ids = new java.util.ArrayList<>(handledAnswers);
        ids.add(answerId);
        // Bounded: an agency may not grow a request without limit by resending.
        return ids.size() > 20 ? ids.subList(ids.size() - 20, ids.size()) : ids;
    }
}
