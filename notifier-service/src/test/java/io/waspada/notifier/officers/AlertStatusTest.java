package io.waspada.notifier.officers;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The status fold of the audit trail, and the escalation deadlines table. */
class AlertStatusTest {

    private static final Instant T0 = Instant.parse("2026-11-20T03:00:00Z");

    @Test
    void acknowledgeReopenResolveAndEscalationsFoldFromEvents() {
        AlertStatus status = AlertStatus.NEW
                .after(event(LifecycleAction.ROUTED, 1, null, "NORTH", null, Map.of()))
                .after(event(LifecycleAction.ROUTED, 1, null, "HQ", null, Map.of()))
                .after(event(LifecycleAction.DELIVERED, 1, "officer.north", "NORTH", null, Map.of()));
        assertThat(status.status()).isEqualTo("OPEN");
        assertThat(status.waitingSince()).isEqualTo(T0.plusSeconds(1));

        status = status.after(event(LifecycleAction.ESCALATED, 1, "notifier-service", "HQ", null,
                Map.of("from", "NORTH", "level", "1")));
        assertThat(status.escalatedTo("HQ")).isTrue();
        assertThat(status.lastFrom("NORTH").level()).isEqualTo(1);

        status = status.after(event(LifecycleAction.ACKED, 1, "officer.hq", "HQ", "on it", Map.of("severity", "HIGH")));
        assertThat(status.acknowledged()).isTrue();
        assertThat(status.acknowledgedBy()).isEqualTo("officer.hq");
        assertThat(status.acknowledgedSeverity()).isEqualTo("HIGH");

        AlertLifecycleEvent reopen = event(LifecycleAction.REOPENED, 2, "notifier-service", null, null, Map.of());
        status = status.after(reopen);
        assertThat(status.open()).isTrue();
        assertThat(status.acknowledgedBy()).isNull();
        assertThat(status.waitingSince()).isEqualTo(reopen.getAt());
        assertThat(status.escalatedTo("HQ")).isTrue();

        status = status.after(event(LifecycleAction.RESOLVED, 2, "officer.north", "NORTH", null, Map.of()));
        assertThat(status.resolved()).isTrue();
        assertThat(status.resolvedBy()).isEqualTo("officer.north");
    }

    private int sequence;

    private AlertLifecycleEvent event(LifecycleAction action, long version, String actor, String taskForce,
            String detail, Map<String, String> attributes) {
        return AlertLifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAlertId("A-1")
                .setAlertVersion(version).setAction(action).setAt(T0.plusSeconds(++sequence)).setActor(actor)
                .setTaskForce(taskForce).setChannel(null).setDetail(detail).setAttributes(attributes).build();
    }
}
