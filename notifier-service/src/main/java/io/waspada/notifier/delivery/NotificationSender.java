package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Drives the paging channels: every tick it takes the notifications that are due from the
 * {@link NotificationGroups} and hands each to the task force's webhook and email channels (never blocking:
 * those have their own queues).
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);

    private final NotificationGroups groups = new NotificationGroups(this::answered);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "notification-groups");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    WebhookDelivery webhooks;
    @Inject
    EmailDelivery email;
    @Inject
    WebhookBodies bodies;
    @Inject
    Clock clock;
    @Inject
    Muter muter;
    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    AuditTrail trail;
    @Inject
    AlertView view;
    @Inject
    io.waspada.notifier.tracing.NotifierTraces traces;
    @ConfigProperty(name = "waspada.notify.tick", defaultValue = "PT0.2S")
    Duration tick;

    public NotificationGroups groups() {
        return groups;
    }

    public void start() {
        ticker.scheduleWithFixedDelay(this::flush, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The alert is resolved: it leaves its groups now, and those that paged it send their last notification (webhook
     * and email) at once from the sender's own thread, like every other page (never from the caller's, e.g. an HTTP
     * request's event-loop context, which the mail client must not be tied to).
     */
    public void resolved(String alertId) {
        List<Notification> last = groups.resolve(alertId, clock.instant());
        ticker.execute(() -> {
            try {
                last.forEach(this::send);
            } catch (RuntimeException e) {
                LOG.error("Sending the resolution of " + alertId + " failed", e);
            }
        });
    }

    /**
     * An alert the task force acknowledged (or that is resolved) is not repeated to it: nobody needs reminding of what
     * they answered. Another task force's acknowledgement does not answer for this one, except that a task force the
     * alert reached only by escalation stops being reminded once the chains that brought it there are answered.
     */
    private boolean answered(String alertId, String taskForce) {
        return !trail.status(alertId).remindable(taskForce);
    }

    /** Sends what is due now; public so a test with a controlled clock can drive it. */
    public void flush() {
        try {
            groups.due(clock.instant()).forEach(this::send);
        } catch (RuntimeException e) {
            LOG.error("Sending notifications failed", e);
        }
    }

    private void send(Notification due) {
        Notification notification = unmuted(due);
        if (notification.alerts().isEmpty()) {
            return;
        }
        if (notification.taskForce().webhook().isPresent()) {
            List<AlertRef> alerts = notification.alerts().stream().map(AlertRef::of).toList();
            webhooks.send(notification.taskForce(), notification.id(), alerts, bodies.render(notification), () -> {
            }, page(notification, WebhookDelivery.CHANNEL));
        }
        if (notification.taskForce().email().isPresent()) {
            email.send(notification, page(notification, EmailDelivery.CHANNEL));
        }
    }

    private io.waspada.notifier.tracing.PageSpan page(Notification notification, String channel) {
        return traces == null ? io.waspada.notifier.tracing.PageSpan.NONE : traces.page(notification, channel);
    }

    /**
     * The notification without the alerts raised above the task force's clearance since they were grouped, nor those
     * muted since (a silence created, or an inhibiting alert arrived, during group_wait or before a repeat), as
     * Alertmanager checks at every flush. Both are audited. An alert announced as resolved is never muted: the task
     * force was paged about it and hears that it is over (unless it is no longer cleared for it).
     */
    private Notification unmuted(Notification notification) {
        Instant now = clock.instant();
        List<Alert> kept = new ArrayList<>();
        for (Alert alert : notification.alerts()) {
            if (!clearedForLatest(notification.taskForce(), alert)) {
                // Raised above the task force's clearance since it was grouped (new evidence, a stricter handling
                // code): nothing more about it reaches this task force, not even its resolution.
                lifecycle.publish(alert, LifecycleAction.OTHER, notification.taskForce().id(), null,
                        "WITHHELD before sending: latest handling not cleared for " + notification.taskForce().id(),
                        Map.of("notificationId", notification.id()));
                continue;
            }
            if (notification.resolves(alert)) {
                kept.add(alert);
                continue;
            }
            Optional<Muter.Muting> muted = muter.beforeSending(alert, now, notification.taskForce().id());
            if (muted.isPresent()) {
                muter.audit(alert, muted.get(), notification.taskForce().id(), "muted before sending",
                        Map.of("notificationId", notification.id()));
            } else {
                kept.add(alert);
            }
        }
        return kept.size() == notification.alerts().size() ? notification : notification.with(kept);
    }

    /** Whether the task force is cleared for the handling code of the alert's latest version (the view's). */
    private boolean clearedForLatest(TaskForce taskForce, Alert alert) {
        Alert latest = view.get(alert.getAlertId()).map(AlertState::alert).orElse(alert);
        return taskForce.clearedFor(latest.getHandling()) && taskForce.clearedFor(alert.getHandling());
    }

    @PreDestroy
    void close() {
        ticker.shutdownNow();
    }
}
