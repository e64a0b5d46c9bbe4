package io.waspada.notifier.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waspada.followup.FollowUpRequest;
import java.time.Instant;

/** A follow-up request as the officers who see its alert read it (API, WebSocket, webhook). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfficerFollowUp(String requestId, String alertId, String eventId, String agency, String question,
        String reason, FollowUpRequest.Urgency urgency, String taskForce, String askedBy, Instant askedAt,
        Instant deadline, boolean overdue, FollowUpRequest.Status status, FollowUpRequest.Answer answer,
        String declineReason, Instant closedAt, Instant remindedAt, String escalatedTo) {

    public static OfficerFollowUp of(FollowUpRequest r, Instant now) {
        return new OfficerFollowUp(r.requestId(), r.alertId(), r.eventId(), r.agency(), r.question(), r.reason(),
                r.urgency(), r.taskForce(), r.askedBy(), r.askedAt(), r.deadline(),
                r.open() && !now.isBefore(r.deadline()), r.status(), r.answer(), r.declineReason(), r.closedAt(),
                r.remindedAt(), r.escalatedTo());
    }
}
