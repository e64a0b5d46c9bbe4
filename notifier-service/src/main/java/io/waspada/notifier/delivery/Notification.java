package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.notifier.routing.TaskForce;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One notification of a group to a task force: the latest version of every alert in the group. {@code id} is
 * stable for the group, so receivers update the notification they have; {@code sequence} counts the sends
 * (1 = first page, more = update or repeat); {@code resolved} names the alerts it announces as resolved.
 */
public record Notification(String id, TaskForce taskForce, String routePath, Map<String, String> groupLabels,
        List<Alert> alerts, int sequence, boolean repeat, Set<String> resolved) {

    /** Status of a notification whose alerts still need action (Alertmanager's "firing"). */
    public static final String FIRING = "FIRING";
    /** Status of a notification all of whose alerts are resolved. */
    public static final String RESOLVED = "RESOLVED";

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
        resolved = Set.copyOf(resolved);
    }

    /** RESOLVED when every alert in it is resolved, else FIRING. */
    public String status() {
        return !alerts.isEmpty() && alerts.stream().allMatch(this::resolves) ? RESOLVED : FIRING;
    }

    public boolean resolves(Alert alert) {
        return resolved.contains(alert.getAlertId());
    }

    /** The same notification with only {@code kept} of its alerts. */
    public Notification with(List<Alert> kept) {
        return new Notification(id, taskForce, routePath, groupLabels, kept, sequence, repeat, resolved);
    }
}
