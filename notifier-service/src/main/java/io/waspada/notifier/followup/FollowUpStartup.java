package io.waspada.notifier.followup;

import io.quarkus.runtime.StartupEvent;
import io.waspada.notifier.kafka.PartitionOwnership;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts follow-up requests after the notifier itself: their state is read from its topic first (so a restart keeps
 * every request and deadline), then the agencies' replies are read (checked once for the service, and held by every
 * instance until applied), and the deadline ticker applies the replies held for alerts this instance owns now,
 * rewrites requests a stale write damaged, and reminds and escalates due requests (each only by the instance that owns
 * its alert).
 */
@ApplicationScoped
public class FollowUpStartup {

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "follow-up-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    FollowUpLog log;
    @Inject
    FollowUpAnswerIntake answers;
    @Inject
    FollowUps followUps;
    @Inject
    FollowUpSettings settings;
    @Inject
    PartitionOwnership ownership;
    @Inject
    FollowUpFeed feed;
    @Inject
    FollowUpReplies replies;
    @Inject
    FollowUpRetention retention;

    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 900) StartupEvent event)
            throws InterruptedException {
        // Every instance pushes every change to its own consoles, as it reads it back from the topic.
        log.start(Duration.ofSeconds(60), request -> {
            try {
                feed.changed(request);
            } catch (RuntimeException e) {
                // A console missing one push reloads on the next; the requests' reader must go on.
                org.jboss.logging.Logger.getLogger(FollowUpStartup.class).warnf(e, "Follow-up %s not pushed live",
                        request.requestId());
            }
        });
        answers.start();
        replies.start(Duration.ofSeconds(60));
        ticker.scheduleWithFixedDelay(this::tick, settings.tick().toMillis(), settings.tick().toMillis(),
                TimeUnit.MILLISECONDS);
        // Forgetting requests is a write too: on the alert's owner, each under the lock every other write takes.
        ticker.scheduleWithFixedDelay(this::expire, 0, 60, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            replies.retry();
            followUps.remindDue(ownership::owns);
        } catch (RuntimeException e) {
            // The ticker must go on: what failed is tried again at the next tick.
            org.jboss.logging.Logger.getLogger(FollowUpStartup.class).error("Follow-up tick failed", e);
        }
    }

    private void expire() {
        try {
            retention.expireDue(ownership::owns); // each request under the lock every request write takes
        } catch (RuntimeException e) {
            org.jboss.logging.Logger.getLogger(FollowUpStartup.class).error("Follow-up retention check failed", e);
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
