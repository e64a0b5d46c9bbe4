package io.waspada.notifier.officers;

import io.waspada.avro.Alert;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.view.AlertView;
import io.waspada.privacy.FreeTextScrubber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The verification desk decides on a tip-only alert (#18): VERIFIED or UNFOUNDED, with a reason (scrubbed of
 * identifiers typed in, like every officer comment). The decision is written to the audit trail (acks=all) before it
 * counts ({@link TipVerdict} says how); VERIFIED leaves the desk's open queue and is routed onwards by the alert's
 * owner ({@link VerifiedRouting}); UNFOUNDED resolves the alert for everyone, and nothing more is paged about it. The
 * caller checks who may decide; a decision is refused (unchanged) on an alert that no longer rests on tips alone, is
 * resolved or was decided already.
 */
@ApplicationScoped
public class TipVerificationDecision {

    /** The two decisions a desk may take. */
    public enum Decision {
        VERIFIED, UNFOUNDED
    }

    @Inject
    FreeTextScrubber scrubber;
    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    AuditTrail trail;
    @Inject
    AlertView view;
    @Inject
    NotificationSender sender;
    @Inject
    VerifiedRouting routing;

    /** Whether the alert still waits for the desk: tips alone, not resolved, not decided. */
    public boolean awaiting(Alert alert) {
        AlertStatus status = trail.status(alert.getAlertId());
        return TipVerification.awaits(alert) && !status.resolved() && status.verification() == null;
    }

    /** Decides, unless the alert no longer waits for it; the status after the attempt. */
    public OfficerActions.Outcome decide(Officer officer, Alert alert, Decision decision, String reason) {
        synchronized (this) {
            if (!awaiting(alert)) {
                return new OfficerActions.Outcome(false, trail.status(alert.getAlertId()));
            }
            String scrubbed = scrubber.scrub("reason", reason);
            LifecycleAction action = decision == Decision.VERIFIED ? LifecycleAction.OTHER : LifecycleAction.RESOLVED;
            trail.apply(lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(), action, officer.username(),
                    officer.taskForce(), scrubbed, Map.of(TipVerdict.ATTRIBUTE, decision.name())));
            view.restatus(alert.getAlertId(), trail.status(alert.getAlertId()).standing());
            if (decision == Decision.UNFOUNDED) {
                sender.resolved(alert.getAlertId());
            }
        }
        if (decision == Decision.VERIFIED) {
            routing.routeIfOwned(alert.getAlertId());
        }
        return new OfficerActions.Outcome(true, trail.status(alert.getAlertId()));
    }
}
