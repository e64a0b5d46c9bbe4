package io.waspada.notifier.officers;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
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
        assertThat(status.statusFor("NORTH")).isEqualTo(OfficerStatus.OPEN);
        assertThat(status.waitingSince()).isEqualTo(T0.plusSeconds(1));

        status = status.after(event(LifecycleAction.ESCALATED, 1, "notifier-service", "HQ", null,
                Map.of("from", "NORTH", "level", "1")));
        assertThat(status.escalatedTo("HQ")).isTrue();
        assertThat(status.lastFrom("NORTH").level()).isEqualTo(1);

        status = status.after(event(LifecycleAction.ACKED, 1, "officer.hq", "HQ", "on it", own("HIGH")));
        assertThat(status.statusFor("HQ")).isEqualTo(OfficerStatus.ACKNOWLEDGED);
        assertThat(status.acknowledgementOf("HQ").orElseThrow().by()).isEqualTo("officer.hq");
        assertThat(status.acknowledgementOf("HQ").orElseThrow().severity()).isEqualTo("HIGH");
        // HQ's acknowledgement is HQ's: NORTH still has it open, but HQ (which NORTH's chain reached) has taken it on.
        assertThat(status.statusFor("NORTH")).isEqualTo(OfficerStatus.OPEN);
        assertThat(status.answeredFor("NORTH")).isTrue();
        assertThat(status.worseThanAcknowledged(Severity.HIGH)).isFalse();
        assertThat(status.worseThanAcknowledged(Severity.CRITICAL)).isTrue();

        AlertLifecycleEvent reopen = event(LifecycleAction.REOPENED, 2, "notifier-service", null, null,
                Map.of("severity", "CRITICAL"));
        status = status.after(reopen);
        assertThat(status.statusFor("HQ")).isEqualTo(OfficerStatus.OPEN);
        assertThat(status.acknowledgementOf("HQ")).isEmpty();
        // HQ's clock starts again from the re-opening; NORTH, which never answered, keeps waiting since its routing.
        assertThat(status.waitingSinceFor("HQ")).isEqualTo(reopen.getAt());
        assertThat(status.waitingSinceFor("NORTH")).isEqualTo(T0.plusSeconds(1));
        assertThat(status.escalatedTo("HQ")).isTrue();

        status = status.after(event(LifecycleAction.RESOLVED, 2, "lead.north", "NORTH", "done", Map.of()));
        assertThat(status.resolved()).isTrue();
        assertThat(status.statusFor("HQ")).isEqualTo(OfficerStatus.RESOLVED);
        assertThat(status.resolution().by()).isEqualTo("lead.north");
        assertThat(status.resolution().comment()).isEqualTo("done");
    }

    @Test
    void eachTaskForceAcknowledgesForItselfAndAWorseVersionReopensOnlyLesserAcknowledgements() {
        AlertStatus status = AlertStatus.NEW
                .after(event(LifecycleAction.ROUTED, 1, null, "NORTH", null, Map.of("route", "0")))
                .after(event(LifecycleAction.ROUTED, 1, null, "SOUTH", null, Map.of("route", "1")))
                .after(event(LifecycleAction.ACKED, 1, "officer.north", "NORTH", null, own("MEDIUM")));
        assertThat(status.statusFor("NORTH")).isEqualTo(OfficerStatus.ACKNOWLEDGED);
        assertThat(status.statusFor("SOUTH")).isEqualTo(OfficerStatus.OPEN);
        assertThat(status.answeredFor("SOUTH")).isFalse();
        assertThat(status.standing().statusFor("SOUTH")).isEqualTo(OfficerStatus.OPEN);

        // A second acknowledgement by the same task force keeps the first (who answered first counts).
        status = status.after(event(LifecycleAction.ACKED, 1, "other.north", "NORTH", null, own("MEDIUM")))
                .after(event(LifecycleAction.ACKED, 2, "officer.south", "SOUTH", null, own("HIGH")));
        assertThat(status.acknowledgementOf("NORTH").orElseThrow().by()).isEqualTo("officer.north");

        Instant firstRouted = status.waitingSinceFor("SOUTH");
        AlertLifecycleEvent reopen = event(LifecycleAction.REOPENED, 3, "notifier-service", null, null,
                Map.of("severity", "HIGH"));
        status = status.after(reopen);
        assertThat(status.statusFor("NORTH")).isEqualTo(OfficerStatus.OPEN);
        assertThat(status.statusFor("SOUTH")).isEqualTo(OfficerStatus.ACKNOWLEDGED);
        // Only NORTH, whose acknowledgement was dropped, waits again from the re-opening.
        assertThat(status.waitingSinceFor("NORTH")).isEqualTo(reopen.getAt());
        assertThat(status.waitingSinceFor("SOUTH")).isEqualTo(firstRouted);
        // A second resolution does not rewrite who resolved it.
        status = status.after(event(LifecycleAction.RESOLVED, 3, "lead.north", "NORTH", null, Map.of()))
                .after(event(LifecycleAction.RESOLVED, 3, "lead.south", "SOUTH", null, Map.of()));
        assertThat(status.resolution().by()).isEqualTo("lead.north");
    }

    @Test
    void eachTaskForceWaitsFromItsOwnFirstRouting() {
        AlertStatus status = AlertStatus.NEW
                .after(event(LifecycleAction.ROUTED, 1, null, "NORTH", null, Map.of("route", "0")))
                .after(event(LifecycleAction.ROUTED, 2, null, "SOUTH", null, Map.of("route", "1")));
        assertThat(status.waitingSinceFor("NORTH")).isEqualTo(T0.plusSeconds(1));
        assertThat(status.waitingSinceFor("SOUTH")).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void anAcknowledgementWrittenBeforeItWasPerTaskForceStillAnswersForEveryone() {
        AlertStatus status = AlertStatus.NEW
                .after(event(LifecycleAction.ROUTED, 1, null, "NORTH", null, Map.of("route", "0")))
                .after(event(LifecycleAction.ROUTED, 1, null, "SOUTH", null, Map.of("route", "1")))
                .after(event(LifecycleAction.ACKED, 1, "officer.north", "NORTH", "old", Map.of("severity", "HIGH")));
        assertThat(status.statusFor("SOUTH")).isEqualTo(OfficerStatus.ACKNOWLEDGED);
        assertThat(status.answeredFor("SOUTH")).isTrue();
        assertThat(status.remindable("SOUTH")).isFalse();
        assertThat(status.acknowledgementOf("SOUTH").orElseThrow().by()).isEqualTo("officer.north");
        assertThat(status.standing().statusFor("SOUTH")).isEqualTo(OfficerStatus.ACKNOWLEDGED);
        // An acknowledgement without a known severity never re-opens on every new version.
        assertThat(AlertStatus.NEW.after(event(LifecycleAction.ACKED, 1, "x", "NORTH", null, Map.of("scope", "taskForce")))
                .worseThanAcknowledged(Severity.CRITICAL)).isFalse();
    }

    @Test
    void aTaskForceReachedOnlyByEscalationIsRemindedUntilTheChainsThatBroughtItThereAreAnswered() {
        AlertStatus status = AlertStatus.NEW
                .after(event(LifecycleAction.ROUTED, 1, null, "BORDER", null, Map.of("route", "0")))
                .after(event(LifecycleAction.ESCALATED, 1, "notifier-service", "NORTH", null,
                        Map.of("from", "BORDER", "level", "1")))
                .after(event(LifecycleAction.ESCALATED, 1, "notifier-service", "HQ", null,
                        Map.of("from", "BORDER", "level", "2")));
        assertThat(status.remindable("NORTH")).isTrue();
        assertThat(status.remindable("BORDER")).isTrue();
        // HQ, further down BORDER's chain, takes it on: BORDER's chain is answered, so NORTH is no longer chased,
        // but BORDER, to which the alert was routed, still has to answer for itself.
        status = status.after(event(LifecycleAction.ACKED, 1, "officer.hq", "HQ", null, own("HIGH")));
        assertThat(status.remindable("NORTH")).isFalse();
        assertThat(status.remindable("HQ")).isFalse();
        assertThat(status.remindable("BORDER")).isTrue();
        assertThat(status.answeredFor("BORDER")).isTrue();
    }

    private static Map<String, String> own(String severity) {
        return Map.of("severity", severity, "scope", "taskForce");
    }

    private int sequence;

    private AlertLifecycleEvent event(LifecycleAction action, long version, String actor, String taskForce,
            String detail, Map<String, String> attributes) {
        return AlertLifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAlertId("A-1")
                .setAlertVersion(version).setAction(action).setAt(T0.plusSeconds(++sequence)).setActor(actor)
                .setTaskForce(taskForce).setChannel(null).setDetail(detail).setAttributes(attributes).build();
    }
}
