package io.waspada.notifier.view;

import io.waspada.notifier.officers.AlertStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory alert view, rebuilt from {@code tip.alerts.v1} on start: alertId to the highest version seen
 * and the task forces it was routed to, for the alerts still being worked on (open, or resolved within the retention,
 * see {@link AlertRetention}); older ones are read back from the {@link AlertArchive}. Subscribing takes the backlog and registers for live updates under one
 * lock, so a subscriber sees every version after its backlog, in order, with no gap and no duplicate.
 */
@ApplicationScoped
public class AlertView {

    private final Map<String, AlertState> alerts = new ConcurrentHashMap<>();
    /** Where alerts that left memory are read back from; none outside the service (tests). */
    @jakarta.inject.Inject
    AlertArchive archive;
    private final Map<String, List<AlertListener>> listeners = new ConcurrentHashMap<>();
    /** Per label name asked for by {@link #withLabel}: value (missing = "") to the alerts in memory that have it. */
    private final Map<String, Map<String, java.util.Set<String>>> byLabel = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    /** Keeps {@code state} if it is newer than what the view has; tells the task forces' listeners. */
    public boolean apply(AlertState state) {
        return apply(state, List.of());
    }

    /**
     * Keeps {@code state} if it is newer than what the view has; tells the listeners of the task forces that see it,
     * and those of {@code withdrawnFrom} (task forces that saw an earlier version but may not see this one) that the
     * alert is gone for them.
     */
    public boolean apply(AlertState state, java.util.Collection<String> withdrawnFrom) {
        synchronized (lock) {
            AlertState current = alerts.get(state.alertId());
            if (current != null && current.version() >= state.version()) {
                return false;
            }
            alerts.put(state.alertId(), state);
            reindex(current, state);
            for (String taskForce : state.taskForces()) {
                listeners.getOrDefault(taskForce, List.of()).forEach(listener -> listener.onAlert(state));
            }
            for (String taskForce : withdrawnFrom) {
                if (!state.routedTo(taskForce)) {
                    listeners.getOrDefault(taskForce, List.of()).forEach(listener -> listener.onWithdrawn(state.alertId()));
                }
            }
            return true;
        }
    }

    /**
     * Adds a task force to those that see the alert (an escalation) and pushes the alert to its listeners; false if
     * the view has no such alert, the task force already sees it, or {@code cleared} refuses the alert's current
     * version (checked under the view's lock: a stricter version arriving meanwhile is never pushed to it).
     */
    public boolean extend(String alertId, String taskForce, java.util.function.Predicate<io.waspada.avro.Alert> cleared) {
        synchronized (lock) {
            AlertState current = alerts.get(alertId);
            if (current == null || current.routedTo(taskForce) || !cleared.test(current.alert())) {
                return false;
            }
            List<String> taskForces = new ArrayList<>(current.taskForces());
            taskForces.add(taskForce);
            AlertState extended = new AlertState(current.alert(), taskForces, current.mutedBy(), current.standing());
            alerts.put(alertId, extended);
            listeners.getOrDefault(taskForce, List.of()).forEach(listener -> listener.onAlert(extended));
            return true;
        }
    }

    /**
     * Records the officers' new standing on the alert and pushes it to each task force that sees it and whose status
     * changed (an acknowledgement by one task force changes nothing for the others).
     */
    public void restatus(String alertId, AlertStatus.Standing standing) {
        synchronized (lock) {
            AlertState current = alerts.get(alertId);
            if (current == null || current.standing().equals(standing)) {
                return;
            }
            AlertState changed = new AlertState(current.alert(), current.taskForces(), current.mutedBy(), standing);
            alerts.put(alertId, changed);
            for (String taskForce : changed.taskForces()) {
                if (current.statusFor(taskForce) != changed.statusFor(taskForce)) {
                    listeners.getOrDefault(taskForce, List.of()).forEach(listener -> listener.onAlert(changed));
                }
            }
        }
    }

    /** The alert as the view has it or, if it left memory, as the archive reads it back. */
    public Optional<AlertState> get(String alertId) {
        AlertState state = alerts.get(alertId);
        if (state != null || archive == null) {
            return Optional.ofNullable(state);
        }
        return archive.lookup(alertId);
    }

    /**
     * The alerts in memory whose label {@code name} is {@code value} ("" for those without it), from an index kept
     * for each label name asked for (inhibition asks for its rules' {@code equal} labels, so checking an alert does
     * not scan every alert).
     */
    public List<AlertState> withLabel(String name, String value) {
        synchronized (lock) {
            Map<String, java.util.Set<String>> index = byLabel.computeIfAbsent(name, n -> {
                Map<String, java.util.Set<String>> built = new java.util.HashMap<>();
                alerts.values().forEach(state -> built.computeIfAbsent(labelOf(state, n),
                        v -> new java.util.HashSet<>()).add(state.alertId()));
                return built;
            });
            List<AlertState> found = new ArrayList<>();
            for (String alertId : index.getOrDefault(value, java.util.Set.of())) {
                found.add(alerts.get(alertId));
            }
            return found;
        }
    }

    private void reindex(AlertState before, AlertState after) {
        byLabel.forEach((name, index) -> {
            if (before != null) {
                java.util.Set<String> ids = index.get(labelOf(before, name));
                if (ids != null && ids.remove(before.alertId()) && ids.isEmpty()) {
                    index.remove(labelOf(before, name));
                }
            }
            if (after != null) {
                index.computeIfAbsent(labelOf(after, name), v -> new java.util.HashSet<>()).add(after.alertId());
            }
        });
    }

    private static String labelOf(AlertState state, String name) {
        return state.alert().getLabels().getOrDefault(name, "");
    }

    /** Whether the alert is in memory. */
    public boolean holds(String alertId) {
        return alerts.containsKey(alertId);
    }

    /**
     * Lets a resolved alert leave memory (it stays readable through {@link #get}); false if it is not resolved
     * (an alert is only let go once its officers are done with it).
     */
    public boolean release(String alertId) {
        synchronized (lock) {
            AlertState current = alerts.get(alertId);
            if (current == null || current.active()) {
                return false;
            }
            alerts.remove(alertId);
            reindex(current, null);
            return true;
        }
    }

    public long highestVersion(String alertId) {
        AlertState state = alerts.get(alertId);
        return state == null ? 0 : state.version();
    }

    /** Alerts routed (or escalated) to the task force, resolved ones too if asked, oldest update first. */
    private List<AlertState> routedTo(String taskForce, boolean withResolved) {
        List<AlertState> open = new ArrayList<>();
        for (AlertState state : alerts.values()) {
            if ((withResolved || state.active()) && state.routedTo(taskForce)) {
                open.add(state);
            }
        }
        open.sort(Comparator.comparing((AlertState s) -> s.alert().getUpdatedAt()).thenComparing(AlertState::alertId));
        return open;
    }

    public int size() {
        return alerts.size();
    }

    /** Every alert, for part 2's officer API and the ops page. */
    public List<AlertState> all() {
        return List.copyOf(alerts.values());
    }

    /**
     * Hands the task force's open alerts (and resolved ones too, with {@code withResolved}) to {@code backlog}, then
     * registers {@code live} for every later version routed there; both under the view's lock. Close the returned
     * handle to stop.
     */
    public AutoCloseable subscribe(String taskForce, boolean withResolved, Consumer<List<AlertState>> backlog,
            AlertListener live) {
        synchronized (lock) {
            backlog.accept(routedTo(taskForce, withResolved));
            listeners.computeIfAbsent(taskForce, key -> new CopyOnWriteArrayList<>()).add(live);
        }
        return () -> listeners.getOrDefault(taskForce, List.of()).remove(live);
    }
}
