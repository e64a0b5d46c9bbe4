package io.waspada.notifier.followup;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.config.Durations;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.privacy.FreeTextScrubber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs follow-up requests: an officer asks the agency that owns one evidence item of an alert; the agency's answer or
 * refusal (read from {@code tip.follow-up-answers.v1}) closes the request exactly once; an open request past its
 * deadline is reminded to the agency and escalated along the asking task force's escalation chain. Every step is
 * audited first, then saved, then delivered (webhooks); every instance pushes it live as it reads it back.
 */
@ApplicationScoped
public class FollowUps {

    private static final Logger LOG = Logger.getLogger(FollowUps.class);
    /** Requests one alert may have: bounds what one officer can make an agency do. */
    public static final int MAX_PER_ALERT = 50;

    @Inject
    FollowUpLog log;
    @Inject
    FollowUpSettings settings;
    @Inject
    FollowUpAudit audit;
    @Inject
    FollowUpDelivery delivery;
    @Inject
    FreeTextScrubber scrubber;
    @Inject
    Clock clock;

    /** The owner of the evidence item {@code eventId} of the alert, if the alert has it. */
    public static Optional<EvidenceRef> evidence(Alert alert, String eventId) {
        return alert.getEvidence().stream().filter(e -> e.getEventId().equals(eventId)).findFirst();
    }

    public List<FollowUpRequest> ofAlert(String alertId) {
        return log.ofAlert(alertId);
    }

    /**
     * Asks the owner of {@code evidence} (never anyone the officer names): audited, saved, then sent to the agency;
     * empty when the alert has as many requests as it may have (checked under the same lock as the saving).
     */
    public synchronized Optional<FollowUpRequest> ask(Officer officer, Alert alert, EvidenceRef evidence,
            String question, String reason, FollowUpRequest.Urgency urgency) {
        if (log.ofAlert(alert.getAlertId()).size() >= MAX_PER_ALERT) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        FollowUpRequest request = new FollowUpRequest(UUID.randomUUID().toString(), alert.getAlertId(),
                alert.getType(), alert.getSeverity().name(), alert.getHandling().name(), evidence.getEventId(),
                evidence.getAgency(), scrubber.scrub("followUp.question", question),
                scrubber.scrub("followUp.reason", reason), urgency, officer.taskForce(), officer.username(), now,
                now.plus(settings.deadline(urgency)), FollowUpRequest.Status.OPEN, null, null, null, null, null, List.of());
        audit.record(request, "ASKED", officer.username(), officer.taskForce(), "asked " + request.agency() + " about "
                + request.eventId() + " (" + urgency + ", due " + request.deadline() + ")",
                Map.of("urgency", urgency.name(), "deadline", request.deadline().toString()));
        log.save(request);
        delivery.toAgency(request, false);
        return Optional.of(request);
    }

    /**
     * Whether a task force's officers see the request: the task force that asked it, or the one its lateness was
     * escalated to. Others who share the alert (a protection receiver among them) see none of its questions, answers
     * or officers, as they see none of another task force's notes.
     */
    public static boolean concerns(FollowUpRequest request, String taskForce) {
        return taskForce != null && (taskForce.equals(request.taskForce()) || taskForce.equals(request.escalatedTo()));
    }

    /**
     * Applies an agency's reply once: an answer or refusal closes an open request of that agency; a resent reply is
     * skipped; one for a closed request (or from another agency) is ignored and audited. The state is saved before
     * the reply counts as read.
     */
    public synchronized void apply(FollowUpAnswer reply) {
        Optional<FollowUpRequest> found = log.get(reply.requestId());
        if (found.isEmpty()) {
            LOG.warnf("Follow-up answer %s for unknown request %s ignored", reply.answerId(), reply.requestId());
            return;
        }
        FollowUpRequest request = found.get();
        if (request.handledAnswers().contains(reply.answerId())) {
            return;
        }
        String actor = "agency:" + reply.agency();
        if (!request.agency().equals(reply.agency()) || !request.open()) {
            String why = !request.agency().equals(reply.agency()) ? "not the owning agency's" : "request already "
                    + request.status();
            audit.record(request, "IGNORED", actor, null, reply.kind() + " " + reply.answerId() + " ignored: " + why,
                    Map.of("answerId", reply.answerId()));
            log.save(request.handled(reply.answerId()));
            return;
        }
        FollowUpRequest closed = request.closedBy(reply, clock.instant());
        String step = closed.status() == FollowUpRequest.Status.DECLINED ? "DECLINED" : "ANSWERED";
        audit.record(closed, step, actor, closed.taskForce(), step.toLowerCase(java.util.Locale.ROOT) + " by "
                + reply.agency(), Map.of("answerId", reply.answerId()));
        log.save(closed);
        delivery.toTaskForce(closed, closed.taskForce(), "follow-up-answer");
    }

    /**
     * Reminds and escalates every open request past its deadline whose alert this instance {@code owns}, once each;
     * how many.
     */
    public synchronized int remindDue(java.util.function.Predicate<String> owns) {
        int reminded = 0;
        Instant now = clock.instant();
        for (FollowUpRequest request : log.overdue(now)) {
            if (!owns.test(request.alertId())) {
                continue;
            }
            try {
                remind(request, now);
                reminded++;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Follow-up %s not reminded; tried again at the next tick", request.requestId());
            }
        }
        return reminded;
    }

    private void remind(FollowUpRequest request, Instant now) {
        Optional<TaskForce> target = delivery.escalationTarget(request);
        String late = "not answered within " + Durations.format(settings.deadline(request.urgency()));
        audit.record(request, "REMINDED", FollowUpAudit.ACTOR, null, late + ": " + request.agency() + " reminded",
                Map.of());
        audit.record(request, "ESCALATED", FollowUpAudit.ACTOR, target.map(TaskForce::id).orElse(request.taskForce()),
                late + (target.isPresent() ? ": escalated from " + request.taskForce() : ": no one further in the chain"),
                Map.of("from", request.taskForce()));
        FollowUpRequest reminded = log.save(request.reminded(now, target.map(TaskForce::id).orElse(null)));
        delivery.toAgency(reminded, true);
        delivery.toTaskForce(reminded, reminded.taskForce(), "follow-up-overdue");
        target.ifPresent(tf -> delivery.toTaskForce(reminded, tf.id(), "follow-up-overdue"));
    }
}
