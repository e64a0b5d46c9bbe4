package io.waspada.notifier.delivery;

import java.time.Instant;
import java.util.List;

/**
 * A webhook notification that failed its last try: who it was for, the exact body, the alerts (id:version) in it,
 * how many tries and the last error. Kept on {@code tip.delivery-dlq.v1} until replayed.
 */
public record DeadLetter(String id, String receiver, String notificationId, List<AlertRef> alerts, String body,
        int attempts, String lastError, Instant deadAt) {

    public DeadLetter {
        alerts = List.copyOf(alerts);
    }
}
