package io.waspada.notifier.kafka;

import io.quarkus.runtime.StartupEvent;
import io.waspada.notifier.delivery.DeadLetterLog;
import io.waspada.notifier.delivery.NotificationSender;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.officers.Escalator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.waspada.notifier.routing.Router;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Starts the notifier in dependency order: silences, dead letters and the audit trail are read from their topics
 * first (so no alert is delivered past a silence the service merely has not read yet), then the alert intake and the
 * paging ticker; once the view is rebuilt, escalation and retention start. Pages a previous owner (run or instance)
 * left unsettled are resumed as the intake takes partitions.
 */
@ApplicationScoped
public class NotifierStartup {

    private static final Logger LOG = Logger.getLogger(NotifierStartup.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    void onStart(@Observes StartupEvent event, Router router, SilenceLog silences, DeadLetterLog deadLetters,
            AlertIntake intake, NotificationSender sender, PageRecovery recovery, AuditTrail trail,
            Escalator escalator, io.waspada.notifier.view.AlertRetention retention,
            io.waspada.notifier.officers.StatusFollower follower) throws Exception {
        // The router is built (and the routing file validated) first: a bad file stops the start here.
        LOG.infof("Routing tree ready: %d task forces", router.config().taskForces().size());
        silences.start(CATCH_UP);
        deadLetters.start(CATCH_UP);
        // Officer statuses (acks, resolutions) come from the audit trail before any new version can re-open one; its
        // store is brought up to date from the topic (only what was written since its checkpoint, on a restart).
        trail.start(CATCH_UP);
        // From here on, what other instances' officers and escalations do reaches this one's consoles and groups.
        follower.start();
        intake.start();
        sender.start();
        Thread resume = new Thread(() -> {
            try {
                if (intake.awaitReplayed(Duration.ofMinutes(30))) {
                    // Unsettled pages are resumed by the intake as partitions are taken (PageRecovery).
                    escalator.start();
                    retention.start();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "page-recovery");
        resume.setDaemon(true);
        resume.start();
    }
}
