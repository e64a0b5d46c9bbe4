package io.waspada.notifier.officers;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.view.AlertView;
import io.waspada.privacy.FreeTextScrubber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The verification desk decides on a tip-only alert (#18): VERIFIED or UNFOUNDED, with a reason (scrubbed of
 * identifiers typed in, like every officer comment). The decision is written to the audit trail (acks=all) and counts
 * once this instance's trail has read it back ({@link TipVerdict} says how): of two leads deciding at two instances at
 * once, the one first on the topic counts, the other is answered as decided already; VERIFIED leaves the desk's open queue and is routed onwards by the alert's
 * owner ({@link VerifiedRouting}); UNFOUNDED resolves the alert for everyone, and nothing more is paged about it. The
 * caller checks who may decide; a decision is refused (unchanged) on an alert that no longer rests on tips alone, is
 * resolved or was decided already.
 */
@ApplicationScoped
public class TipVerificationDecision {

    private static final Logger LOG = Logger.getLogger(TipVerificationDecision.class);
    /** How long a decision waits for the trail to read it back before it counts unconfirmed. */
    static final Duration READ_BACK = Duration.ofSeconds(10);

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

    /**
     * Decides, unless the alert no longer waits for it; the status after the attempt. Two leads may decide at two
     * instances at once: the decision counts once this instance's trail has read it back, in the topic's order, and
     * only if it was the first there (otherwise: not changed, and nothing is routed or resolved on its account).
     */
    public OfficerActions.Outcome decide(Officer officer, Alert alert, Decision decision, String reason) {
        String alertId = alert.getAlertId();
        synchronized (this) {
            if (!awaiting(alert)) {
                return new OfficerActions.Outcome(false, trail.status(alertId));
            }
            String scrubbed = scrubber.scrub("reason", reason);
            LifecycleAction action = decision == Decision.VERIFIED ? LifecycleAction.OTHER : LifecycleAction.RESOLVED;
            LifecyclePublisher.Written written = lifecycle.publishDurablyAt(alertId, alert.getVersion(), action,
                    officer.username(), officer.taskForce(), scrubbed, Map.of(TipVerdict.ATTRIBUTE, decision.name()));
            if (!readBack(written)) {
                // The trail lags: whether this decision was the first on the topic is not known yet, so it is not
                // counted here; the trail decides when it reads it (the owner then routes or stops paging).
                LOG.warnf("The audit trail did not read back the verification of %s within %s; outcome pending",
                        alertId, READ_BACK);
                throw new Pending(alertId);
            }
            AlertStatus status = trail.status(alertId);
            view.restatus(alertId, status.standing());
            if (!first(status.verification(), written.event())) {
                LOG.infof("Verification %s of %s by %s came after another decision; it changes nothing",
                        decision, alertId, officer.username());
                return new OfficerActions.Outcome(false, status);
            }
            if (decision == Decision.UNFOUNDED) {
                sender.resolved(alertId);
            }
        }
        if (decision == Decision.VERIFIED) {
            routing.routeIfOwned(alertId);
        }
        return new OfficerActions.Outcome(true, trail.status(alertId));
    }

    /** The decision is on the topic, but the trail has not read it back yet: which decision counts is not known. */
    public static final class Pending extends RuntimeException {
        public Pending(String alertId) {
            super("the decision on " + alertId + " is written; whether it was the first is not known yet: read the "
                    + "alert again in a moment");
        }
    }

    /** Waits until the trail has read the topic up to the decision written. */
    private boolean readBack(LifecyclePublisher.Written written) {
        try {
            return trail.awaitStored(Map.of(written.partition(), written.offset() + 1), READ_BACK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the decision the trail counts is the one written here. */
    private static boolean first(TipVerdict counted, AlertLifecycleEvent written) {
        return counted != null && counted.decision().equals(written.getAttributes().get(TipVerdict.ATTRIBUTE))
                && java.util.Objects.equals(counted.by(), written.getActor())
                && java.util.Objects.equals(counted.taskForce(), written.getTaskForce())
                && java.util.Objects.equals(counted.reason(), written.getDetail())
                // The topic keeps milliseconds.
                && counted.at() != null && counted.at().toEpochMilli() == written.getAt().toEpochMilli();
    }
}
