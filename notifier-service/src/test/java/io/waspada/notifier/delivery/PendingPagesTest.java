package io.waspada.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the audit trail says is still to be paged after a restart. */
class PendingPagesTest {

    private final PendingPages pending = new PendingPages();

    @Test
    void aRoutedVersionIsPendingUntilItsChannelSettles() {
        pending.apply(event("a", 1, LifecycleAction.ROUTED, "MARITIME", null));
        assertThat(pending.unsettled("a", 1, "MARITIME", "webhook")).isTrue();
        assertThat(pending.unsettled("a", 1, "MARITIME", "email")).isTrue();

        pending.apply(event("a", 1, LifecycleAction.DELIVERY_FAILED, "MARITIME", "webhook"));
        assertThat(pending.unsettled("a", 1, "MARITIME", "webhook")).isTrue();
        pending.apply(event("a", 1, LifecycleAction.DEAD_LETTERED, "MARITIME", "webhook"));
        assertThat(pending.unsettled("a", 1, "MARITIME", "webhook")).isFalse();

        pending.apply(event("a", 1, LifecycleAction.DELIVERY_FAILED, "MARITIME", "email"));
        assertThat(pending.unsettled("a", 1, "MARITIME", "email")).isFalse();
    }

    @Test
    void otherVersionsTaskForcesAndMutedPagesAreApart() {
        pending.apply(event("a", 1, LifecycleAction.ROUTED, "MARITIME", null));
        pending.apply(event("a", 1, LifecycleAction.DELIVERED, "MARITIME", "webhook"));
        pending.apply(event("a", 2, LifecycleAction.ROUTED, "MARITIME", null));
        pending.apply(event("a", 2, LifecycleAction.ROUTED, "NTF_HQ", null));
        pending.apply(event("a", 2, LifecycleAction.SILENCED, "NTF_HQ", null));
        assertThat(pending.unsettled("a", 1, "MARITIME", "webhook")).isFalse();
        assertThat(pending.unsettled("a", 2, "MARITIME", "webhook")).isTrue();
        assertThat(pending.unsettled("a", 2, "NTF_HQ", "webhook")).isFalse();
        assertThat(pending.unsettled("b", 1, "MARITIME", "webhook")).isFalse();
    }

    @Test
    void remembersWhenEachVersionWasLastPagedToATaskForce() {
        pending.apply(event("a", 1, LifecycleAction.ROUTED, "MARITIME", null));
        assertThat(pending.lastPaged("a", 1, "MARITIME")).isEmpty();
        pending.apply(event("a", 1, LifecycleAction.DELIVERED, "MARITIME", "websocket"));
        assertThat(pending.lastPaged("a", 1, "MARITIME")).isEmpty(); // the WebSocket is live, not a page
        pending.apply(AlertLifecycleEvent.newBuilder(event("a", 1, LifecycleAction.DELIVERED, "MARITIME", "email"))
                .setEventId("later").setAt(Instant.EPOCH.plusSeconds(60)).build());
        pending.apply(event("a", 1, LifecycleAction.DELIVERED, "MARITIME", "webhook"));
        assertThat(pending.lastPaged("a", 1, "MARITIME")).contains(Instant.EPOCH.plusSeconds(60));
        assertThat(pending.lastPaged("a", 2, "MARITIME")).isEmpty();
    }

    private static AlertLifecycleEvent event(String alertId, long version, LifecycleAction action, String taskForce,
            String channel) {
        return AlertLifecycleEvent.newBuilder().setEventId(alertId + action + version).setAlertId(alertId)
                .setAlertVersion(version).setAction(action).setAt(Instant.EPOCH).setTaskForce(taskForce)
                .setChannel(channel).setAttributes(Map.of()).build();
    }
}
