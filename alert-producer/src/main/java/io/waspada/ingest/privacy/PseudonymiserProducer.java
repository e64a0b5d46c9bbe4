package io.waspada.ingest.privacy;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the {@link Pseudonymiser} from {@code waspada.pseudonymisation.key} (base64, at least 32 bytes) and
 * {@code waspada.pseudonymisation.key-id}. There is no default outside %dev/%test: without a key the service
 * does not start.
 */
@ApplicationScoped
public class PseudonymiserProducer {

    // Built at start, so a missing or short key stops the service before it accepts anything.
    @Produces
    @Singleton
    @Startup
    Pseudonymiser pseudonymiser(@ConfigProperty(name = "waspada.pseudonymisation.key") String key,
            @ConfigProperty(name = "waspada.pseudonymisation.key-id") String keyId) {
        return Pseudonymiser.fromBase64(key, keyId);
    }
}
