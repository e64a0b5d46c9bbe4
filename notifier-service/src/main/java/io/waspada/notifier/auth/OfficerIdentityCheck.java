package io.waspada.notifier.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start without a way to verify officers' tokens: an identity provider ({@code WASPADA_OIDC_SERVER_URL})
 * or a local public key ({@code WASPADA_JWT_PUBLIC_KEY}, made with demo officers by {@code ./waspada local} or by
 * {@link DemoOfficers}). Says which one is in use.
 */
@ApplicationScoped
public class OfficerIdentityCheck {

    private static final Logger LOG = Logger.getLogger(OfficerIdentityCheck.class);

    void onStart(@Observes @Priority(1) StartupEvent event,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> identityProvider,
            @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey,
            @ConfigProperty(name = OfficerKeyConfigSourceFactory.LOCATION) Optional<String> location,
            @ConfigProperty(name = "quarkus.oidc.console.tenant-enabled", defaultValue = "false") boolean console) {
        if (identityProvider.filter(url -> !url.isBlank()).isPresent()) {
            LOG.infof("Officer tokens: from the identity provider %s%s", identityProvider.get(),
                    console ? "; the console signs in there (authorization code flow)" : "");
            return;
        }
        if (publicKey.filter(key -> !key.isBlank()).isEmpty()) {
            throw new IllegalStateException("No way to verify officers' tokens: set WASPADA_OIDC_SERVER_URL to the "
                    + "officers' identity provider, or WASPADA_JWT_PUBLIC_KEY to its public key file (" + location
                    .map(l -> l + " does not exist; ").orElse("") + "./waspada local makes a demo one in "
                    + ".waspada/officers/)");
        }
        LOG.infof("Officer tokens: signed by the local key %s", location.orElse("(inline)"));
    }
}
