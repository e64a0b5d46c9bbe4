package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import java.util.List;

/**
 * The notifier's view of one alert: its highest version, the task forces that version was routed to (empty
 * when muted), why it is muted if it is, and the officers' status (OPEN, ACKNOWLEDGED, RESOLVED).
 */
public record AlertState(Alert alert, List<String> taskForces, String mutedBy, String status) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";

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

    public boolean open() {
        return OPEN.equals(status);
    }

    /** Not resolved yet: in the WebSocket backlog, and able to inhibit other alerts. */
    public boolean active() {
        return !RESOLVED.equals(status);
    }
}
