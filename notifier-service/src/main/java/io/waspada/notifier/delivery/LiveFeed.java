package io.waspada.notifier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.routing.Projection;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.notifier.view.AlertJson;
import io.waspada.notifier.view.AlertListener;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live alert stream of one officer, as JSON text messages: the alerts of their task force that the cursor lacks
 * (the backlog: open ones, and any whose version or officers' status changed since the client saw it),
 * a {@code backlog-complete} marker, then every later version and status change routed to the task force, in order, with no gap
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
    @Inject
    ObjectMapper json;
    @Inject
    io.waspada.notifier.tracing.NotifierTraces traces;
    @Inject
    Router router;

    private volatile Rendered lastLive;

    private final Map<String, AutoCloseable> open = new ConcurrentHashMap<>();

    /** The feed of one connection; {@link #close} it when the connection closes. */
    public Multi<String> stream(String connectionId, Officer officer, ResumeCursor cursor) {
        Projection projection = router.config().taskForce(officer.taskForce()).map(TaskForce::projection)
                .orElse(Projection.FULL);
        return Multi.createFrom().emitter(emitter -> {
            // Resolved alerts are in the backlog only for a client whose cursor holds them with an older state.
            AutoCloseable subscription = view.subscribe(officer.taskForce(), !cursor.statuses().isEmpty(), backlog -> {
                int count = 0;
                java.util.Set<String> sent = new java.util.HashSet<>();
                for (AlertState state : backlog) {
                    sent.add(state.alertId());
                    if (cursor.wants(state, officer.taskForce())) {
                        emitter.emit(render(FeedMessage.alert(AlertJson.of(state, officer.taskForce())
                                .projectedFor(projection))));
                        count++;
                    }
                }
                // Alerts the client has that left memory while it was away (resolved, then past the retention): read
                // back, so that it learns they were resolved.
                for (String alertId : cursor.seen().keySet()) {
                    if (sent.contains(alertId) || view.holds(alertId)) {
                        continue;
                    }
                    java.util.Optional<AlertState> archived = view.get(alertId)
                            .filter(state -> state.routedTo(officer.taskForce()));
                    if (archived.isPresent() && cursor.wants(archived.get(), officer.taskForce())) {
                        emitter.emit(render(FeedMessage.alert(AlertJson.of(archived.get(), officer.taskForce())
                                .projectedFor(projection))));
                        count++;
                    }
                }
                emitter.emit(render(FeedMessage.backlogComplete(count)));
            }, new AlertListener() {
                @Override
                public void onAlert(AlertState state) {
                    emitter.emit(live(state, officer.taskForce(), projection));
                    if (traces != null) {
                        traces.pushed(state.alertId(), state.version(), officer.taskForce());
                    }
                    lifecycle.publish(state.alertId(), state.version(), LifecycleAction.DELIVERED, officer.username(),
                            officer.taskForce(), CHANNEL, null, Map.of());
                }

                @Override
                public void onWithdrawn(String alertId) {
                    emitter.emit(render(FeedMessage.withdrawn(alertId)));
                }
            });
            open.put(connectionId, () -> {
                subscription.close();
                emitter.complete();
            });
            emitter.onTermination(() -> close(connectionId));
        });
    }

    /**
     * The live message of a state for one task force, rendered once for all its connections: the view calls every
     * listener of a task force for one state in a row, under its lock, so a one-entry cache is enough.
     */
    private String live(AlertState state, String taskForce, Projection projection) {
        Rendered last = lastLive;
        if (last == null || last.state() != state || !last.taskForce().equals(taskForce)) {
            last = new Rendered(state, taskForce, render(FeedMessage.alert(AlertJson.of(state, taskForce)
                    .projectedFor(projection))));
            lastLive = last;
        }
        return last.json();
    }

    private String render(FeedMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Rendered(AlertState state, String taskForce, String json) {
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
