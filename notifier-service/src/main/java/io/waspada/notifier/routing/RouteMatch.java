package io.waspada.notifier.routing;

/** One route an alert reached, with its task force and whether that task force is cleared for the alert's handling. */
public record RouteMatch(Route route, TaskForce taskForce, boolean cleared) {
}
