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
 * to each task force (their escalation deadlines apply there), and the verification desk's decision on a tip-only
 * alert ({@link TipVerdict}, null if none). Immutable; each event gives a new one.
 */
public record AlertStatus(Map<String, Acknowledgement> acknowledgements, Resolution resolution, Instant waitingSince,
        Map<String, Instant> waitingSinceOf, List<Escalation> escalations, Map<String, RoutedBy> routes,
        TipVerdict verification) {

    /** Attribute of an ACKED or REOPENED event: the severity acknowledged, or the severity that re-opened it. */
    public static final String SEVERITY = "severity";
    /** Attributes of an ESCALATED event: the task force whose deadline passed, and the step in its chain (1-based). */
    public static final String FROM = "from";
    public static final String LEVEL = "level";

    /** Attribute of a ROUTED event: the path of the route that matched ({@code Route.path()}). */
    public static final String ROUTE = "route";
    /**
     * Attribute of an ACKED event, {@value #FOR_TASK_FORCE}: it acknowledges for the acting task force only. ACKED
     * events written before acknowledgement was per task force lack it and acknowledged for everyone, as they still do
     * when the trail is read again (no burst of reminders and escalations after an upgrade).
     */
    public static final String SCOPE = "scope";
    public static final String FOR_TASK_FORCE = "taskForce";
    /** Where an acknowledgement made for every task force (an old ACKED event) is kept. */
    static final String EVERYONE = "*";

    public static final AlertStatus NEW = new AlertStatus(Map.of(), null, null, Map.of(), List.of(), Map.of(), null);

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
        waitingSinceOf = Map.copyOf(waitingSinceOf);
        escalations = List.copyOf(escalations);
        routes = Map.copyOf(routes);
    }

    /** The status after {@code event}; other actions change nothing. */
    public AlertStatus after(AlertLifecycleEvent event) {
        return switch (event.getAction()) {
            case ROUTED -> routed(event).waiting(waitingSince != null ? waitingSince : event.getAt(), event);
            case ACKED -> acknowledged(event);
            // A lead's UNFOUNDED arriving after another lead's decision (two instances at once) changes nothing.
            case RESOLVED -> resolved() || verification != null && TipVerdict.UNFOUNDED.equals(
                    event.getAttributes().get(TipVerdict.ATTRIBUTE)) ? this : TipVerdict.after(new AlertStatus(acknowledgements,
                    new Resolution(event.getActor(), event.getTaskForce(), event.getAt(), event.getDetail()),
                    waitingSince, waitingSinceOf, escalations, routes, verification), event);
            case REOPENED -> reopened(event);
            case OTHER -> TipVerdict.after(this, event);
            case ESCALATED -> escalated(new Escalation(event.getAttributes().get(FROM), event.getTaskForce(),
                    Integer.parseInt(event.getAttributes().getOrDefault(LEVEL, "1")), event.getAt()));
            default -> this;
        };
    }

    /** What a task force's officers see: RESOLVED, ACKNOWLEDGED (by their own task force) or OPEN. */
    public OfficerStatus statusFor(String taskForce) {
        if (resolved()) {
            return OfficerStatus.RESOLVED;
        }
        return acknowledgedBy(taskForce) ? OfficerStatus.ACKNOWLEDGED : OfficerStatus.OPEN;
    }

    /** The standing the view keeps: resolved or not, and which task forces have acknowledged. */
    public Standing standing() {
        return new Standing(resolved(), acknowledgements.keySet());
    }

    /** The task force's own acknowledgement (or an old one made for everyone). */
    public Optional<Acknowledgement> acknowledgementOf(String taskForce) {
        if (taskForce == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(acknowledgements.getOrDefault(taskForce, acknowledgements.get(EVERYONE)));
    }

    public boolean acknowledgedBy(String taskForce) {
        return taskForce != null && (acknowledgements.containsKey(taskForce) || acknowledgements.containsKey(EVERYONE));
    }

    /** Since when the task force has been waiting to answer: its first ROUTED, or the re-opening of its ack. */
    public Instant waitingSinceFor(String taskForce) {
        return waitingSinceOf.getOrDefault(taskForce, waitingSince);
    }

    /**
     * Whether the task force still needs reminding: not resolved, not acknowledged by it and, for a task force the
     * alert reached only by escalation, not answered by the chains that brought it there.
     */
    public boolean remindable(String taskForce) {
        if (resolved() || acknowledgedBy(taskForce)) {
            return false;
        }
        if (routes.containsKey(taskForce)) {
            return true;
        }
        List<String> sources = escalations.stream().filter(e -> e.to().equals(taskForce)).map(Escalation::from).toList();
        return sources.isEmpty() || !sources.stream().allMatch(this::answeredFor);
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

    /** Whether the verification desk verified this tip-only alert ({@link TipVerdict}): it is routed and chased. */
    public boolean verified() {
        return verification != null && verification.verified();
    }

    /** The same status with the desk's decision and the acknowledgements it leaves ({@link TipVerdict}). */
    AlertStatus withVerification(TipVerdict verdict, Map<String, Acknowledgement> acks) {
        return new AlertStatus(acks, resolution, waitingSince, waitingSinceOf, escalations, routes, verdict);
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

    /** Whether an acknowledged severity is below {@code severity}; an unknown or missing one never is. */
    private static boolean below(String acknowledged, Severity severity) {
        for (Severity known : Severity.values()) {
            if (known.name().equals(acknowledged)) {
                return known.ordinal() < severity.ordinal();
            }
        }
        return false;
    }

    private AlertStatus acknowledged(AlertLifecycleEvent event) {
        if (event.getTaskForce() == null) {
            return this;
        }
        boolean ownOnly = FOR_TASK_FORCE.equals(event.getAttributes().get(SCOPE));
        Map<String, Acknowledgement> all = new HashMap<>(acknowledgements);
        all.putIfAbsent(ownOnly ? event.getTaskForce() : EVERYONE, new Acknowledgement(event.getActor(),
                event.getTaskForce(), event.getAt(), event.getDetail(), event.getAlertVersion(),
                event.getAttributes().get(SEVERITY)));
        return new AlertStatus(all, resolution, waitingSince, waitingSinceOf, escalations, routes, verification);
    }

    /**
     * A worse version: the task forces that acknowledged a lesser severity have to answer again (all, if the event
     * does not say the severity), and their clocks start again now; the others' clocks run on.
     */
    private AlertStatus reopened(AlertLifecycleEvent event) {
        Severity worse = severity(event.getAttributes().get(SEVERITY));
        Map<String, Acknowledgement> kept = new HashMap<>();
        Map<String, Instant> clocks = new HashMap<>(waitingSinceOf);
        acknowledgements.forEach((taskForce, ack) -> {
            if (worse != null && !below(ack.severity(), worse)) {
                kept.put(taskForce, ack);
            } else if (EVERYONE.equals(taskForce)) {
                routes.keySet().forEach(routed -> clocks.put(routed, event.getAt()));
            } else {
                clocks.put(taskForce, event.getAt());
            }
        });
        return new AlertStatus(kept, resolution, waitingSince, clocks, escalations, routes, verification);
    }

    private static Severity severity(String name) {
        for (Severity known : Severity.values()) {
            if (known.name().equals(name)) {
                return known;
            }
        }
        return null;
    }

    /** The alert waits since its first ROUTED; each task force since the first ROUTED to it. */
    private AlertStatus waiting(Instant since, AlertLifecycleEvent event) {
        Map<String, Instant> clocks = waitingSinceOf;
        if (event.getTaskForce() != null && !waitingSinceOf.containsKey(event.getTaskForce())) {
            clocks = new HashMap<>(waitingSinceOf);
            clocks.put(event.getTaskForce(), event.getAt());
        }
        return new AlertStatus(acknowledgements, resolution, since, clocks, escalations, routes, verification);
    }

    private AlertStatus escalated(Escalation escalation) {
        List<Escalation> all = new ArrayList<>(escalations);
        all.add(escalation);
        return new AlertStatus(acknowledgements, resolution, waitingSince, waitingSinceOf, all, routes, verification);
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
        return new AlertStatus(acknowledgements, resolution, waitingSince, waitingSinceOf, escalations, all, verification);
    }

    /** Resolved or not, and which task forces acknowledged: enough to say each task force's status. */
    public record Standing(boolean resolved, Set<String> acknowledgedBy) {

        public static final Standing OPEN_FOR_ALL = new Standing(false, Set.of());

        public Standing {
            acknowledgedBy = Set.copyOf(acknowledgedBy);
        }

        public OfficerStatus statusFor(String taskForce) {
            if (resolved) {
                return OfficerStatus.RESOLVED;
            }
            return taskForce != null && (acknowledgedBy.contains(taskForce) || acknowledgedBy.contains(EVERYONE))
                    ? OfficerStatus.ACKNOWLEDGED : OfficerStatus.OPEN;
        }
    }
}
