package io.waspada.notifier.auth;

import io.quarkus.runtime.StartupEvent;
import io.waspada.notifier.routing.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * At start, when the officer-token public key ({@code mp.jwt.verify.publickey.location}) is a file that does not
 * exist: with {@code waspada.auth.create-demo-officers=true} (the local platform's default) writes a key pair and
 * demo officers there ({@link DemoOfficers}); otherwise stops the start, since no officer could authenticate.
 */
@ApplicationScoped
public class DemoOfficersProvisioner {

    private static final Logger LOG = Logger.getLogger(DemoOfficersProvisioner.class);

    void onStart(@Observes @Priority(1) StartupEvent event, Router router,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") String location,
            @ConfigProperty(name = "waspada.auth.create-demo-officers", defaultValue = "false") boolean create)
            throws Exception {
        if (location.contains(":") && !location.startsWith("file:")
                || getClass().getClassLoader().getResource(location) != null) {
            return;
        }
        Path key = Path.of(location.replaceFirst("^file:", ""));
        if (Files.exists(key)) {
            return;
        }
        if (!create) {
            throw new IllegalStateException("Officer token public key " + key.toAbsolutePath() + " does not exist: set "
                    + "WASPADA_JWT_PUBLIC_KEY, or waspada.auth.create-demo-officers=true for a local demo");
        }
        Path dir = key.toAbsolutePath().getParent();
        DemoOfficers.write(dir, router.config());
        if (!Files.exists(key)) {
            Files.copy(dir.resolve("publicKey.pem"), key);
        }
        LOG.warnf("No officer key at %s: created a demo key pair and demo officers in %s/officers.json", key, dir);
    }
}
