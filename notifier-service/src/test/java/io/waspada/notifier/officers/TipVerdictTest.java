package io.waspada.notifier.officers;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.notifier.config.RoutingConfigLoader;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import io.waspada.testing.Fixtures;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The verification desk's decision as the audit trail folds it (#18), and who the desk is in the shipped routing: the
 * first decision counts, a VERIFIED one leaves the desk's queue without a severity a worse version could re-open, the
 * ROUTED marker is what keeps the routing from being done twice, and UNFOUNDED is a resolution.
 */
class TipVerdictTest {

    private static final Instant T0 = Instant.parse("2026-11-20T03:00:00Z");
    private static final Router SHIPPED = new Router(RoutingConfigLoader.load(""));
    private int sequence;

    @Test
    void verifiedCountsOnceLeavesTheDesksQueueAndIsRoutedOnceMarked() {
        AlertStatus status = AlertStatus.NEW
                .after(event(LifecycleAction.ROUTED, "notifier-service", "NTF_VERIFICATION", null, Map.of("route", "/0")))
                .after(event(LifecycleAction.OTHER, "lead.ntf.verification", "NTF_VERIFICATION", "confirmed",
                        Map.of(TipVerdict.ATTRIBUTE, TipVerdict.VERIFIED)));
        assertThat(status.verified()).isTrue();
        assertThat(status.verification().routed()).isFalse();
        assertThat(status.verification().reason()).isEqualTo("confirmed");
        assertThat(status.statusFor("NTF_VERIFICATION")).isEqualTo(OfficerStatus.ACKNOWLEDGED);
        assertThat(status.worseThanAcknowledged(Severity.CRITICAL)).isFalse();

        // A second decision (another instance, at once) and an unrelated OTHER change nothing.
        AlertStatus again = status.after(event(LifecycleAction.RESOLVED, "lead.ntf.verification", "NTF_VERIFICATION",
                "no", Map.of(TipVerdict.ATTRIBUTE, TipVerdict.UNFOUNDED)));
        assertThat(again.verification().decision()).isEqualTo(TipVerdict.VERIFIED);
        assertThat(again.resolved()).isFalse();
        assertThat(again).isEqualTo(status);
        assertThat(status.after(event(LifecycleAction.OTHER, "notifier-service", "X", "WITHHELD", Map.of())))
                .isEqualTo(status);

        AlertStatus routed = status.after(event(LifecycleAction.OTHER, "notifier-service", null, "routed",
                Map.of(TipVerdict.ATTRIBUTE, TipVerdict.ROUTED)));
        assertThat(routed.verification().routed()).isTrue();
        assertThat(routed.verified()).isTrue();
    }

    @Test
    void unfoundedIsTheResolution() {
        AlertStatus status = AlertStatus.NEW.after(event(LifecycleAction.RESOLVED, "lead.ntf.verification",
                "NTF_VERIFICATION", "withdrawn", Map.of(TipVerdict.ATTRIBUTE, TipVerdict.UNFOUNDED)));
        assertThat(status.resolved()).isTrue();
        assertThat(status.verified()).isFalse();
        assertThat(status.verification().decision()).isEqualTo(TipVerdict.UNFOUNDED);
        assertThat(status.resolution().comment()).isEqualTo("withdrawn");
        // A VERIFIED after it (another lead at another instance, at once) changes nothing: resolved, unfounded.
        AlertStatus again = status.after(event(LifecycleAction.OTHER, "lead.two", "NTF_VERIFICATION", "confirmed",
                Map.of(TipVerdict.ATTRIBUTE, TipVerdict.VERIFIED)));
        assertThat(again).isEqualTo(status);
    }

    @Test
    void theShippedDeskIsTheVerificationRoutesReceiverAndAVerifiedAlertTakesTheOtherRoutes() {
        assertThat(VerificationDesk.of(SHIPPED)).containsExactly("NTF_VERIFICATION");
        assertThat(VerificationDesk.is(SHIPPED, "NTF_HQ")).isFalse();
        Alert alert = Fixtures.alert("A-1", Fixtures.sighting("ev-1", Fixtures.passport("tok")));
        Map<String, String> labels = new HashMap<>(Map.of("type", "CROSS_BORDER_MOVEMENT", "severity", "HIGH",
                "domain", "LAND", "region", "SARAWAK", "countries", "MY", "verification", "required"));
        alert.setLabels(labels);
        alert.setHandling(Handling.H1);
        assertThat(VerificationDesk.verifiedRoutes(SHIPPED, alert).stream().map(m -> m.taskForce().id()))
                .contains("NTF_HQ", "LAND_EAST").doesNotContain("NTF_VERIFICATION");
        AlertStatus verified = AlertStatus.NEW.after(event(LifecycleAction.OTHER, "lead.ntf.verification",
                "NTF_VERIFICATION", "ok", Map.of(TipVerdict.ATTRIBUTE, TipVerdict.VERIFIED)));
        assertThat(VerificationDesk.routes(SHIPPED, alert, AlertStatus.NEW)).extracting(RouteMatch::taskForce)
                .extracting(tf -> tf.id()).containsExactly("NTF_VERIFICATION");
        assertThat(VerificationDesk.routes(SHIPPED, alert, verified)).extracting(RouteMatch::taskForce)
                .extracting(tf -> tf.id()).contains("NTF_VERIFICATION", "NTF_HQ", "LAND_EAST");
    }

    private AlertLifecycleEvent event(LifecycleAction action, String actor, String taskForce, String detail,
            Map<String, String> attributes) {
        return AlertLifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setAlertId("A-1")
                .setAlertVersion(1).setAction(action).setAt(T0.plusSeconds(++sequence)).setActor(actor)
                .setTaskForce(taskForce).setChannel(null).setDetail(detail).setAttributes(attributes).build();
    }
}
