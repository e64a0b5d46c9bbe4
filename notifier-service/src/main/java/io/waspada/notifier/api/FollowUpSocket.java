package io.waspada.notifier.api;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.auth.WebSocketAuthentication;
import io.waspada.notifier.followup.FollowUpFeed;
import jakarta.inject.Inject;

/**
 * {@code /ws/follow-ups}: the changes of follow-up requests (asked, answered, declined, overdue) about alerts the
 * authenticated officer's task force asked (or had escalated to it), as JSON text messages; authenticated at the
 * upgrade and closed at the token's expiry like {@code /ws/alerts}.
 */
@WebSocket(path = "/ws/follow-ups")
public class FollowUpSocket {

    @Inject
    FollowUpFeed feed;
    @Inject
    SocketExpiry expiry;

    @OnOpen
    public Multi<String> open(WebSocketConnection connection) {
        Officer officer = connection.userData().get(WebSocketAuthentication.OFFICER);
        expiry.closeAtExpiry(connection);
        return Multi.createFrom().emitter(emitter -> {
            feed.subscribe(connection.id(), officer, emitter::emit);
            emitter.onTermination(() -> feed.unsubscribe(connection.id()));
        });
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        expiry.closed(connection);
        feed.unsubscribe(connection.id());
    }
}
