package io.waspada.notifier.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.auth.WebSocketAuthentication;
import io.waspada.notifier.delivery.LiveFeed;
import io.waspada.notifier.delivery.ResumeCursor;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /ws/alerts}: streams the authenticated officer's {@link LiveFeed} as JSON text messages. Authentication is
 * done at the upgrade ({@link WebSocketAuthentication}); {@code ?since=alertId:version,...} resumes without gaps.
 * When the token expires the socket is closed with code 1008 and the reason {@value #EXPIRED}: the client signs in
 * again and resumes with {@code since}.
 */
@WebSocket(path = WebSocketAuthentication.PATH)
public class AlertSocket {

    static final String EXPIRED = "token expired: sign in again";
    /** Policy violation (RFC 6455): the credential no longer holds. */
    static final int POLICY_VIOLATION = 1008;

    @Inject
    LiveFeed feed;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;

    private final Map<String, Long> expiryTimers = new ConcurrentHashMap<>();

    @OnOpen
    public Multi<String> open(WebSocketConnection connection) {
        Officer officer = connection.userData().get(WebSocketAuthentication.OFFICER);
        closeAtExpiry(connection);
        ResumeCursor cursor;
        try {
            cursor = ResumeCursor.parse(queryParam(connection.handshakeRequest().query(), "since"));
        } catch (IllegalArgumentException e) {
            return Multi.createFrom().item("{\"type\":\"error\",\"detail\":" + quote(e.getMessage()) + "}");
        }
        return feed.stream(connection.id(), officer, cursor);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Long timer = expiryTimers.remove(connection.id());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        feed.close(connection.id());
    }

    private void closeAtExpiry(WebSocketConnection connection) {
        Instant expiresAt = connection.userData().get(WebSocketAuthentication.EXPIRES_AT);
        if (expiresAt == null) {
            return;
        }
        // The system clock, as the token's verification used (not the service's Clock, which tests move).
        long delay = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
        expiryTimers.put(connection.id(), vertx.setTimer(delay, id -> {
            expiryTimers.remove(connection.id());
            connection.close(new CloseReason(POLICY_VIOLATION, EXPIRED)).subscribe().with(done -> { }, failure -> { });
        }));
    }

    private String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
