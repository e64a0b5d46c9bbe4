package io.waspada.notifier.delivery;

import io.smallrye.mutiny.Multi;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.view.AlertJson;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live alert stream of one officer: the open alerts of their task force that the cursor lacks (the backlog),
 * a {@code backlog-complete} marker, then every later version routed to the task force, in order, with no gap
 * (backlog and live subscription are taken under one lock of the {@link AlertView}). Live pushes are audited as
 * DELIVERED on the websocket channel.
 */
@ApplicationScoped
public class LiveFeed {

    public static final String CHANNEL = "websocket";

    @Inject
    AlertView view;
    @Inject
    LifecyclePublisher lifecycle;

    private final Map<String, AutoCloseable> open = new ConcurrentHashMap<>();

    /** The feed of one connection; {@link #close} it when the connection closes. */
    public Multi<FeedMessage> stream(String connectionId, Officer officer, ResumeCursor cursor) {
        return Multi.createFrom().emitter(emitter -> {
            AutoCloseable subscription = view.subscribe(officer.taskForce(), backlog -> {
                int count = 0;
                for (AlertState state : backlog) {
                    if (cursor.lacks(state)) {
                        emitter.emit(FeedMessage.alert(AlertJson.of(state)));
                        count++;
                    }
                }
                emitter.emit(FeedMessage.backlogComplete(count));
            }, state -> {
                emitter.emit(FeedMessage.alert(AlertJson.of(state)));
                lifecycle.publish(state.alertId(), state.version(), LifecycleAction.DELIVERED, officer.username(),
                        officer.taskForce(), CHANNEL, null, Map.of());
            });
            open.put(connectionId, () -> {
                subscription.close();
                emitter.complete();
            });
            emitter.onTermination(() -> close(connectionId));
        });
    }

    /** Stops the feed of a connection: no more live updates are queued for it. */
    public void close(String connectionId) {
        AutoCloseable subscription = open.remove(connectionId);
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** How many connections are being fed. */
    public int connections() {
        return open.size();
    }
}
