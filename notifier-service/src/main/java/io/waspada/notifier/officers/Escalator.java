package io.waspada.notifier.officers;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.config.Durations;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Chases unanswered alerts, per task force: an alert that a task force has not acknowledged within the deadline
 * for its severity of the route that sent it there (counted from when it started waiting, or from the last escalation away
 * from that task force) is escalated to the next task force of that task force's chain cleared for its handling
 * code: an ESCALATED event, then delivery there (WebSocket, webhook, email). Deadlines are measured on the injected
 * {@link Clock}; the state comes from the audit trail, so it survives a restart.
 */
@ApplicationScoped
public class Escalator {

    private static final Logger LOG = Logger.getLogger(Escalator.class);

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "escalation");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    AlertView view;
    @Inject
    AuditTrail trail;
    @Inject
    Router router;
    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    NotificationSender sender;
    @Inject
    Clock clock;
    /** Escalates only the alerts this instance owns (null: every alert, as a test's escalator does). */
    @Inject
    io.waspada.notifier.kafka.PartitionOwnership ownership;
    /** Routes a tip-only alert the verification desk verified, before it is chased (null: a test's escalator). */
    @Inject
    VerifiedRouting verified;
    @ConfigProperty(name = "waspada.escalation.tick", defaultValue = "PT1S")
    Duration tick;

    private RouteDeadlines deadlines;

    /** Call once the view is rebuilt: restores escalations, then checks deadlines every {@code waspada.escalation.tick}. */
    public void start() {
        restore();
        ticker.scheduleWithFixedDelay(this::escalateDue, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the deadlines and gives task forces that alerts were escalated to (per the audit trail) those alerts back,
     * each only if it is cleared for the alert's latest handling code (an alert escalated at H1 and raised to H3 since
     * stays away from a task force cleared for H1).
     */
    public synchronized void restore() {
        deadlines = new RouteDeadlines(router);
        for (AlertState state : view.all()) {
            trail.status(state.alertId()).escalations()
                    .forEach(e -> view.extend(state.alertId(), e.to(), latest -> cleared(e.to(), latest)));
        }
    }

    private boolean cleared(String taskForce, Alert alert) {
        return router.config().taskForce(taskForce).map(tf -> tf.clearedFor(alert.getHandling())).orElse(false);
    }

    /** Escalates every alert past its deadline now; the number of escalations. Public so tests can drive it. */
    public synchronized int escalateDue() {
        return escalateOwned();
    }

    /**
     * Returns once no escalation pass is running (one that began before ownership changed has ended, its escalations
     * written durably); passes check ownership per alert, so later ones see the change.
     */
    public synchronized void awaitPass() {
        // Holding the monitor is the whole point: escalateDue holds it for a pass.
        LOG.tracef("escalation pass awaited");
    }

    private int escalateOwned() {
        if (deadlines == null) {
            return 0;
        }
        int escalated = 0;
        try {
            Instant now = clock.instant();
            for (AlertState state : view.all()) {
                if (ownership == null || ownership.owns(state.alertId())) {
                    escalated += escalateOne(state, now);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Escalation check failed", e);
        }
        return escalated;
    }

    /** One alert's escalations: a failure (a write, routing a verified alert) is logged and retried next pass. */
    private int escalateOne(AlertState state, Instant now) {
        try {
            return escalate(state, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Escalation check of alert %s failed; the next pass tries again", state.alertId());
            return 0;
        }
    }

    private int escalate(AlertState state, Instant now) {
        AlertStatus status = trail.status(state.alertId());
        if (status.resolved() || status.waitingSince() == null || state.mutedBy() != null) {
            return 0;
        }
        if (TipVerification.awaits(state.alert()) && (verified == null || !verified.chased(state, status))) {
            return 0; // resting only on civil-society tips: chased only once the desk verified it and it was routed
        }
        int escalated = 0;
        for (String source : state.taskForces()) {
            if (status.escalatedTo(source)) {
                continue; // a task force reached by escalation is chased through the chain of the one it came from
            }
            if (status.answeredFor(source)) {
                continue; // acknowledged by this task force (or by one its chain reached): others are still chased
            }
            // Each task force has the deadline of the route that sent the alert there; each next step of its chain
            // gets that same deadline again.
            Optional<RouteDeadlines.Reach> reach = deadlines.of(state.alert(), source, status);
            AlertStatus.Escalation last = status.lastFrom(source);
            Instant waiting = status.waitingSinceFor(source);
            Instant since = last == null || last.at().isBefore(waiting) ? waiting : last.at();
            if (reach.isEmpty() || now.isBefore(since.plus(reach.get().deadline()))) {
                continue;
            }
            Optional<Step> next = next(source, last == null ? 0 : last.level(), state.alert());
            if (next.isPresent()) {
                escalateTo(state.alert(), source, next.get(), reach.get());
                escalated++;
            }
        }
        return escalated;
    }

    /** The next task force in the source's chain after {@code level}, cleared for the alert's handling. */
    private Optional<Step> next(String source, int level, Alert alert) {
        List<String> chain = router.config().taskForce(source).map(TaskForce::escalation).orElse(List.of());
        for (int i = level; i < chain.size(); i++) {
            Optional<TaskForce> target = router.config().taskForce(chain.get(i));
            if (target.isPresent() && target.get().clearedFor(alert.getHandling())) {
                return Optional.of(new Step(target.get(), i + 1));
            }
        }
        return Optional.empty();
    }

    private void escalateTo(Alert alert, String source, Step step, RouteDeadlines.Reach reach) {
        AlertLifecycleEvent event = lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(),
                LifecycleAction.ESCALATED, LifecyclePublisher.ACTOR, step.target().id(),
                "not acknowledged by " + source + " within " + Durations.format(reach.deadline()),
                Map.of(AlertStatus.FROM, source, AlertStatus.LEVEL, Integer.toString(step.level()),
                        AlertStatus.ROUTE, reach.route().path()));
        trail.apply(event);
        view.extend(alert.getAlertId(), step.target().id(), latest -> step.target().clearedFor(latest.getHandling()));
        // Webhook and email of the new task force, grouped by the route that reached the one that did not answer.
        sender.groups().add(new RouteMatch(reach.route(), step.target(), true), alert, clock.instant());
        LOG.infof("Escalated %s from %s to %s (level %d)", alert.getAlertId(), source, step.target().id(), step.level());
    }

    private record Step(TaskForce target, int level) {
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
