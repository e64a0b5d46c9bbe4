package io.waspada.notifier.officers;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An alert's officer status, folded from its lifecycle events. Acknowledgement is per task force: each task force that
 * has the alert acknowledges it for itself (who, when, comment, the severity acknowledged), and that stops only its own
 * reminders and escalation chain. Resolution is for everyone (a lead's act). Also: since when the alert has been
 * waiting for an answer (first ROUTED, or REOPENED), where it was escalated, and which routes sent its latest version
 * to each task force (their escalation deadlines apply there). Immutable; each event gives a new one.
 */
public record AlertStatus(Map<String, Acknowledgement> acknowledgements, Resolution resolution, Instant waitingSince,
        List<Escalation> escalations, Map<String, RoutedBy> routes) {

    public static final String OPEN = "OPEN";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String RESOLVED = "RESOLVED";
    /** Attribute of an ACKED or REOPENED event: the severity acknowledged, or the severity that re-opened it. */
    public static final String SEVERITY = "severity";
    /** Attributes of an ESCALATED event: the task force whose deadline passed, and the step in its chain (1-based). */
    public static final String FROM = "from";
    public static final String LEVEL = "level";

    /** Attribute of a ROUTED event: the path of the route that matched ({@code Route.path()}). */
    public static final String ROUTE = "route";

    public static final AlertStatus NEW = new AlertStatus(Map.of(), null, null, List.of(), Map.of());

    /** One task force's acknowledgement: who, for which version and severity, when, with what comment. */
    public record Acknowledgement(String by, String taskForce, Instant at, String comment, long version, String severity) {
    }

    /** The resolution for every task force: who (and of which task force), when, why. */
    public record Resolution(String by, String taskForce, Instant at, String comment) {
    }

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
        acknowledgements = Map.copyOf(acknowledgements);
        escalations = List.copyOf(escalations);
        routes = Map.copyOf(routes);
    }

    /** The status after {@code event}; other actions change nothing. */
    public AlertStatus after(AlertLifecycleEvent event) {
        return switch (event.getAction()) {
            case ROUTED -> routed(event).waiting(waitingSince != null ? waitingSince : event.getAt());
            case ACKED -> acknowledged(event);
            case RESOLVED -> new AlertStatus(acknowledgements, new Resolution(event.getActor(), event.getTaskForce(),
                    event.getAt(), event.getDetail()), waitingSince, escalations, routes);
            case REOPENED -> reopened(event);
            case ESCALATED -> escalated(new Escalation(event.getAttributes().get(FROM), event.getTaskForce(),
                    Integer.parseInt(event.getAttributes().getOrDefault(LEVEL, "1")), event.getAt()));
            default -> this;
        };
    }

    /** What a task force's officers see: RESOLVED, ACKNOWLEDGED (by their own task force) or OPEN. */
    public String statusFor(String taskForce) {
        if (resolved()) {
            return RESOLVED;
        }
        return taskForce != null && acknowledgements.containsKey(taskForce) ? ACKNOWLEDGED : OPEN;
    }

    /** The standing the view keeps: resolved or not, and which task forces have acknowledged. */
    public Standing standing() {
        return new Standing(resolved(), acknowledgements.keySet());
    }

    public Optional<Acknowledgement> acknowledgementOf(String taskForce) {
        return Optional.ofNullable(taskForce == null ? null : acknowledgements.get(taskForce));
    }

    public boolean acknowledgedBy(String taskForce) {
        return taskForce != null && acknowledgements.containsKey(taskForce);
    }

    /**
     * Whether the alert no longer needs chasing on {@code taskForce}'s behalf: resolved, acknowledged by it, or
     * acknowledged by a task force its chain escalated the alert to (that one has taken it on).
     */
    public boolean answeredFor(String taskForce) {
        if (resolved() || acknowledgedBy(taskForce)) {
            return true;
        }
        return escalations.stream().anyMatch(e -> e.from().equals(taskForce) && acknowledgedBy(e.to()));
    }

    public boolean resolved() {
        return resolution != null;
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

    /** Whether a version of this severity is worse than what some task force acknowledged (it re-opens for them). */
    public boolean worseThanAcknowledged(Severity severity) {
        return !resolved() && acknowledgements.values().stream().anyMatch(a -> below(a.severity(), severity));
    }

    private static boolean below(String acknowledged, Severity severity) {
        return acknowledged == null || Severity.valueOf(acknowledged).ordinal() < severity.ordinal();
    }

    private AlertStatus acknowledged(AlertLifecycleEvent event) {
        if (event.getTaskForce() == null) {
            return this;
        }
        Map<String, Acknowledgement> all = new HashMap<>(acknowledgements);
        all.putIfAbsent(event.getTaskForce(), new Acknowledgement(event.getActor(), event.getTaskForce(), event.getAt(),
                event.getDetail(), event.getAlertVersion(), event.getAttributes().get(SEVERITY)));
        return new AlertStatus(all, resolution, waitingSince, escalations, routes);
    }

    /** A worse version: the task forces that acknowledged a lesser severity have to answer again (all, if unsaid). */
    private AlertStatus reopened(AlertLifecycleEvent event) {
        String severity = event.getAttributes().get(SEVERITY);
        Map<String, Acknowledgement> kept = new HashMap<>();
        if (severity != null) {
            Severity worse = Severity.valueOf(severity);
            acknowledgements.forEach((taskForce, ack) -> {
                if (!below(ack.severity(), worse)) {
                    kept.put(taskForce, ack);
                }
            });
        }
        return new AlertStatus(kept, null, event.getAt(), escalations, routes);
    }

    private AlertStatus waiting(Instant since) {
        return new AlertStatus(acknowledgements, resolution, since, escalations, routes);
    }

    private AlertStatus escalated(Escalation escalation) {
        List<Escalation> all = new ArrayList<>(escalations);
        all.add(escalation);
        return new AlertStatus(acknowledgements, resolution, waitingSince, all, routes);
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
        return new AlertStatus(acknowledgements, resolution, waitingSince, escalations, all);
    }

    /** Resolved or not, and which task forces acknowledged: enough to say each task force's status. */
    public record Standing(boolean resolved, Set<String> acknowledgedBy) {

        public static final Standing OPEN_FOR_ALL = new Standing(false, Set.of());

        public Standing {
            acknowledgedBy = Set.copyOf(acknowledgedBy);
        }

        public String statusFor(String taskForce) {
            if (resolved) {
                return RESOLVED;
            }
            return taskForce != null && acknowledgedBy.contains(taskForce) ? ACKNOWLEDGED : OPEN;
        }
    }
}
