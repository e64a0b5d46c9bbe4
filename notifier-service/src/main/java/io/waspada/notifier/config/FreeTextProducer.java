package io.waspada.notifier.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.waspada.privacy.FreeTextScrubber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The notifier's one free-text scrubber (officers' ack/resolve comments, silence comments), counting what it masks in
 * {@code waspada_free_text_masked_total{field, kind}} as the ingest API does.
 */
@ApplicationScoped
public class FreeTextProducer {

    @Produces
    @Singleton
    FreeTextScrubber scrubber(MeterRegistry registry) {
        return new FreeTextScrubber((field, kind) -> registry.counter("waspada.free.text.masked", "field", field,
                "kind", kind).increment());
    }
}
