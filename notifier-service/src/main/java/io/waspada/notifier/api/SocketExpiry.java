package io.waspada.notifier.api;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.waspada.notifier.auth.WebSocketAuthentication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes an officer's WebSocket when the token it was opened with expires, with code 1008 and the reason
 * {@value #EXPIRED}: a socket is never a way past the token's lifetime. Every officer socket uses it.
 */
@ApplicationScoped
public class SocketExpiry {

    static final String EXPIRED = "token expired: sign in again";
    /** Policy violation (RFC 6455): the credential no longer holds. */
    static final int POLICY_VIOLATION = 1008;

    @Inject
    Vertx vertx;

    private final Map<String, Long> timers = new ConcurrentHashMap<>();

    /** Closes {@code connection} at its token's expiry (taken at the upgrade). */
    public void closeAtExpiry(WebSocketConnection connection) {
        Instant expiresAt = connection.userData().get(WebSocketAuthentication.EXPIRES_AT);
        if (expiresAt == null) {
            return;
        }
        // The system clock, as the token's verification used (not the service's Clock, which tests move).
        long delay = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
        timers.put(connection.id(), vertx.setTimer(delay, id -> {
            timers.remove(connection.id());
            connection.close(new CloseReason(POLICY_VIOLATION, EXPIRED)).subscribe().with(done -> { }, failure -> { });
        }));
    }

    /** Forgets a closed connection's timer. */
    public void closed(WebSocketConnection connection) {
        Long timer = timers.remove(connection.id());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
