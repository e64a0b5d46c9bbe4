package io.waspada.notifier.followup;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.config.Durations;
import io.waspada.notifier.kafka.PartitionOwnership;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.notifier.view.AlertView;
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
 * deadline is reminded to the agency and escalated one step along the asking task force's escalation chain, and again
 * every {@code remind-every} up to a cap, walking the chain one task force further each time (none past its end);
 * a request on a RESOLVED alert is left open (the agency may still answer) but no longer reminded or escalated.
 *
 * <p>One writer per request: every change of an existing request (a reply applied, a reminder) is made by the instance
 * that owns its alert ({@link PartitionOwnership}), the one that pages and escalates the alert, under this object's
 * lock, re-checking ownership and reading the latest state inside it; an instance giving partitions up waits for a
 * change in progress ({@link #awaitWrites}) before the next owner takes them. Replies reach the owner through
 * {@link FollowUpReplies} (every instance reads them all). An instance that lost its alerts without knowing it may still
 * write once on a stale state: that write is detected by its revision and undone ({@link FollowUpLog}, and
 * {@link #remindDue} rewrites such requests).
 *
 * <p>Each state change is audited first (under an event id derived from the request and the step, so written again
 * it is the same event: {@link FollowUpAudit#step}), then saved, then delivered. A failure (or a crash) between the
 * audit and the save leaves the reply pending or the reminder due, and the next attempt writes the same audit event
 * again (readers keep one), saves, and delivers: nothing is lost. What remains: a crash after the save and before a
 * webhook delivery was taken by its receiver loses that one notice (the state and the audit trail have the step; the
 * console shows it); deliveries are queued in memory as pages are.
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
    @Inject
    PartitionOwnership ownership;
    @Inject
    AlertView view;
    @Inject
    FollowUpCheckpoints checkpoints;

    /** What became of a reply offered. */
    public enum Outcome {
        /** Applied now, or before (its answerId is handled): nothing more to do. */
        DONE,
        /** Its request's alert is another instance's: that one applies it. */
        NOT_MINE,
        /** Its request is not known here (yet). */
        UNKNOWN
    }

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
     * Whether a task force's officers see the request: the task force that asked it, or one its lateness was
     * escalated to (each reminder walks one step further; every task force reached keeps seeing it). Others who share the alert (a protection receiver among them) see none of its questions, answers
     * or officers, as they see none of another task force's notes.
     */
    public static boolean concerns(FollowUpRequest request, String taskForce) {
        return taskForce != null && (taskForce.equals(request.taskForce()) || request.escalations().contains(taskForce));
    }

    /**
     * Applies an agency's reply once, if this instance owns the request's alert: an answer or refusal closes an open
     * request of that agency; a resent reply is skipped; one for a closed request (or from another agency) is ignored
     * and audited.
     */
    public synchronized Outcome offer(FollowUpAnswer reply) {
        Optional<FollowUpRequest> found = log.get(reply.requestId());
        if (found.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        FollowUpRequest request = found.get();
        if (request.handledAnswers().contains(reply.answerId())) {
            return Outcome.DONE;
        }
        if (!ownership.owns(request.alertId())) {
            return Outcome.NOT_MINE;
        }
        apply(request, reply);
        return Outcome.DONE;
    }

    private void apply(FollowUpRequest request, FollowUpAnswer reply) {
        String actor = "agency:" + reply.agency();
        if (!request.agency().equals(reply.agency()) || !request.open()) {
            String why = !request.agency().equals(reply.agency()) ? "not the owning agency's" : "request already "
                    + request.status();
            audit.step(request, "IGNORED", reply.answerId(), actor, null, reply.kind() + " " + reply.answerId()
                    + " ignored: " + why, Map.of("answerId", reply.answerId()));
            log.save(request.handled(reply.answerId()));
            return;
        }
        // Closed at the reply's time (the alert-producer's clock): the same state however often it is applied.
        FollowUpRequest closed = request.closedBy(reply, reply.at() != null ? reply.at() : clock.instant());
        String step = closed.status() == FollowUpRequest.Status.DECLINED ? "DECLINED" : "ANSWERED";
        audit.step(closed, step, reply.answerId(), actor, closed.taskForce(), step.toLowerCase(java.util.Locale.ROOT)
                + " by " + reply.agency(), Map.of("answerId", reply.answerId()));
        checkpoints.reached(FollowUpCheckpoints.REPLY_AUDITED, closed);
        FollowUpRequest saved = log.save(closed);
        delivery.toTaskForce(saved, saved.taskForce(), "follow-up-answer");
    }

    /** Runs {@code work} (a write of requests made elsewhere, such as forgetting them) under the lock every write takes. */
    public synchronized int exclusively(java.util.function.IntSupplier work) {
        return work.getAsInt();
    }

    /** Returns once no change of a request is in progress here (an instance giving its alerts up calls it). */
    public synchronized void awaitWrites() {
        // the lock is the wait
    }

    /**
     * Rewrites the requests a stale write damaged, then reminds and escalates every open request due a reminder whose
     * alert this instance {@code owns} and is not resolved, once each; how many were reminded.
     */
    public synchronized int remindDue(java.util.function.Predicate<String> owns) {
        for (FollowUpRequest damaged : log.toRewrite()) {
            if (owns.test(damaged.alertId())) {
                try {
                    log.save(damaged);
                    LOG.warnf("Follow-up %s written again after a write on a stale state", damaged.requestId());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Follow-up %s not written again; tried again at the next tick", damaged.requestId());
                }
            }
        }
        int reminded = 0;
        Instant now = clock.instant();
        for (FollowUpRequest request : log.due(now, r -> settings.remindEvery(r.urgency()), settings.maxReminders())) {
            if (!owns.test(request.alertId()) || resolved(request.alertId())) {
                continue;
            }
            try {
                // The state held now (a reply read since the list was made may have closed it).
                FollowUpRequest current = log.get(request.requestId()).orElse(request);
                if (!current.open() || current.reminders() != request.reminders()) {
                    continue;
                }
                remind(current, now);
                reminded++;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Follow-up %s not reminded; tried again at the next tick", request.requestId());
            }
        }
        return reminded;
    }

    private boolean resolved(String alertId) {
        return view.get(alertId).map(state -> !state.active()).orElse(false);
    }

    private void remind(FollowUpRequest request, Instant now) {
        int number = request.reminders() + 1;
        Optional<TaskForce> target = delivery.escalationTarget(request);
        String late = "not answered within " + Durations.format(request.reminders() == 0
                ? settings.deadline(request.urgency()) : settings.remindEvery(request.urgency()));
        String which = Integer.toString(number);
        audit.step(request, "REMINDED", which, FollowUpAudit.ACTOR, null, late + ": " + request.agency()
                + " reminded (" + number + " of " + settings.maxReminders() + ")", Map.of("reminder", which));
        String from = request.escalatedTo() != null ? request.escalatedTo() : request.taskForce();
        target.ifPresent(tf -> audit.step(request, "ESCALATED", which, FollowUpAudit.ACTOR, tf.id(), late
                + ": escalated from " + from + " to " + tf.id(), Map.of("from", from, "reminder", which)));
        checkpoints.reached(FollowUpCheckpoints.REMINDER_AUDITED, request);
        FollowUpRequest reminded = log.save(request.reminded(now, target.map(TaskForce::id).orElse(null)));
        delivery.toAgency(reminded, true);
        delivery.toTaskForce(reminded, reminded.taskForce(), "follow-up-overdue");
        target.ifPresent(tf -> delivery.toTaskForce(reminded, tf.id(), "follow-up-overdue"));
    }
}
