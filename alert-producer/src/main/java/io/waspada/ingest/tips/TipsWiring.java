package io.waspada.ingest.tips;

import io.waspada.ingest.auth.ApiKeys;
import io.waspada.ingest.domain.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Civil-society tips' settings (#18): the registered organisations ({@code waspada.tips.organisations}, codes that
 * must not be agency codes), their keys ({@code waspada.tips.keys."ORG"=sha256hex[,sha256hex]} and/or the file
 * {@code waspada.tips.keys-file} of {@code ORG=sha256hex} lines, env {@code WASPADA_TIPS_KEYS_FILE}) and the rate
 * limit per organisation ({@code waspada.tips.rate.per-minute}, {@code waspada.tips.rate.burst}). Bad settings stop
 * the start with a message naming them.
 */
@ApplicationScoped
public class TipsWiring {

    private static final Logger LOG = Logger.getLogger(TipsWiring.class);
    private static final String KEYS_PREFIX = "waspada.tips.keys.";

    @Produces
    @Singleton
    OrganisationAuthenticator organisations(Config config, @Named("agencies") Set<String> agencies,
            @ConfigProperty(name = "waspada.tips.organisations") Optional<List<String>> listed,
            @ConfigProperty(name = "waspada.tips.keys-file") Optional<String> keysFile) {
        Set<String> organisations = new LinkedHashSet<>();
        for (String code : listed.orElse(List.of())) {
            String organisation = code.strip();
            if (organisation.isEmpty()) {
                continue;
            }
            if (agencies.contains(organisation)) {
                throw new IllegalArgumentException("waspada.tips.organisations: " + organisation
                        + " is an agency code; an organisation needs a code of its own");
            }
            if (!organisation.matches("[A-Z][A-Z0-9_]{1,31}")) {
                throw new IllegalArgumentException("waspada.tips.organisations: " + organisation
                        + " is not a code (A-Z, 0-9, _; at most 32)");
            }
            organisations.add(organisation);
        }
        Map<String, List<String>> hashes = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(KEYS_PREFIX)) {
                String organisation = name.substring(KEYS_PREFIX.length()).replace("\"", "");
                config.getOptionalValue(name, String.class).ifPresent(value -> {
                    for (String hash : value.split(",")) {
                        hashes.computeIfAbsent(organisation, o -> new ArrayList<>()).add(hash.strip());
                    }
                });
            }
        }
        keysFile.filter(f -> !f.isBlank()).map(Path::of).ifPresent(file -> ApiKeys.readFile(file)
                .forEach((org, list) -> hashes.computeIfAbsent(org, o -> new ArrayList<>()).addAll(list)));
        ApiKeys keys = ApiKeys.ofLists(hashes, organisations);
        LOG.infof("Civil-society tips: %d organisation(s), %d with a key", organisations.size(), keys.agencies());
        return new OrganisationAuthenticator(keys, organisations);
    }

    @Produces
    @Singleton
    TipRateLimit rateLimit(@ConfigProperty(name = "waspada.tips.rate.per-minute", defaultValue = "30") int perMinute,
            @ConfigProperty(name = "waspada.tips.rate.burst", defaultValue = "10") int burst) {
        return new TipRateLimit(perMinute, burst, Clock.systemUTC());
    }

    @Produces
    @Singleton
    TipReader tipReader(EventReader events) {
        return new TipReader(events);
    }
}
