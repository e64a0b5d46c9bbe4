package io.waspada.notifier.delivery;

import io.waspada.notifier.view.AlertJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The webhook body: one notification of a group. Receivers key on {@code notificationId} (stable per group) and
 * each alert's {@code alertId}/{@code version}: a later body for the same id replaces the earlier one. {@code status}
 * is FIRING, or RESOLVED when every alert in it is resolved (each alert also carries its own status).
 */
public record WebhookPayload(String notificationId, String receiver, String status, int sequence, boolean repeat,
        Map<String, String> groupLabels, Instant sentAt, List<AlertJson> alerts) {
}
