package io.waspada.ingest.domain;

import io.waspada.ingest.privacy.Pseudonymiser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;

/** Provides the event and watchlist readers with the configured pseudonymiser, agency codes and the UTC clock. */
@ApplicationScoped
public class DomainWiring {

    @Produces
    @Singleton
    EventReader eventReader(Pseudonymiser pseudonymiser, @Named("agencies") Set<String> agencies) {
        return new EventReader(pseudonymiser, agencies, Clock.systemUTC());
    }

    @Produces
    @Singleton
    WatchlistReader watchlistReader(Pseudonymiser pseudonymiser) {
        return new WatchlistReader(pseudonymiser, Clock.systemUTC());
    }
}
