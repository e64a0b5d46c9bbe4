package io.waspada.notifier.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Officers' tokens signed by a local key (./waspada local's demo officers, tests) rather than by an identity provider:
 * when no {@code quarkus.oidc.auth-server-url} is set, reads the PEM public key named by
 * {@code waspada.officers.public-key-location} ({@code WASPADA_JWT_PUBLIC_KEY}; a file, else a classpath resource)
 * and gives quarkus-oidc its content as {@code quarkus.oidc.public-key}, with the issuer {@code waspada}
 * ({@code WASPADA_JWT_ISSUER}). Below application.properties, so explicit settings win. No key, no source: the start
 * then fails in {@link OfficerIdentityCheck} saying what to set.
 */
public class OfficerKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String LOCATION = "waspada.officers.public-key-location";
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue("quarkus.oidc.auth-server-url"))) {
            return List.of();
        }
        ConfigValue location = context.getValue(LOCATION);
        if (!isSet(location)) {
            return List.of();
        }
        String pem = read(location.getValue());
        if (pem == null) {
            return List.of();
        }
        ConfigValue issuer = context.getValue("waspada.officers.issuer");
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.oidc.public-key", pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""),
                "quarkus.oidc.token.issuer", isSet(issuer) ? issuer.getValue() : "waspada"),
                "waspada-officer-key[" + location.getValue() + "]", ORDINAL));
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    /** The file's content, else the classpath resource's, else null. */
    static String read(String location) {
        try {
            Path file = Path.of(location.replaceFirst("^file:", ""));
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(location.replaceFirst("^classpath:", ""))) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
