package io.waspada.notifier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.avro.Alert;
import io.waspada.notifier.view.AlertJson;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
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

    private final NotificationGroups groups = new NotificationGroups();
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
    AlertView view;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @ConfigProperty(name = "waspada.notify.tick", defaultValue = "PT0.2S")
    Duration tick;

    public NotificationGroups groups() {
        return groups;
    }

    public void start() {
        ticker.scheduleWithFixedDelay(this::flush, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends what is due now; public so a test with a controlled clock can drive it. */
    public void flush() {
        try {
            groups.due(clock.instant()).forEach(this::send);
        } catch (RuntimeException e) {
            LOG.error("Sending notifications failed", e);
        }
    }

    private void send(Notification notification) {
        if (notification.taskForce().webhook().isPresent()) {
            List<String> alerts = notification.alerts().stream()
                    .map(a -> a.getAlertId() + ":" + a.getVersion()).toList();
            webhooks.send(notification.taskForce(), notification.id(), alerts, body(notification), () -> {
            });
        }
        if (notification.taskForce().email().isPresent()) {
            email.send(notification);
        }
    }

    private String body(Notification notification) {
        List<AlertJson> alerts = notification.alerts().stream().map(this::json).toList();
        try {
            return json.writeValueAsString(new WebhookPayload(notification.id(), notification.taskForce().id(),
                    notification.sequence(), notification.repeat(), notification.groupLabels(), clock.instant(), alerts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private AlertJson json(Alert alert) {
        // The task forces and status come from the view; the alert version is the one this notification carries.
        AlertState state = view.get(alert.getAlertId())
                .map(s -> new AlertState(alert, s.taskForces(), s.mutedBy(), s.status()))
                .orElseGet(() -> new AlertState(alert, List.of(), null, AlertState.OPEN));
        return AlertJson.of(state);
    }

    @PreDestroy
    void close() {
        ticker.shutdownNow();
    }
}
