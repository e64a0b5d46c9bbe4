package io.waspada.notifier.officers;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.alerts.AlertLabels;
import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.notifier.it.ControlledClock;
import io.waspada.notifier.it.NotifierTestResource;
import io.waspada.notifier.view.AlertView;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Civil-society tips (#18) against the real broker: an alert resting only on tips is never escalated, whatever route
 * took it where and however long it waits (the shipped routing sends it to the verification desk alone, see
 * DefaultRoutingTest); once a version with an agency's evidence (no {@code verification} label) arrives, it is chased
 * like any other.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class TipOnlyEscalationTest {

    @Inject
    ControlledClock clock;
    @Inject
    Escalator escalator;
    @Inject
    AlertView view;
    @Inject
    AuditTrail trail;

    private final String border = token("officer.border", "BORDER", "officer");

    @Test
    void anAlertRestingOnlyOnTipsIsNeverEscalatedUntilAnAgencysEvidenceJoins() {
        String id = uniqueId("tip-only");
        String subject = uniqueId("tok");
        send(tipOnly(alert(id, 1, "BORDER", Severity.CRITICAL, subject, Handling.H1)));
        awaitRouted(id);
        given().auth().oauth2(border).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("labels.verification", org.hamcrest.Matchers.equalTo("required"));

        // Far past BORDER's 5-minute CRITICAL deadline: nothing happens.
        clock.advance(Duration.ofHours(2));
        escalator.escalateDue();
        assertThat(escalations(id)).isEmpty();

        // An agency's event joined: the next version has no label and is chased like any other alert.
        send(alert(id, 2, "BORDER", Severity.CRITICAL, subject, Handling.H1));
        await().atMost(Duration.ofSeconds(20)).until(() -> view.highestVersion(id) == 2);
        clock.advance(Duration.ofMinutes(6));
        escalator.escalateDue();
        assertThat(escalations(id)).extracting(AlertLifecycleEvent::getTaskForce).containsExactly("NORTH");
    }

    private static Alert tipOnly(Alert alert) {
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put(AlertLabels.VERIFICATION, AlertLabels.VERIFICATION_REQUIRED);
        alert.setLabels(labels);
        alert.setSourceReliability("X");
        alert.setInformationAccuracy(4);
        return alert;
    }

    private void awaitRouted(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> trail.history(id).stream()
                .anyMatch(e -> e.getAction() == LifecycleAction.ROUTED));
    }

    private List<AlertLifecycleEvent> escalations(String id) {
        return trail.history(id).stream().filter(e -> e.getAction() == LifecycleAction.ESCALATED).toList();
    }
}
