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
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Builds the known agency codes ({@code waspada.agencies}) and the {@link AgencyAuthenticator} from
 * {@code waspada.auth.api-keys."AGENCY"=sha256hex}, the file {@code waspada.auth.api-keys-file}
 * ({@code WASPADA_AUTH_API_KEYS_FILE}) and {@code waspada.auth.jwt.*}. Bad auth configuration stops the start.
 */
@ApplicationScoped
public class AuthWiring {

    private static final Logger LOG = Logger.getLogger(AuthWiring.class);
    private static final String API_KEYS_PREFIX = "waspada.auth.api-keys.";

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
            @ConfigProperty(name = "waspada.auth.api-keys-file") Optional<String> apiKeysFile,
            @ConfigProperty(name = "waspada.auth.jwt.public-key") Optional<String> jwtKey,
            @ConfigProperty(name = "waspada.auth.jwt.public-key-location") Optional<String> jwtKeyLocation,
            @ConfigProperty(name = "waspada.auth.jwt.issuer") Optional<String> issuer,
            @ConfigProperty(name = "waspada.auth.jwt.audience") Optional<String> audience) {
        Map<String, String> hashes = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(API_KEYS_PREFIX)) {
                String agency = name.substring(API_KEYS_PREFIX.length()).replace("\"", "");
                config.getOptionalValue(name, String.class).ifPresent(hash -> hashes.put(agency, hash));
            }
        }
        apiKeysFile.filter(f -> !f.isBlank()).map(Path::of).ifPresent(file -> hashes.putAll(ApiKeys.readFile(file)));
        ApiKeys apiKeys = ApiKeys.of(hashes, agencies);
        JwtVerifier jwt = jwtKey.or(() -> jwtKeyLocation.map(AuthWiring::readKey))
                .map(pem -> new JwtVerifier(JwtVerifier.parsePublicKey(pem), issuer.orElseThrow(() ->
                        new IllegalStateException("waspada.auth.jwt.issuer is required with a JWT public key")),
                        audience.orElse(null), Clock.systemUTC()))
                .orElse(null);
        LOG.infof("Agency authentication: %d API key(s), JWT %s", apiKeys.size(),
                jwt == null ? "off" : "on (issuer " + issuer.get() + ")");
        if (apiKeys.size() == 0 && jwt == null) {
            LOG.warn("No API keys and no JWT issuer configured: every /api call will be refused (401). "
                    + "Set WASPADA_AUTH_API_KEYS_FILE or waspada.auth.jwt.*");
        }
        return new AgencyAuthenticator(apiKeys, jwt, agencies);
    }

    /** A file path, or a classpath resource when no such file exists. */
    static String readKey(String location) {
        try {
            Path path = Path.of(location);
            if (Files.exists(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (in == null) {
                    throw new IllegalStateException("JWT public key not found at " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
