package io.waspada.notifier.officers;

import io.quarkus.runtime.StartupEvent;
import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.delivery.Muter;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.kafka.PartitionOwnership;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Routes a tip-only alert onwards once the verification desk verified it (#18): once, or at least once across a crash
 * between its ROUTED events and the marker (below). The instance that owns the alert
 * ({@link PartitionOwnership}) writes a ROUTED event (attribute {@code verification=VERIFIED}) for each task force the
 * routing file's other routes reach and that does not have the alert yet (withheld, as the dispatcher does, where a
 * task force is not cleared for its handling code), then the {@code verification=ROUTED} marker
 * ({@link TipVerdict#ROUTED}): the alert reaches those task forces' consoles, webhooks and email as a new alert, their
 * escalation deadlines counting from then. The owner does it at once when its own officer decides or when it reads
 * back a decision made at another instance, and otherwise (a restart, a takeover, a failed write) in its next
 * escalation pass; the marker on the trail is what keeps a replay from routing it again (an instance that dies between
 * its ROUTED events and the marker leaves them to be written again by the next owner: at least once). Every instance
 * applies the ROUTED events it reads back to its view, so every console shows the alert to the task forces it reached.
 * A task force is paged as the dispatcher would page it: not if its lead silenced the alert, nor if a national silence
 * or an inhibiting alert mutes it (audited {@code SILENCED}/{@code INHIBITED}); after a restart or takeover
 * {@code PageRecovery} resumes the pages and reminders of the task forces reached.
 */
@ApplicationScoped
public class VerifiedRouting {

    private static final Logger LOG = Logger.getLogger(VerifiedRouting.class);

    @Inject
    AuditTrail trail;
    @Inject
    AlertView view;
    @Inject
    Router router;
    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    NotificationSender sender;
    @Inject
    PartitionOwnership ownership;
    @Inject
    Clock clock;
    @Inject
    Muter muter;

    private final java.util.concurrent.ExecutorService later = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread thread = new Thread(r, "verified-routing");
                thread.setDaemon(true);
                return thread;
            });

    void onStart(@Observes StartupEvent event) {
        trail.whenStored(this::apply);
    }

    /**
     * For the escalation pass over an alert this instance owns: whether a tip-only alert may be chased (verified and
     * routed onwards). A verified alert not routed yet is routed now, and chased from the next pass on.
     */
    public boolean chased(AlertState state, AlertStatus status) {
        if (!status.verified() || status.resolved()) {
            return false;
        }
        if (status.verification().routed()) {
            return true;
        }
        routeIfOwned(state.alertId());
        return false;
    }

    /** Routes the verified alert now if this instance owns it and nobody routed it yet (after its own officer's decision). */
    public synchronized void routeIfOwned(String alertId) {
        if (!ownership.owns(alertId)) {
            return; // checked under the monitor awaitRouting takes: partitions handed on are not routed here after
        }
        AlertStatus status = trail.status(alertId);
        if (status.verified() && !status.verification().routed() && !status.resolved()) {
            view.get(alertId).filter(s -> view.holds(alertId)).ifPresent(this::route);
        }
    }

    /**
     * Returns once no routing of a verified alert is running (one that began while this instance owned the alert has
     * written its records and queued its pages); later ones check ownership again under the same monitor.
     */
    public synchronized void awaitRouting() {
        // Holding the monitor is the whole point: routeIfOwned holds it while it routes.
        LOG.tracef("verified routing awaited");
    }

    private void route(AlertState state) {
        Alert alert = state.alert();
        if (!TipVerification.awaits(alert)) {
            // An agency's event joined first: the dispatcher routed that version like any other.
            mark(alert, List.of(), "an agency's evidence joined before the verified alert was routed");
            return;
        }
        Instant now = clock.instant();
        List<RouteMatch> reached = new ArrayList<>();
        // Muted as the dispatcher mutes any alert: a national silence or an inhibiting alert for everyone (or the view
        // says it was muted when it reached the desk); a task force's own silence mutes that one's webhook and email.
        // Each such task force still has it on its console; the audit says why it was not paged.
        Optional<Muter.Muting> muted = state.mutedBy() != null ? Optional.empty() : muter.forEveryone(alert, now);
        boolean pages = state.mutedBy() == null && muted.isEmpty();
        Set<String> silenced = new HashSet<>();
        for (RouteMatch match : VerificationDesk.verifiedRoutes(router, alert)) {
            String taskForce = match.taskForce().id();
            if (state.routedTo(taskForce) || reached.stream().anyMatch(m -> m.taskForce().id().equals(taskForce)
                    && m.route().path().equals(match.route().path()))) {
                continue; // it has the alert already (the desk, or a version routed since the decision)
            }
            if (match.cleared()) {
                Optional<Muter.Muting> own = pages ? muter.silencedFor(alert, now, taskForce) : Optional.empty();
                if (own.isPresent()) {
                    durably(muter.auditSilenced(alert, own.get(), match), alert);
                    silenced.add(taskForce);
                }
                trail.apply(lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(), LifecycleAction.ROUTED,
                        LifecyclePublisher.ACTOR, taskForce, "verified by the verification desk",
                        Map.of(AlertStatus.ROUTE, match.route().path(), "line", Integer.toString(match.route().line()),
                                TipVerdict.ATTRIBUTE, TipVerdict.VERIFIED)));
                reached.add(match);
            } else {
                trail.apply(lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(), LifecycleAction.OTHER,
                        LifecyclePublisher.ACTOR, taskForce,
                        "WITHHELD: handling " + alert.getHandling() + " not cleared for " + taskForce,
                        Map.of(AlertStatus.ROUTE, match.route().path(), "handling", alert.getHandling().name())));
            }
        }
        if (muted.isPresent() && !reached.isEmpty()) {
            durably(muter.auditForEveryone(alert, muted.get(), reached), alert);
        }
        mark(alert, reached, null);
        for (RouteMatch match : reached) {
            view.extend(alert.getAlertId(), match.taskForce().id(), latest -> match.taskForce().clearedFor(latest.getHandling()));
            if (pages && !silenced.contains(match.taskForce().id())) {
                sender.groups().add(match, alert, now);
            }
        }
        LOG.infof("Verified tip-only alert %s routed to %s", alert.getAlertId(),
                reached.stream().map(m -> m.taskForce().id()).distinct().toList());
    }

    /** A muting's audit is on the trail before the routing goes on (a failure leaves it to the next pass). */
    private static void durably(java.util.concurrent.CompletableFuture<?> written, Alert alert) {
        try {
            written.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while auditing the muting of " + alert.getAlertId(), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the muting of " + alert.getAlertId() + " not audited", e);
        }
    }

    private void mark(Alert alert, List<RouteMatch> reached, String detail) {
        String receivers = String.join(",", reached.stream().map(m -> m.taskForce().id()).distinct().toList());
        trail.apply(lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(), LifecycleAction.OTHER,
                LifecyclePublisher.ACTOR, null, detail != null ? detail : "routed after verification to " + receivers,
                Map.of(TipVerdict.ATTRIBUTE, TipVerdict.ROUTED, "receivers", receivers)));
    }

    private void routeQuietly(String alertId) {
        try {
            routeIfOwned(alertId);
        } catch (RuntimeException e) {
            // Not lost: the escalation pass routes it again while the trail lacks the ROUTED marker.
            LOG.errorf(e, "Routing verified alert %s failed; the next escalation pass tries again", alertId);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        later.shutdownNow();
    }

    /** What another instance (or this one, read back) wrote: the view follows it. */
    void apply(AlertLifecycleEvent event) {
        String value = event.getAttributes().get(TipVerdict.ATTRIBUTE);
        if (value == null || !view.holds(event.getAlertId())) {
            return;
        }
        try {
            String to = event.getTaskForce();
            if (event.getAction() == LifecycleAction.ROUTED && TipVerdict.VERIFIED.equals(value) && to != null) {
                view.extend(event.getAlertId(), to, latest -> router.config().taskForce(to)
                        .map(tf -> tf.clearedFor(latest.getHandling())).orElse(false));
            } else if (event.getAction() == LifecycleAction.OTHER && TipVerdict.VERIFIED.equals(value)) {
                view.restatus(event.getAlertId(), trail.status(event.getAlertId()).standing());
                if (ownership.owns(event.getAlertId())) {
                    // Decided at another instance: the owner routes it now, off the trail's reading thread.
                    later.execute(() -> routeQuietly(event.getAlertId()));
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Applying the verification of alert %s from the audit trail failed", event.getAlertId());
        }
    }
}
