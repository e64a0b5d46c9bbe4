package io.waspada.notifier.view;

import io.waspada.notifier.officers.AuditTrail;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps memory bounded by the work in hand: an alert resolved longer ago than {@code waspada.notifier.resolved-retention}
 * leaves the view and the audit trail's statuses (it stays readable by id, from the {@link AlertArchive}); on start
 * such alerts never enter them. Checked every {@code waspada.notifier.retention-check}.
 */
@ApplicationScoped
public class AlertRetention {

    private static final Logger LOG = Logger.getLogger(AlertRetention.class);

    @Inject
    AlertView view;
    @Inject
    AuditTrail trail;
    @Inject
    Clock clock;
    @ConfigProperty(name = "waspada.notifier.resolved-retention", defaultValue = "P1D")
    Duration retention;
    @ConfigProperty(name = "waspada.notifier.retention-check", defaultValue = "PT1M")
    Duration every;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "alert-retention");
        thread.setDaemon(true);
        return thread;
    });

    /** Whether the alert was resolved before the retention began: it stays out of memory. */
    public boolean archived(String alertId) {
        return trail.resolvedAt(alertId).map(at -> at.isBefore(cutoff())).orElse(false);
    }

    public void start() {
        ticker.scheduleWithFixedDelay(() -> {
            try {
                releaseExpired();
            } catch (RuntimeException e) {
                LOG.error("Retention check failed", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets go of every alert resolved before the retention began; how many left memory. */
    public int releaseExpired() {
        int released = 0;
        for (AlertState state : view.all()) {
            if (!state.active() && archived(state.alertId()) && view.release(state.alertId())) {
                released++;
            }
        }
        trail.forget(view::holds);
        if (released > 0) {
            LOG.infof("%d resolved alerts left memory (resolved over %s ago); %d alerts in memory", released,
                    retention, view.size());
        }
        return released;
    }

    private Instant cutoff() {
        return clock.instant().minus(retention);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
