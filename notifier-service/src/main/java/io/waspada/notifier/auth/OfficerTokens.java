package io.waspada.notifier.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies an officer's bearer token where no HTTP authentication runs (the WebSocket upgrade, whose token comes in
 * the query): with quarkus-oidc's default tenant, so exactly as every officer endpoint does it (the identity
 * provider's keys or the local key, issuer, audience, expiry), and reads the officer from its claims.
 */
@ApplicationScoped
public class OfficerTokens {

    public static final String TASK_FORCE_CLAIM = "taskForce";

    @Inject
    TenantIdentityProvider identities;

    /** A verified token: who it names and when it stops being valid. */
    public record Verified(Officer officer, Instant expiresAt) {
    }

    /** The verified officer, or empty when the token is missing or invalid. */
    public Uni<Optional<Verified>> verifyToken(String token) {
        if (token == null || token.isBlank() || token.length() > 16_384) {
            return Uni.createFrom().item(Optional.empty());
        }
        return identities.authenticate(new AccessTokenCredential(token))
                .map(OfficerTokens::verified)
                .onFailure().recoverWithItem(Optional.empty());
    }

    private static Optional<Verified> verified(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object taskForce = jwt.getClaim(TASK_FORCE_CLAIM);
        String name = taskForce == null ? null : taskForce.toString().replaceAll("^\"|\"$", "");
        return Optional.of(new Verified(new Officer(jwt.getName(), name, identity.getRoles()),
                Instant.ofEpochSecond(jwt.getExpirationTime())));
    }
}
