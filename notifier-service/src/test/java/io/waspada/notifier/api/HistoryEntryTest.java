package io.waspada.notifier.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.kafka.LifecyclePublisher;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one task force's officers see of the service's deliveries to another task force's channels. */
class HistoryEntryTest {

    private static AlertLifecycleEvent webhook(LifecycleAction action, String taskForce, String detail) {
        return AlertLifecycleEvent.newBuilder().setEventId("e-1").setAlertId("a-1").setAlertVersion(2)
                .setAction(action).setAt(Instant.parse("2026-12-07T08:00:00Z")).setActor(LifecyclePublisher.ACTOR)
                .setTaskForce(taskForce).setChannel("webhook").setDetail(detail)
                .setAttributes(Map.of("notificationId", "n-7", "attempt", "3",
                        "url", "https://hooks.south.example/secret-path"))
                .build();
    }

    @Test
    void anotherTaskForcesWebhookShowsChannelAndAttemptButNotItsAddressOrError() {
        for (LifecycleAction action : new LifecycleAction[] {LifecycleAction.DELIVERED,
                LifecycleAction.DELIVERY_FAILED, LifecycleAction.DEAD_LETTERED}) {
            HistoryEntry seen = HistoryEntry.of(webhook(action, "SOUTH",
                    "ConnectException: hooks.south.example refused"), "NORTH");
            assertThat(seen.channel()).isEqualTo("webhook");
            assertThat(seen.taskForce()).isEqualTo("SOUTH");
            assertThat(seen.attributes()).containsOnlyKeys("notificationId", "attempt");
            assertThat(seen.detail()).isNull();
            assertThat(seen.toString()).doesNotContain("hooks.south.example");
        }
    }

    @Test
    void ownWebhookShowsInFull() {
        HistoryEntry seen = HistoryEntry.of(webhook(LifecycleAction.DELIVERY_FAILED, "NORTH", "HTTP 500"), "NORTH");
        assertThat(seen.attributes()).containsEntry("url", "https://hooks.south.example/secret-path");
        assertThat(seen.detail()).isEqualTo("HTTP 500");
    }
}
