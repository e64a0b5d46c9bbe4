package io.waspada.notifier.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.auth.WebSocketAuthentication;
import io.waspada.notifier.delivery.LiveFeed;
import io.waspada.notifier.delivery.ResumeCursor;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /ws/alerts}: streams the authenticated officer's {@link LiveFeed} as JSON text messages. Authentication is
 * done at the upgrade ({@link WebSocketAuthentication}); {@code ?since=alertId:version,...} resumes without gaps.
 * When the token expires the socket is closed with code 1008 and the reason {@value #EXPIRED}: the client signs in
 * again and resumes with {@code since}.
 */
@WebSocket(path = WebSocketAuthentication.PATH)
public class AlertSocket {

    static final String EXPIRED = SocketExpiry.EXPIRED;

    @Inject
    LiveFeed feed;
    @Inject
    ObjectMapper json;
    @Inject
    SocketExpiry expiry;

    @OnOpen
    public Multi<String> open(WebSocketConnection connection) {
        Officer officer = connection.userData().get(WebSocketAuthentication.OFFICER);
        expiry.closeAtExpiry(connection);
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
        expiry.closed(connection);
        feed.close(connection.id());
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
