package io.waspada.notifier.officers;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.kafka.PartitionOwnership;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Applies what the audit trail says officers and escalation did, whichever instance did it, to this instance: its
 * consoles hear acknowledgements, resolutions and re-openings (the view's standing) and see escalations (the view's
 * task forces), and, for the alerts this instance owns, the paging groups announce a resolution and stop. What this
 * instance did itself was applied already; the topic bringing it back changes nothing.
 */
@ApplicationScoped
public class StatusFollower {

    private static final Logger LOG = Logger.getLogger(StatusFollower.class);

    @Inject
    AuditTrail trail;
    @Inject
    AlertView view;
    @Inject
    NotificationSender sender;
    @Inject
    PartitionOwnership ownership;
    @Inject
    Router router;

    /** Follows the trail from now on (once it is read to its end). */
    public void start() {
        trail.whenStored(this::apply);
    }

    void apply(AlertLifecycleEvent event) {
        switch (event.getAction()) {
            case ACKED, RESOLVED, REOPENED, ESCALATED -> {
            }
            default -> {
                return;
            }
        }
        String alertId = event.getAlertId();
        try {
            if (view.holds(alertId)) {
                String to = event.getTaskForce();
                if (event.getAction() == io.waspada.avro.LifecycleAction.ESCALATED && to != null) {
                    view.extend(alertId, to, latest -> router.config().taskForce(to)
                            .map(tf -> tf.clearedFor(latest.getHandling())).orElse(false));
                }
                view.restatus(alertId, trail.status(alertId).standing());
            }
            // A resolution the status ignores (an UNFOUNDED after another lead's decision) announces nothing.
            if (event.getAction() == io.waspada.avro.LifecycleAction.RESOLVED && ownership.owns(alertId)
                    && trail.status(alertId).resolved()) {
                sender.resolved(alertId);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Applying %s of alert %s from the audit trail failed", event.getAction(), alertId);
        }
    }
}
