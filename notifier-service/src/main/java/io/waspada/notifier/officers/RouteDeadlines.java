package io.waspada.notifier.officers;

import io.waspada.avro.Alert;
import io.waspada.notifier.routing.Route;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which escalation deadline applies to an alert at one task force: that of the route that sent it there, i.e. the
 * routes of the alert's latest ROUTED events at that task force (the shortest deadline if several routes did); if
 * the routing file no longer has those routes, the routes that reach the task force now, else the root. Pure.
 */
final class RouteDeadlines {

    private final Router router;

    RouteDeadlines(Router router) {
        this.router = router;
    }

    /** The route whose deadline counts for the alert's severity at {@code taskForce}, with that deadline; empty = never. */
    Optional<Reach> of(Alert alert, String taskForce, AlertStatus status) {
        List<Route> routes = sentBy(alert, taskForce, status);
        return routes.stream()
                .flatMap(route -> route.options().escalationDeadlines().deadline(alert.getSeverity())
                        .map(deadline -> new Reach(route, deadline)).stream())
                .min(Comparator.comparing(Reach::deadline));
    }

    private List<Route> sentBy(Alert alert, String taskForce, AlertStatus status) {
        AlertStatus.RoutedBy routed = status.routes().get(taskForce);
        if (routed != null) {
            List<Route> recorded = routed.routePaths().stream()
                    .flatMap(path -> router.config().route(path).stream()).toList();
            if (!recorded.isEmpty()) {
                return recorded;
            }
        }
        List<Route> now = router.route(alert.getLabels(), alert.getHandling()).stream()
                .filter(match -> match.taskForce().id().equals(taskForce)).map(RouteMatch::route).toList();
        return now.isEmpty() ? List.of(router.config().root()) : now;
    }

    /** A route that reached the task force and its deadline for the alert's severity. */
    record Reach(Route route, Duration deadline) {
    }
}
