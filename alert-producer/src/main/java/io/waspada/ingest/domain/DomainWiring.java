package io.waspada.ingest.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.waspada.ingest.privacy.Pseudonymiser;
import io.waspada.privacy.FreeTextScrubber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;

/** Provides the event and watchlist readers with the configured pseudonymiser, agency codes and the UTC clock. */
@ApplicationScoped
public class DomainWiring {

    /**
     * Masks identifier-shaped values in free text before it reaches Kafka, counting each in
     * {@code waspada_free_text_masked_total{field, kind}}.
     */
    @Produces
    @Singleton
    FreeTextScrubber freeTextScrubber(MeterRegistry registry) {
        return new FreeTextScrubber((field, kind) -> registry.counter("waspada.free.text.masked", "field", field,
                "kind", kind).increment());
    }

    @Produces
    @Singleton
    EventReader eventReader(Pseudonymiser pseudonymiser, @Named("agencies") Set<String> agencies,
            FreeTextScrubber freeText) {
        return new EventReader(pseudonymiser, agencies, Clock.systemUTC(), freeText);
    }

    @Produces
    @Singleton
    WatchlistReader watchlistReader(Pseudonymiser pseudonymiser, FreeTextScrubber freeText) {
        return new WatchlistReader(pseudonymiser, Clock.systemUTC(), freeText);
    }
}
