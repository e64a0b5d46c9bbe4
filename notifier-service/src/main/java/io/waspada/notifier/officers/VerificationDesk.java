package io.waspada.notifier.officers;

import io.waspada.alerts.AlertLabels;
import io.waspada.avro.Alert;
import io.waspada.notifier.routing.MatchType;
import io.waspada.notifier.routing.Matcher;
import io.waspada.notifier.routing.Route;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who the verification desk is, and how a verified alert is routed (#18). The desk is whichever task force the routing
 * file's {@code verification="required"} routes send to (the shipped file: {@code NTF_VERIFICATION}); nothing here
 * names it. A verified alert is routed as if it lacked the label: the file's other routes. Pure.
 */
public final class VerificationDesk {

    private VerificationDesk() {
    }

    /** The receivers of the routes that match on {@code verification="required"}, in file order. */
    public static Set<String> of(Router router) {
        Set<String> desks = new LinkedHashSet<>();
        collect(router.config().root(), desks);
        return desks;
    }

    /** Whether {@code taskForce} is a verification desk of the routing file. */
    public static boolean is(Router router, String taskForce) {
        return taskForce != null && of(router).contains(taskForce);
    }

    private static void collect(Route route, Set<String> desks) {
        for (Matcher matcher : route.matchers().all()) {
            if (matcher.name().equals(AlertLabels.VERIFICATION) && matcher.type() == MatchType.EQUAL
                    && matcher.value().equals(AlertLabels.VERIFICATION_REQUIRED)) {
                desks.add(route.receiver());
            }
        }
        route.children().forEach(child -> collect(child, desks));
    }

    /** The routes a verified alert takes: those its labels reach without the verification label. */
    public static List<RouteMatch> verifiedRoutes(Router router, Alert alert) {
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.remove(AlertLabels.VERIFICATION);
        return router.route(labels, alert.getHandling());
    }

    /**
     * The routes of one version: as its labels say; for a verified tip-only alert also those it takes without the
     * label (the desk keeps it, the task forces it was routed to after the verification keep getting its updates).
     */
    public static List<RouteMatch> routes(Router router, Alert alert, AlertStatus status) {
        List<RouteMatch> labelled = router.route(alert.getLabels(), alert.getHandling());
        if (!TipVerification.awaits(alert) || !status.verified()) {
            return labelled;
        }
        Map<String, RouteMatch> byRoute = new java.util.LinkedHashMap<>();
        labelled.forEach(m -> byRoute.put(m.route().path() + "->" + m.taskForce().id(), m));
        verifiedRoutes(router, alert).forEach(m -> byRoute.putIfAbsent(m.route().path() + "->" + m.taskForce().id(), m));
        return List.copyOf(byRoute.values());
    }
}
