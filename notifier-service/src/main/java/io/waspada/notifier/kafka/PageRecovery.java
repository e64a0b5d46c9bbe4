package io.waspada.notifier.kafka;

import io.waspada.notifier.delivery.EmailDelivery;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.delivery.PendingPages;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.delivery.WebhookDelivery;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resumes paging when this instance takes partitions of {@code tip.alerts.v1} (at start, or from an instance that
 * stopped or died): once the alert view is rebuilt, reads each alert's audit trail ({@link PendingPages})
 * and puts every latest alert version routed to a task force but not settled on its
 * webhook or email back into its group (at least once: a page interrupted after sending may be sent again), and every
 * one already paged and not resolved back in as sent, so its reminders and resolution notice continue.
 */
@ApplicationScoped
public class PageRecovery implements PartitionHandover {

    private static final Logger LOG = Logger.getLogger(PageRecovery.class);

    @Inject
    Router router;
    @Inject
    AlertView view;
    @Inject
    NotificationSender sender;
    @Inject
    Clock clock;
    @Inject
    AuditTrail trail;
    /** Which partition an alert is in, for the partitions taken and released. */
    @Inject
    PartitionOwnership ownership;

    @Inject
    io.waspada.notifier.officers.Escalator escalator;
    @Inject
    io.waspada.notifier.followup.FollowUps followUps;
    @Inject
    io.waspada.notifier.officers.VerifiedRouting verifiedRouting;

    @Override
    public void taken(java.util.Set<Integer> partitions, java.util.Set<String> decidedHere) {
        requeue(alertId -> partitions.contains(ownership.partitionOf(alertId)) && !decidedHere.contains(alertId));
    }

    /**
     * The pages of alerts now another instance's leave this one's groups (that one resumes them from the trail), once
     * an escalation pass that began while this instance owned them is over (its escalations are on the trail before
     * the partitions are handed on, and what it grouped is dropped).
     */
    @Override
    public void released(java.util.Set<Integer> partitions) {
        if (escalator != null) {
            escalator.awaitPass();
        }
        if (verifiedRouting != null) {
            verifiedRouting.awaitRouting(); // a verified alert being routed has its records and pages in place first
        }
        if (followUps != null) {
            followUps.awaitWrites(); // a follow-up change of these alerts in progress is on its topic first
        }
        int dropped = sender.groups().release(alertId -> partitions.contains(ownership.partitionOf(alertId)));
        if (dropped > 0) {
            LOG.infof("Handed over the pages of %d alerts in partitions %s to the instance that holds them now",
                    dropped, partitions);
        }
    }

    /**
     * Regroups what was left unsettled, and puts what was already paged and is not resolved back into its group as
     * sent (so reminders and the resolution notice go on), for the alerts {@code mine} names; call once the view is
     * rebuilt.
     */
    public int requeue(java.util.function.Predicate<String> mine) {
        int requeued = 0;
        int restored = 0;
        for (AlertState state : view.all()) {
            if (state.mutedBy() != null || !mine.test(state.alertId())) {
                continue;
            }
            PendingPages pending = new PendingPages();
            trail.history(state.alertId()).forEach(pending::apply);
            // A verified tip-only alert also goes on to the task forces it was routed to after the verification (#18).
            for (RouteMatch match : io.waspada.notifier.officers.VerificationDesk.routes(router, state.alert(),
                    trail.status(state.alertId()))) {
                if (!match.cleared()) {
                    continue;
                }
                if (unsettled(pending, state, match)) {
                    sender.groups().add(match, state.alert(), clock.instant());
                    requeued++;
                } else if (state.active()) {
                    Optional<Instant> paged = pending.lastPaged(state.alertId(), state.version(), match.taskForce().id());
                    if (paged.isPresent()) {
                        sender.groups().restore(match, state.alert(), paged.get());
                        restored++;
                    }
                }
            }
        }
        if (requeued > 0 || restored > 0) {
            LOG.infof("Resumed %d pages left unsettled by the previous owner; %d paged alerts go on being reminded",
                    requeued, restored);
        }
        return requeued;
    }

    private static boolean unsettled(PendingPages pending, AlertState state, RouteMatch match) {
        String tf = match.taskForce().id();
        return match.taskForce().webhook().isPresent()
                && pending.unsettled(state.alertId(), state.version(), tf, WebhookDelivery.CHANNEL)
                || match.taskForce().email().isPresent()
                && pending.unsettled(state.alertId(), state.version(), tf, EmailDelivery.CHANNEL);
    }
}
