package io.waspada.ingest.auth;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Builds the known agency codes ({@code waspada.agencies}) and the {@link AgencyAuthenticator}: API keys from
 * {@code waspada.auth.api-keys."AGENCY"=sha256hex[,sha256hex]} and the file {@code waspada.auth.api-keys-file}
 * ({@code WASPADA_AUTH_API_KEYS_FILE}); identity providers from {@code waspada.auth.issuers."NAME".*}
 * ({@code issuer}, {@code keys}, {@code audience}, {@code agencies}, {@code refresh-minutes},
 * {@code forced-refresh-minutes}) and the single-provider form {@code waspada.auth.jwt.*}. Bad auth configuration
 * stops the start with a message naming the setting.
 */
@ApplicationScoped
public class AuthWiring {

    private static final Logger LOG = Logger.getLogger(AuthWiring.class);
    private static final String API_KEYS_PREFIX = "waspada.auth.api-keys.";
    private static final String ISSUERS_PREFIX = "waspada.auth.issuers.";
    private static final String DEFAULT_AUDIENCE = "waspada-ingest";

    @Produces
    @Singleton
    @Named("agencies")
    Set<String> agencies(@ConfigProperty(name = "waspada.agencies") List<String> agencies) {
        return Set.copyOf(agencies);
    }

    @Produces
    @Singleton
    @Startup
    AgencyAuthenticator authenticator(Config config, @Named("agencies") Set<String> agencies,
            @ConfigProperty(name = "waspada.auth.api-keys-file") Optional<String> apiKeysFile) {
        Map<String, List<String>> hashes = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(API_KEYS_PREFIX)) {
                String agency = name.substring(API_KEYS_PREFIX.length()).replace("\"", "");
                config.getOptionalValue(name, String.class).ifPresent(value -> {
                    for (String hash : value.split(",")) {
                        hashes.computeIfAbsent(agency, a -> new ArrayList<>()).add(hash.strip());
                    }
                });
            }
        }
        apiKeysFile.filter(f -> !f.isBlank()).map(Path::of).ifPresent(file -> ApiKeys.readFile(file)
                .forEach((agency, list) -> hashes.computeIfAbsent(agency, a -> new ArrayList<>()).addAll(list)));
        ApiKeys apiKeys = ApiKeys.ofLists(hashes, agencies);
        List<TrustedIssuer> issuers = issuers(config, agencies);
        AgencyTokens tokens = new AgencyTokens(issuers);
        LOG.infof("Agency authentication: %d API key(s) for %d agencies, %d identity provider(s)%s", apiKeys.size(),
                apiKeys.agencies(), issuers.size(), issuers.isEmpty() ? "" : " " + issuers.stream()
                        .map(i -> i.name() + " (" + i.issuer() + ")").toList());
        if (apiKeys.size() == 0 && issuers.isEmpty()) {
            LOG.warn("No API keys and no identity provider configured: every /api call will be refused (401). "
                    + "Set WASPADA_AUTH_API_KEYS_FILE or waspada.auth.issuers.*");
        }
        return new AgencyAuthenticator(apiKeys, tokens, agencies);
    }

    /** The configured identity providers, each checked: agencies it may speak for must be known ones. */
    static List<TrustedIssuer> issuers(Config config, Set<String> agencies) {
        Set<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(ISSUERS_PREFIX)) {
                String rest = property.substring(ISSUERS_PREFIX.length());
                int dot = rest.lastIndexOf('.');
                if (dot > 0) {
                    names.add(rest.substring(0, dot).replace("\"", ""));
                }
            }
        }
        List<TrustedIssuer> issuers = new ArrayList<>();
        for (String name : names) {
            String prefix = ISSUERS_PREFIX + "\"" + name + "\".";
            issuers.add(new TrustedIssuer(name, value(config, prefix, "issuer").orElse(null),
                    value(config, prefix, "keys").map(AuthWiring::keys).orElse(null),
                    value(config, prefix, "audience").orElse(DEFAULT_AUDIENCE),
                    agencies(name, value(config, prefix, "agencies").orElse(""), agencies),
                    value(config, prefix, "refresh-minutes").map(Integer::parseInt).orElse(10),
                    value(config, prefix, "forced-refresh-minutes").map(Integer::parseInt).orElse(1)));
        }
        // The single-provider form of earlier releases: speaks for every agency.
        Optional<String> legacyKey = config.getOptionalValue("waspada.auth.jwt.public-key", String.class)
                .or(() -> config.getOptionalValue("waspada.auth.jwt.public-key-location", String.class)
                        .map(AuthWiring::keys));
        legacyKey.ifPresent(key -> {
            Optional<String> audience = config.getOptionalValue("waspada.auth.jwt.audience", String.class);
            if (audience.isEmpty()) {
                LOG.warn("waspada.auth.jwt.* without an audience: tokens are not checked for one, as before. Set "
                        + "waspada.auth.jwt.audience, or move to waspada.auth.issuers.\"NAME\".* (audience required)");
            }
            issuers.add(new TrustedIssuer("default", config.getOptionalValue("waspada.auth.jwt.issuer", String.class)
                    .orElseThrow(() -> new IllegalStateException("waspada.auth.jwt.issuer is required with a JWT "
                            + "public key")), key, audience.orElse(null), agencies, 10, 1));
        });
        return issuers;
    }

    private static Optional<String> value(Config config, String prefix, String key) {
        return config.getOptionalValue(prefix + key, String.class)
                .or(() -> config.getOptionalValue(prefix.replace("\"", "") + key, String.class))
                .filter(v -> !v.isBlank());
    }

    private static Set<String> agencies(String issuer, String list, Set<String> known) {
        if (list.strip().equals("*")) {
            return known;
        }
        Set<String> agencies = new LinkedHashSet<>();
        for (String agency : list.split(",")) {
            String code = agency.strip();
            if (code.isEmpty()) {
                continue;
            }
            if (!known.contains(code)) {
                throw new IllegalArgumentException("identity provider " + issuer + " names unknown agency " + code
                        + " (waspada.auth.issuers.\"" + issuer + "\".agencies)");
            }
            agencies.add(code);
        }
        return agencies;
    }

    /** A JWKS URL as it is; otherwise the content of the file or classpath resource it names. */
    static String keys(String location) {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            return location;
        }
        try {
            Path path = Path.of(location.replaceFirst("^file:", ""));
            if (Files.exists(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(location.replaceFirst("^classpath:", ""))) {
                if (in == null) {
                    throw new IllegalStateException("identity provider keys not found at " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
