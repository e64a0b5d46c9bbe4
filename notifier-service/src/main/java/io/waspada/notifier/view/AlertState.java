package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import io.waspada.notifier.officers.AlertStatus.Standing;
import java.util.List;
import java.util.Set;

/**
 * The notifier's view of one alert: its highest version, the task forces that see it (routed there, or escalated
 * there, and cleared for its handling code; empty when muted), why it is muted if it is, and the officers' standing
 * (resolved, and which task forces acknowledged it: each task force has its own status).
 */
public record AlertState(Alert alert, List<String> taskForces, String mutedBy, Standing standing) {

    public static final Standing OPEN = Standing.OPEN_FOR_ALL;
    public static final Standing RESOLVED = new Standing(true, Set.of());

    public AlertState {
        taskForces = List.copyOf(taskForces);
    }

    public String alertId() {
        return alert.getAlertId();
    }

    public long version() {
        return alert.getVersion();
    }

    public boolean routedTo(String taskForce) {
        return taskForces.contains(taskForce);
    }

    /** The officers' status as {@code taskForce} sees it: OPEN, ACKNOWLEDGED (by itself) or RESOLVED. */
    public io.waspada.notifier.officers.OfficerStatus statusFor(String taskForce) {
        return standing.statusFor(taskForce);
    }

    /** Not resolved yet: in the WebSocket backlog, and able to inhibit other alerts. */
    public boolean active() {
        return !standing.resolved();
    }
}
