package io.waspada.correlation.api;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start when the officers' token key ({@code mp.jwt.verify.publickey.location}) is a file that does not
 * exist, with a message saying what to set, instead of a service that answers every query 401 for a reason nobody
 * sees. A URL (a JWKS endpoint) or a classpath resource is taken as given.
 */
@Startup
@ApplicationScoped
public class OfficerKeyCheck {

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String location;

    @PostConstruct
    void check() {
        if (location.contains(":") && !location.startsWith("file:")
                || getClass().getClassLoader().getResource(location) != null) {
            return;
        }
        Path key = Path.of(location.replaceFirst("^file:", ""));
        if (!Files.isRegularFile(key)) {
            throw new IllegalStateException("Officer token key " + key.toAbsolutePath() + " does not exist: set "
                    + "WASPADA_JWT_PUBLIC_KEY to the officers' identity provider's public key or JWKS "
                    + "(./waspada local makes a demo one in .waspada/officers/)");
        }
    }
}
