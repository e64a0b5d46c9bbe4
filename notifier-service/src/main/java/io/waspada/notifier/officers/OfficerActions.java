package io.waspada.notifier.officers;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
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
 * What officers do to an alert (view, acknowledge, resolve) and the re-opening of an acknowledged alert by a worse
 * version: each one written to the audit trail (acks=all) before it counts, then folded into the status and pushed
 * to the WebSockets of the task forces that see the alert. Once acknowledged, an alert is no longer repeated or
 * escalated (both read the status); once resolved, its paging groups send a last RESOLVED notification.
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

    /** The officers' status of the alert now: OPEN, ACKNOWLEDGED or RESOLVED. */
    public String status(String alertId) {
        return trail.status(alertId).status();
    }

    public void viewed(Officer officer, Alert alert, String what) {
        record(alert, LifecycleAction.VIEWED, officer, what, Map.of());
    }

    /** Acknowledges the alert unless it already is or is resolved; the status after the attempt. */
    public Outcome acknowledge(Officer officer, Alert alert, String comment) {
        synchronized (this) {
            AlertStatus status = trail.status(alert.getAlertId());
            if (!AlertStatus.OPEN.equals(status.status())) {
                return new Outcome(false, status);
            }
            record(alert, LifecycleAction.ACKED, officer, scrub(comment),
                    Map.of(AlertStatus.SEVERITY, alert.getSeverity().name()));
            ackLatency.acknowledged(alert);
            return new Outcome(true, trail.status(alert.getAlertId()));
        }
    }

    /**
     * Resolves the alert unless it already is: its webhook/email groups announce the resolution once and stop paging
     * it. The status after the attempt.
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

    /** A new version more severe than the one acknowledged re-opens the alert (REOPENED, by the service). */
    public void newVersion(Alert alert) {
        synchronized (this) {
            AlertStatus status = trail.status(alert.getAlertId());
            if (status.acknowledged() && status.acknowledgedSeverity() != null
                    && alert.getSeverity().ordinal() > Severity.valueOf(status.acknowledgedSeverity()).ordinal()) {
                AlertLifecycleEvent event = lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(),
                        LifecycleAction.REOPENED, LifecyclePublisher.ACTOR, null,
                        "severity rose from " + status.acknowledgedSeverity() + " to " + alert.getSeverity(),
                        Map.of(AlertStatus.SEVERITY, alert.getSeverity().name()));
                trail.apply(event); // the new version enters the view right after, as OPEN
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
        view.restatus(alert.getAlertId(), trail.status(alert.getAlertId()).status());
    }

    /** Whether the action changed anything, and the status now. */
    public record Outcome(boolean changed, AlertStatus status) {
    }
}
