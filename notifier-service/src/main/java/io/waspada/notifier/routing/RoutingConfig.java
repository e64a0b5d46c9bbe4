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
}
