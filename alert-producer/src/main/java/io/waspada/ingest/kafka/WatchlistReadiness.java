package io.waspada.ingest.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the watchlist view has read the compacted topic to its end, since ownership checks depend on it.
 * Right after a start the check waits a few seconds for that instead of flapping.
 */
@Readiness
@ApplicationScoped
public class WatchlistReadiness implements HealthCheck {

    private static final Duration START_WAIT = Duration.ofSeconds(5);

    @Inject
    WatchlistView view;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("watchlist view loaded").status(view.awaitCaughtUp(START_WAIT))
                .withData("tip.watchlist.v1", view.describe()).build();
    }
}
