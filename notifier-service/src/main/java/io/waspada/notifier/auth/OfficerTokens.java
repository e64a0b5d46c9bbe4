package io.waspada.notifier.auth;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies an officer's bearer token (signature against {@code mp.jwt.verify.publickey.location}, issuer
 * {@code waspada}, audience {@code mp.jwt.verify.audiences}, expiry) and reads the officer from its claims. Empty when the token is missing or invalid.
 */
@ApplicationScoped
public class OfficerTokens {

    public static final String TASK_FORCE_CLAIM = "taskForce";

    @Inject
    JWTParser parser;

    /** A verified token: who it names and when it stops being valid. */
    public record Verified(Officer officer, Instant expiresAt) {
    }

    public Optional<Officer> verify(String token) {
        return verifyToken(token).map(Verified::officer);
    }

    public Optional<Verified> verifyToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            String taskForce = jwt.getClaim(TASK_FORCE_CLAIM);
            Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
            return Optional.of(new Verified(new Officer(jwt.getName(), taskForce, groups),
                    Instant.ofEpochSecond(jwt.getExpirationTime())));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
