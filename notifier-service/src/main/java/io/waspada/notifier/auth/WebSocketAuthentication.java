package io.waspada.notifier.auth;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Authenticates the WebSocket upgrade of {@code /ws/alerts}. Browsers cannot set headers on a WebSocket, so the
 * bearer token is taken from the {@code access_token} query parameter, or else the {@code Authorization: Bearer}
 * header (non-browser clients). No valid token: 401; a token without a task force: 403. The officer and the token's
 * expiry are handed to the connection as user data.
 */
@ApplicationScoped
public class WebSocketAuthentication implements HttpUpgradeCheck {

    public static final UserData.TypedKey<Officer> OFFICER = new UserData.TypedKey<>("waspada.officer");
    /** When the connection's token expires: the socket is closed then ({@code AlertSocket}). */
    public static final UserData.TypedKey<Instant> EXPIRES_AT = new UserData.TypedKey<>("waspada.token-expires-at");
    public static final String PATH = "/ws/alerts";

    @Inject
    OfficerTokens tokens;

    @Override
    public boolean appliesTo(String endpointId) {
        return true;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return tokens.verifyToken(token(context.httpRequest())).flatMap(verified -> {
            if (verified.isEmpty()) {
                return CheckResult.rejectUpgrade(401);
            }
            Officer officer = verified.get().officer();
            if (officer.taskForce() == null || officer.taskForce().isBlank()) {
                return CheckResult.rejectUpgrade(403);
            }
            context.userData().put(OFFICER, officer);
            context.userData().put(EXPIRES_AT, verified.get().expiresAt());
            return CheckResult.permitUpgrade();
        });
    }

    private static String token(HttpServerRequest request) {
        String query = request.getParam("access_token");
        if (query != null) {
            return query;
        }
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }
}
