package io.waspada.notifier.officers;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
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
 * Chases unanswered alerts: an OPEN alert whose task force has not acknowledged it within its severity's deadline
 * (counted from when it started waiting, or from the last escalation) is escalated to the next task force of that
 * task force's chain cleared for its handling code: an ESCALATED event, then delivery there (WebSocket, webhook,
 * email). Deadlines are measured on the injected {@link Clock}; the state comes from the audit trail, so it
 * survives a restart.
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
    @ConfigProperty(name = "waspada.escalation.tick", defaultValue = "PT1S")
    Duration tick;
    @ConfigProperty(name = "waspada.escalation.deadline.critical", defaultValue = "5m")
    String critical;
    @ConfigProperty(name = "waspada.escalation.deadline.high", defaultValue = "15m")
    String high;
    @ConfigProperty(name = "waspada.escalation.deadline.medium", defaultValue = "4h")
    String medium;
    @ConfigProperty(name = "waspada.escalation.deadline.low", defaultValue = EscalationDeadlines.NEVER)
    String low;

    private EscalationDeadlines deadlines;

    /** Call once the view is rebuilt: restores escalations, then checks deadlines every {@code waspada.escalation.tick}. */
    public void start() {
        restore();
        ticker.scheduleWithFixedDelay(this::escalateDue, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the deadlines and gives task forces that alerts were escalated to (per the audit trail) those alerts back. */
    public synchronized void restore() {
        deadlines = new EscalationDeadlines(Map.of(Severity.CRITICAL, critical, Severity.HIGH, high,
                Severity.MEDIUM, medium, Severity.LOW, low));
        for (AlertState state : view.all()) {
            trail.status(state.alertId()).escalations().forEach(e -> view.extend(state.alertId(), e.to()));
        }
    }

    /** Escalates every alert past its deadline now; the number of escalations. Public so tests can drive it. */
    public synchronized int escalateDue() {
        if (deadlines == null) {
            return 0;
        }
        int escalated = 0;
        try {
            Instant now = clock.instant();
            for (AlertState state : view.all()) {
                escalated += escalate(state, now);
            }
        } catch (RuntimeException e) {
            LOG.error("Escalation check failed", e);
        }
        return escalated;
    }

    private int escalate(AlertState state, Instant now) {
        AlertStatus status = trail.status(state.alertId());
        Optional<Duration> deadline = deadlines.deadline(state.alert().getSeverity());
        if (!status.open() || status.waitingSince() == null || state.mutedBy() != null || deadline.isEmpty()) {
            return 0;
        }
        int escalated = 0;
        for (String source : state.taskForces()) {
            if (status.escalatedTo(source)) {
                continue; // a task force reached by escalation is chased through the chain of the one it came from
            }
            AlertStatus.Escalation last = status.lastFrom(source);
            Instant since = last == null || last.at().isBefore(status.waitingSince()) ? status.waitingSince() : last.at();
            if (now.isBefore(since.plus(deadline.get()))) {
                continue;
            }
            Optional<Step> next = next(source, last == null ? 0 : last.level(), state.alert());
            if (next.isPresent()) {
                escalateTo(state.alert(), source, next.get(), deadline.get());
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

    private void escalateTo(Alert alert, String source, Step step, Duration deadline) {
        AlertLifecycleEvent event = lifecycle.publishDurably(alert.getAlertId(), alert.getVersion(),
                LifecycleAction.ESCALATED, LifecyclePublisher.ACTOR, step.target().id(),
                "not acknowledged by " + source + " within " + deadline,
                Map.of(AlertStatus.FROM, source, AlertStatus.LEVEL, Integer.toString(step.level())));
        trail.apply(event);
        view.extend(alert.getAlertId(), step.target().id());
        // Webhook and email of the new task force, grouped by the route that reached the one that did not answer.
        router.route(alert.getLabels(), alert.getHandling()).stream()
                .filter(m -> m.taskForce().id().equals(source)).findFirst()
                .ifPresent(m -> sender.groups().add(new RouteMatch(m.route(), step.target(), true), alert, clock.instant()));
        LOG.infof("Escalated %s from %s to %s (level %d)", alert.getAlertId(), source, step.target().id(), step.level());
    }

    private record Step(TaskForce target, int level) {
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
