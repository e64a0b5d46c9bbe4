package io.waspada.notifier.delivery;

import io.waspada.notifier.view.AlertJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The webhook body: one notification of a group. Receivers key on {@code notificationId} (stable per group) and
 * each alert's {@code alertId}/{@code version}: a later body for the same id replaces the earlier one.
 */
public record WebhookPayload(String notificationId, String receiver, int sequence, boolean repeat,
        Map<String, String> groupLabels, Instant sentAt, List<AlertJson> alerts) {
}
