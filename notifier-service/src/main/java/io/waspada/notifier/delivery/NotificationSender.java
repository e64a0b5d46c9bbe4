package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.kafka.SilenceLog;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.routing.Silence;
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
    SilenceLog silences;
    @Inject
    Inhibition inhibition;
    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    AuditTrail trail;
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

    /** Acknowledged (or resolved) alerts are not repeated: nobody needs reminding of what an officer has answered. */
    private boolean answered(String alertId) {
        return !trail.status(alertId).open();
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
            List<String> alerts = notification.alerts().stream()
                    .map(a -> a.getAlertId() + ":" + a.getVersion()).toList();
            webhooks.send(notification.taskForce(), notification.id(), alerts, bodies.render(notification), () -> {
            });
        }
        if (notification.taskForce().email().isPresent()) {
            email.send(notification);
        }
    }

    /**
     * The notification without the alerts muted since they were grouped (a silence created, or an inhibiting alert
     * arrived, during group_wait or before a repeat), as Alertmanager checks at every flush. Muted alerts are audited.
     * An alert announced as resolved is never muted: the task force was paged about it and hears that it is over.
     */
    private Notification unmuted(Notification notification) {
        Instant now = clock.instant();
        List<Alert> kept = new ArrayList<>();
        for (Alert alert : notification.alerts()) {
            if (notification.resolves(alert)) {
                kept.add(alert);
                continue;
            }
            Optional<Silence> silence = silences.muting(alert.getLabels(), now);
            Optional<String> inhibitor = silence.isPresent() ? Optional.empty() : inhibition.inhibitor(alert);
            if (silence.isPresent()) {
                lifecycle.publish(alert, LifecycleAction.SILENCED, notification.taskForce().id(), null,
                        "muted before sending", Map.of("silenceId", silence.get().id(), "notificationId", notification.id()));
            } else if (inhibitor.isPresent()) {
                lifecycle.publish(alert, LifecycleAction.INHIBITED, notification.taskForce().id(), null,
                        "muted before sending", Map.of("sourceAlertId", inhibitor.get(), "notificationId", notification.id()));
            } else {
                kept.add(alert);
            }
        }
        return kept.size() == notification.alerts().size() ? notification : notification.with(kept);
    }

    @PreDestroy
    void close() {
        ticker.shutdownNow();
    }
}
