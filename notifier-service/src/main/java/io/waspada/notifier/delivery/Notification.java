package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.notifier.routing.TaskForce;
import java.util.List;
import java.util.Map;

/**
 * One notification of a group to a task force: the latest version of every alert in the group. {@code id} is
 * stable for the group, so receivers update the notification they have; {@code sequence} counts the sends
 * (1 = first page, more = update or repeat).
 */
public record Notification(String id, TaskForce taskForce, String routePath, Map<String, String> groupLabels,
        List<Alert> alerts, int sequence, boolean repeat) {

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
    }
}
