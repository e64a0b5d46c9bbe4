package io.waspada.notifier.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated routing configuration: the route tree, the task forces by id, and the inhibition rules. */
public record RoutingConfig(Route root, Map<String, TaskForce> taskForces, List<InhibitRule> inhibitRules,
        String source) {

    public RoutingConfig {
        taskForces = Map.copyOf(taskForces);
        inhibitRules = List.copyOf(inhibitRules);
    }

    public Optional<TaskForce> taskForce(String id) {
        return Optional.ofNullable(taskForces.get(id));
    }

    /** The node with this {@link Route#path()}, if the tree still has one (the audit trail names routes by path). */
    public Optional<Route> route(String path) {
        return find(root, path);
    }

    private static Optional<Route> find(Route node, String path) {
        if (node.path().equals(path)) {
            return Optional.of(node);
        }
        for (Route child : node.children()) {
            if (path.startsWith(child.path())) {
                Optional<Route> found = find(child, path);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
