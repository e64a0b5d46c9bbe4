package io.waspada.notifier.officers;

import io.waspada.avro.AlertLifecycleEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert's officer status, folded from its lifecycle events: OPEN, ACKNOWLEDGED (who, when, comment, the severity
 * acknowledged) or RESOLVED (who, when); since when it has been waiting for an answer (first ROUTED, or REOPENED),
 * where it was escalated, and which routes sent its latest version to each task force (their escalation deadlines
 * apply there). Immutable; each event gives a new one.
 */
public record AlertStatus(String status, String acknowledgedBy, String acknowledgedByTaskForce, Instant acknowledgedAt,
        String comment, long acknowledgedVersion, String acknowledgedSeverity, String resolvedBy, Instant resolvedAt,
        Instant waitingSince, List<Escalation> escalations, Map<String, RoutedBy> routes) {

    public static final String OPEN = "OPEN";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String RESOLVED = "RESOLVED";
    /** Attribute of an ACKED event: the severity of the version acknowledged, to know when a new one is worse. */
    public static final String SEVERITY = "severity";
    /** Attributes of an ESCALATED event: the task force whose deadline passed, and the step in its chain (1-based). */
    public static final String FROM = "from";
    public static final String LEVEL = "level";

    /** Attribute of a ROUTED event: the path of the route that matched ({@code Route.path()}). */
    public static final String ROUTE = "route";

    public static final AlertStatus NEW = new AlertStatus(OPEN, null, null, null, null, 0, null, null, null, null,
            List.of(), Map.of());

    /** One escalation: from the task force that did not answer to the next one in its chain. */
    public record Escalation(String from, String to, int level, Instant at) {
    }

    /** The routes (by path) that sent one version of the alert to a task force: several when routes use {@code continue}. */
    public record RoutedBy(long version, List<String> routePaths) {
        public RoutedBy {
            routePaths = List.copyOf(routePaths);
        }
    }

    public AlertStatus {
        escalations = List.copyOf(escalations);
        routes = Map.copyOf(routes);
    }

    /** The status after {@code event}; other actions change nothing. */
    public AlertStatus after(AlertLifecycleEvent event) {
        return switch (event.getAction()) {
            case ROUTED -> routed(event).waiting(waitingSince != null ? waitingSince : event.getAt());
            case ACKED -> new AlertStatus(ACKNOWLEDGED, event.getActor(), event.getTaskForce(), event.getAt(),
                    event.getDetail(), event.getAlertVersion(), event.getAttributes().get(SEVERITY), null, null,
                    waitingSince, escalations, routes);
            case RESOLVED -> new AlertStatus(RESOLVED, acknowledgedBy, acknowledgedByTaskForce, acknowledgedAt, comment,
                    acknowledgedVersion, acknowledgedSeverity, event.getActor(), event.getAt(), waitingSince, escalations, routes);
            case REOPENED -> new AlertStatus(OPEN, null, null, null, null, 0, null, null, null, event.getAt(), escalations,
                    routes);
            case ESCALATED -> escalated(new Escalation(event.getAttributes().get(FROM), event.getTaskForce(),
                    Integer.parseInt(event.getAttributes().getOrDefault(LEVEL, "1")), event.getAt()));
            default -> this;
        };
    }

    public boolean acknowledged() {
        return ACKNOWLEDGED.equals(status);
    }

    public boolean resolved() {
        return RESOLVED.equals(status);
    }

    public boolean open() {
        return OPEN.equals(status);
    }

    public boolean escalatedTo(String taskForce) {
        return escalations.stream().anyMatch(e -> e.to().equals(taskForce));
    }

    /** The last escalation away from {@code taskForce}, if any. */
    public Escalation lastFrom(String taskForce) {
        Escalation last = null;
        for (Escalation e : escalations) {
            if (e.from().equals(taskForce)) {
                last = e;
            }
        }
        return last;
    }

    private AlertStatus waiting(Instant since) {
        return new AlertStatus(status, acknowledgedBy, acknowledgedByTaskForce, acknowledgedAt, comment,
                acknowledgedVersion, acknowledgedSeverity, resolvedBy, resolvedAt, since, escalations, routes);
    }

    private AlertStatus escalated(Escalation escalation) {
        List<Escalation> all = new ArrayList<>(escalations);
        all.add(escalation);
        return new AlertStatus(status, acknowledgedBy, acknowledgedByTaskForce, acknowledgedAt, comment,
                acknowledgedVersion, acknowledgedSeverity, resolvedBy, resolvedAt, waitingSince, all, routes);
    }

    /** The latest version routed to a task force replaces the routes of older ones; the same version adds a route. */
    private AlertStatus routed(AlertLifecycleEvent event) {
        String path = event.getAttributes().get(ROUTE);
        if (event.getTaskForce() == null || path == null) {
            return this;
        }
        RoutedBy known = routes.get(event.getTaskForce());
        List<String> paths = new ArrayList<>();
        if (known != null && known.version() > event.getAlertVersion()) {
            return this;
        }
        if (known != null && known.version() == event.getAlertVersion()) {
            paths.addAll(known.routePaths());
        }
        if (!paths.contains(path)) {
            paths.add(path);
        }
        Map<String, RoutedBy> all = new HashMap<>(routes);
        all.put(event.getTaskForce(), new RoutedBy(event.getAlertVersion(), paths));
        return new AlertStatus(status, acknowledgedBy, acknowledgedByTaskForce, acknowledgedAt, comment,
                acknowledgedVersion, acknowledgedSeverity, resolvedBy, resolvedAt, waitingSince, escalations, all);
    }
}
