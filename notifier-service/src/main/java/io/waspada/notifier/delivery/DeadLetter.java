package io.waspada.notifier.delivery;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook notification that failed its last try: who it was for, the exact body, the alerts (id:version) in it,
 * how many tries and the last error. Kept on {@code tip.delivery-dlq.v1} until replayed.
 */
@Schema(name = "DeadLetter", requiredProperties = {"id", "receiver", "notificationId", "alerts", "body", "attempts",
        "deadAt"})
public record DeadLetter(String id, String receiver, String notificationId, List<AlertRef> alerts,
        @Schema(description = "The exact JSON body that was signed and posted") String body,
        @Schema(minimum = "1") int attempts, @Schema(nullable = true) String lastError, Instant deadAt) {

    public DeadLetter {
        alerts = List.copyOf(alerts);
    }
}
