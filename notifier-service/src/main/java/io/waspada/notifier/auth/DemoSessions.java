package io.waspada.notifier.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether the demo officers can sign in with a password here, and their {@link DemoSignIn}: only with
 * {@code waspada.auth.create-demo-officers=true} and the demo files present (read at start, after
 * {@link DemoOfficersProvisioner} may have created them). Production signs in at its identity provider instead.
 */
@ApplicationScoped
public class DemoSessions {

    private static final Logger LOG = Logger.getLogger(DemoSessions.class);

    private volatile Optional<DemoSignIn> signIn = Optional.empty();

    void onStart(@Observes @Priority(2) StartupEvent event,
            @ConfigProperty(name = "waspada.auth.create-demo-officers", defaultValue = "false") boolean demo,
            @ConfigProperty(name = "waspada.auth.demo-officers.dir") Optional<String> dir,
            @ConfigProperty(name = OfficerKeyConfigSourceFactory.LOCATION) String publicKey,
            @ConfigProperty(name = "waspada.auth.session-lifetime", defaultValue = "PT12H") Duration lifetime)
            throws Exception {
        Optional<Path> directory = dir.filter(d -> !d.isBlank()).map(Path::of).or(() -> besideFile(publicKey));
        if (!demo || directory.isEmpty()) {
            LOG.info("Password sign-in is off (no demo officers): officers sign in at the identity provider");
            return;
        }
        signIn = DemoSignIn.load(directory.get(), lifetime);
        signIn.ifPresentOrElse(
                s -> LOG.infof("Password sign-in for %d demo officers of %s", s.size(),
                        directory.get().toAbsolutePath()),
                () -> LOG.infof("Password sign-in is off: no officers.json and privateKey.pem in %s", directory.get()));
    }

    public Optional<DemoSignIn> signIn() {
        return signIn;
    }

    /** The directory of a key given as a file path ({@code file:} or plain); none for a URL or a classpath resource. */
    private Optional<Path> besideFile(String location) {
        boolean url = location.contains(":") && !location.startsWith("file:");
        if (url || getClass().getClassLoader().getResource(location) != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Path.of(location.replaceFirst("^file:", "")).toAbsolutePath().getParent());
    }
}
