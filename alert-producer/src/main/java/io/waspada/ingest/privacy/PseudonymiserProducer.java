package io.waspada.ingest.privacy;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Builds the {@link Pseudonymiser} from {@code waspada.pseudonymisation.key} (base64, at least 32 bytes) and
 * {@code waspada.pseudonymisation.key-id}. There is no default outside %dev/%test: without a key the service
 * does not start. During a key rotation, {@code previous-key}, {@code previous-key-id} and {@code previous-until}
 * (an ISO-8601 instant, the end of the overlap) name the key being replaced; all three or none.
 */
@ApplicationScoped
public class PseudonymiserProducer {

    private static final Logger LOG = Logger.getLogger(PseudonymiserProducer.class);

    // Built at start, so a missing or short key stops the service before it accepts anything.
    @Produces
    @Singleton
    @Startup
    Pseudonymiser pseudonymiser(@ConfigProperty(name = "waspada.pseudonymisation.key") String key,
            @ConfigProperty(name = "waspada.pseudonymisation.key-id") String keyId,
            @ConfigProperty(name = "waspada.pseudonymisation.previous-key") Optional<String> previousKey,
            @ConfigProperty(name = "waspada.pseudonymisation.previous-key-id") Optional<String> previousKeyId,
            @ConfigProperty(name = "waspada.pseudonymisation.previous-until") Optional<String> previousUntil) {
        Pseudonymiser current = Pseudonymiser.fromBase64(key, keyId);
        return rotation(current, previousKey, previousKeyId, previousUntil, Clock.systemUTC());
    }

    static Pseudonymiser rotation(Pseudonymiser current, Optional<String> previousKey, Optional<String> previousKeyId,
            Optional<String> previousUntil, Clock clock) {
        Optional<String> key = previousKey.filter(value -> !value.isBlank());
        Optional<String> id = previousKeyId.filter(value -> !value.isBlank());
        Optional<String> until = previousUntil.filter(value -> !value.isBlank());
        if (key.isEmpty() && id.isEmpty() && until.isEmpty()) {
            return current;
        }
        if (key.isEmpty() || id.isEmpty() || until.isEmpty()) {
            List<String> missing = new ArrayList<>();
            key.ifPresentOrElse(value -> { }, () -> missing.add("previous-key"));
            id.ifPresentOrElse(value -> { }, () -> missing.add("previous-key-id"));
            until.ifPresentOrElse(value -> { }, () -> missing.add("previous-until"));
            throw new IllegalArgumentException("A key rotation needs all three of waspada.pseudonymisation."
                    + "previous-key, previous-key-id and previous-until (missing: " + String.join(", ", missing) + ")");
        }
        Instant end;
        try {
            end = Instant.parse(until.get().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("waspada.pseudonymisation.previous-until must be an ISO-8601 instant "
                    + "such as 2027-03-01T00:00:00Z, not '" + until.get() + "'");
        }
        Pseudonymiser rotated = current.rotatedFrom(Pseudonymiser.fromBase64(key.get(), id.get()), end, clock);
        if (clock.instant().isBefore(end)) {
            LOG.infof("Pseudonymisation key %s replaces %s: identifiers carry both tokens until %s", current.keyId(),
                    id.get(), end);
        } else {
            LOG.warnf("The overlap of pseudonymisation key %s with %s ended at %s: the previous key is no longer "
                    + "used; remove it from the configuration", current.keyId(), id.get(), end);
        }
        return rotated;
    }
}
