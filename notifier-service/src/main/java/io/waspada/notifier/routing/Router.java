package io.waspada.notifier.routing;

import io.waspada.avro.Handling;
import java.util.List;
import java.util.Map;

/**
 * Labels in, the routes reached out: each with its task force and whether the alert's handling code allows
 * delivery there. Pure and thread-safe; silences and inhibition are applied by the caller, who has the state.
 */
public final class Router {

    private final RoutingConfig config;

    public Router(RoutingConfig config) {
        this.config = config;
    }

    public List<RouteMatch> route(Map<String, String> labels, Handling handling) {
        return config.root().match(labels).stream()
                .map(route -> {
                    TaskForce taskForce = config.taskForces().get(route.receiver());
                    return new RouteMatch(route, taskForce, taskForce.clearedFor(handling));
                })
                .toList();
    }

    public RoutingConfig config() {
        return config;
    }
}
