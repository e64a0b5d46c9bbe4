package io.waspada.notifier.officers;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.ops.AckLatency;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import io.waspada.privacy.FreeTextScrubber;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * What officers do to an alert (view, acknowledge for their task force, resolve for everyone) and the re-opening of an
 * acknowledged alert by a worse version: each one written to the audit trail (acks=all) before it counts, then folded
 * into the status and pushed to the WebSockets of the task forces whose status changed. Once a task force has
 * acknowledged an alert, it is no longer repeated to that task force nor escalated on its behalf (both read the
 * status); once resolved, the paging groups of every task force send a last RESOLVED notification.
 */
@ApplicationScoped
public class OfficerActions {

    /** Officers' comments can carry a passport or phone number typed in: masked before the audit trail holds them. */
    @Inject
    FreeTextScrubber comments;

    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    AuditTrail trail;
    @Inject
    AlertView view;
    @Inject
    NotificationSender sender;
    @Inject
    AckLatency ackLatency;

    /** The officers' standing on the alert now: resolved or not, and which task forces acknowledged it. */
    public AlertStatus.Standing standing(String alertId) {
        return trail.status(alertId).standing();
    }

    /** The alert's whole status (the dispatcher reads the verification desk's decision from it). */
    public AlertStatus status(String alertId) {
        return trail.status(alertId);
    }

    public void viewed(Officer officer, Alert alert, String what) {
        record(alert, LifecycleAction.VIEWED, officer, what, Map.of());
    }

    /**
     * Acknowledges the alert for the officer's own task force, unless that task force already has or it is resolved:
     * this stops that task force's reminders and escalation only. The status after the attempt.
     */
    public Outcome acknowledge(Officer officer, Alert alert, String comment) {
        synchronized (this) {
            AlertStatus status = trail.status(alert.getAlertId());
            if (status.statusFor(officer.taskForce()) != OfficerStatus.OPEN) {
                return new Outcome(false, status);
            }
            record(alert, LifecycleAction.ACKED, officer, scrub(comment),
                    Map.of(AlertStatus.SEVERITY, alert.getSeverity().name(), AlertStatus.SCOPE, AlertStatus.FOR_TASK_FORCE));
            ackLatency.acknowledged(alert);
            return new Outcome(true, trail.status(alert.getAlertId()));
        }
    }

    /**
     * Resolves the alert for every task force unless it already is (the caller checks the officer may: a lead's act):
     * the paging groups of every task force that had it announce the resolution once and stop paging it, and every
     * console that shows it hears it. The status after the attempt.
     */
    public Outcome resolve(Officer officer, Alert alert, String comment) {
        synchronized (this) {
            AlertStatus status = trail.status(alert.getAlertId());
            if (status.resolved()) {
                return new Outcome(false, status);
            }
            record(alert, LifecycleAction.RESOLVED, officer, scrub(comment), Map.of());
            sender.resolved(alert.getAlertId());
            return new Outcome(true, trail.status(alert.getAlertId()));
        }
    }

    /**
     * A new version more severe than what some task force acknowledged re-opens it for those task forces (REOPENED,
     * by the service, with the new severity): they are reminded and chased again.
     */
    public void newVersion(Alert alert) {
        synchronized (this) {
            AlertStatus status = trail.status(alert.getAlertId());
            if (status.worseThanAcknowledged(alert.getSeverity())) {
                AlertLifecycleEvent event = lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(),
                        LifecycleAction.REOPENED, LifecyclePublisher.ACTOR, null,
                        "severity rose to " + alert.getSeverity() + " above what was acknowledged",
                        Map.of(AlertStatus.SEVERITY, alert.getSeverity().name()));
                trail.apply(event); // the new version enters the view right after
            }
        }
    }

    private String scrub(String comment) {
        return comments.scrub("comment", comment);
    }

    private void record(Alert alert, LifecycleAction action, Officer officer, String detail, Map<String, String> attributes) {
        trail.apply(lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(), action, officer.username(),
                officer.taskForce(), detail, attributes));
        // Officers connected to the task forces that see the alert get the new status live.
        view.restatus(alert.getAlertId(), trail.status(alert.getAlertId()).standing());
    }

    /** Whether the action changed anything, and the status now. */
    public record Outcome(boolean changed, AlertStatus status) {
    }
}
