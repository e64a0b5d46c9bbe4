package io.waspada.notifier.config;

import io.waspada.notifier.routing.SilenceRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The silence rules from {@code waspada.silences.max-duration} and {@code waspada.silences.identifying-labels}. */
@ApplicationScoped
public class SilenceRulesProducer {

    @Produces
    @Singleton
    SilenceRules rules(@ConfigProperty(name = "waspada.silences.max-duration", defaultValue = "P7D") Duration max,
            @ConfigProperty(name = "waspada.silences.identifying-labels", defaultValue = "subject") List<String> labels) {
        if (max.isNegative() || max.isZero()) {
            throw new IllegalStateException("waspada.silences.max-duration must be positive");
        }
        return new SilenceRules(max, Set.copyOf(labels));
    }
}
