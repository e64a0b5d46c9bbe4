package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.alerts.AlertLabels;
import io.waspada.avro.Alert;
import io.waspada.avro.EventSource;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Sighting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Civil-society tips correlate like agency evidence, but an alert whose episode never had an agency's event carries
 * {@code verification=required}; the version after an agency's event joined drops it, and it never comes back, also
 * when the alert is too large to carry that agency event any more.
 */
class TipOnlyAlertsTest {

    private static final String ORGANISATION = "ORG_TENAGANITA";

    private static Sighting tip(Sighting sighting) {
        sighting.setSource(EventSource.TIP);
        sighting.setSourceReliability("X");
        sighting.setInformationAccuracy(4);
        return sighting;
    }

    @Test
    void tipsAloneMakeAnAlertThatRequiresVerificationAndAnAgencysEventLiftsIt() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(tip(sighting("t1", ORGANISATION, hours(0), ENTIKONG, minorVictim(passport("P1")))),
                    tip(sighting("t2", ORGANISATION, hours(6), TEBEDU, minorVictim(passport("P1")))));

            Alert tipOnly = driver.alerts().get(0);
            assertThat(AlertSummary.of(List.of(tipOnly))).containsExactly("CROSS_BORDER_MOVEMENT v1 HIGH [t1, t2]");
            assertThat(tipOnly.getLabels()).containsEntry(AlertLabels.VERIFICATION, AlertLabels.VERIFICATION_REQUIRED)
                    .containsEntry(AlertLabels.AGENCIES, ORGANISATION);
            assertThat(tipOnly.getEvidence()).extracting(EvidenceRef::getSource)
                    .containsExactly(EventSource.TIP, EventSource.TIP);
            assertThat(tipOnly.getSourceReliability()).isEqualTo("X");

            driver.send(sighting("e3", "IMMIGRATION", hours(8), TEBEDU, minorVictim(passport("P1"))));
            List<Alert> alerts = driver.alerts();
            Alert corroborated = alerts.get(alerts.size() - 1);
            assertThat(corroborated.getAlertId()).isEqualTo(tipOnly.getAlertId());
            assertThat(corroborated.getVersion()).isGreaterThan(tipOnly.getVersion());
            assertThat(corroborated.getLabels()).doesNotContainKey(AlertLabels.VERIFICATION);
            assertThat(corroborated.getEvidence()).extracting(EvidenceRef::getSource)
                    .containsExactly(EventSource.TIP, EventSource.TIP, EventSource.AGENCY);
        }
    }

    @Test
    void anAgencysEventFirstThenTipsNeverRequiresVerification() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P1"))),
                    tip(sighting("t2", ORGANISATION, hours(6), TEBEDU, minorVictim(passport("P1")))));
            Alert alert = driver.alerts().get(0);
            assertThat(alert.getLabels()).doesNotContainKey(AlertLabels.VERIFICATION);
        }
    }

    /** The agency event an alert too large to carry it all leaves out still backs it, like its handling code. */
    @Test
    void anAgencysEventTheAlertNoLongerCarriesStillBacksIt() {
        RuleSettings settings = RuleSettings.defaults();
        settings = new RuleSettings(settings.rules(), settings.grace(), 2);
        try (CorrelationDriver driver = new CorrelationDriver(settings)) {
            driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("P1"))));
            List<Sighting> tips = new ArrayList<>();
            for (int i = 2; i <= 5; i++) {
                tips.add(tip(sighting("t" + i, ORGANISATION, hours(i), TEBEDU, person(passport("P1")))));
            }
            driver.send(tips.toArray(Sighting[]::new));

            List<Alert> alerts = driver.alerts();
            Alert last = alerts.get(alerts.size() - 1);
            assertThat(last.getEventCount()).isEqualTo(5);
            assertThat(last.getEvidence()).extracting(EvidenceRef::getSource).containsOnly(EventSource.TIP);
            assertThat(alerts).allSatisfy(alert ->
                    assertThat(alert.getLabels()).doesNotContainKey(AlertLabels.VERIFICATION));
        }
    }
}
