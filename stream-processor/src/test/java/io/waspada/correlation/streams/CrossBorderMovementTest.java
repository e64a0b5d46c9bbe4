package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PADANG_BESAR;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.PONTIANAK;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.avro.Sighting;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.rules.AlertComposer;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CROSS_BORDER_MOVEMENT on the production topology: the Entikong-Tebedu passport, and what must not fire. */
class CrossBorderMovementTest {

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void firesAtOnceWhenTheSamePassportIsSeenInTwoCountries() {
        Sighting entikong = sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P1")));
        Sighting tebedu = sighting("e2", "IMMIGRATION", hours(6), TEBEDU, minorVictim(passport("P1")));

        driver.send(entikong);
        assertThat(driver.alerts()).isEmpty();
        driver.send(tebedu);

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("CROSS_BORDER_MOVEMENT v1 HIGH [e1, e2]");
        Alert alert = alerts.get(0);
        // Anchored at the start of its cell of the 72 h grid, not at its first event: the same id in any order.
        assertThat(alert.getAlertId()).isEqualTo(AlertComposer.alertId(RuleName.CROSS_BORDER_MOVEMENT,
                CorrelationKey.token("P1"), Episode.cellStart(hours(0).toEpochMilli(), Duration.ofHours(72).toMillis())));
        assertThat(alert.getSubjectToken()).isEqualTo("P1");
        assertThat(alert.getWindowStart()).isEqualTo(hours(0));
        assertThat(alert.getFirstSeen()).isEqualTo(hours(0));
        assertThat(alert.getLastSeen()).isEqualTo(hours(6));
        assertThat(alert.getEventCount()).isEqualTo(2);
        assertThat(alert.getCountries()).containsExactly("ID", "MY");
        assertThat(alert.getAgencies()).containsExactly("ID_IMIGRASI", "IMMIGRATION");
        assertThat(alert.getRegions()).containsExactly("KALIMANTAN_BARAT", "SARAWAK");
        assertThat(alert.getHandling()).isEqualTo(Handling.H1);
        assertThat(alert.getEvidence().get(0).getTokens()).containsExactly("P1");
        assertThat(alert.getLabels()).containsAllEntriesOf(Map.of(
                "type", "CROSS_BORDER_MOVEMENT", "severity", "HIGH", "region", "SARAWAK", "domain", "LAND",
                "countries", "ID,MY", "agencies", "ID_IMIGRASI,IMMIGRATION", "handling", "H1", "subject", "P1",
                "minor", "true"));
        assertThat(alert.getTitle()).isEqualTo("Passport seen in ID and MY by ID_IMIGRASI and IMMIGRATION");
        assertThat(alert.getTitle() + alert.getSummary()).doesNotContain("P1");
    }

    @Test
    void newEvidenceIsANewVersionOfTheSameAlert() {
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(6), TEBEDU, person(passport("P1"))),
                sighting("e3", "RMP", hours(30), KUALA_LUMPUR, person(passport("P1"))));

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly(
                "CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2]",
                "CROSS_BORDER_MOVEMENT v2 MEDIUM [e1, e2, e3]");
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(alerts.get(1).getLabels()).containsEntry("region", "KUALA_LUMPUR").containsEntry("domain", "INLAND");
    }

    @Test
    void doesNotFireJustOutsideTheWindow() {
        Instant justOutside = hours(72).plusMillis(1);
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", justOutside, TEBEDU, person(passport("P1"))));
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void firesJustInsideTheWindow() {
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(72), TEBEDU, person(passport("P1"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2]");
    }

    @Test
    void doesNotFireForTheSameCountryTwice() {
        driver.send(sighting("e1", "RMP", hours(0), PENANG, person(passport("P1"))),
                sighting("e2", "LABOUR", hours(5), KUALA_LUMPUR, person(passport("P1"))),
                sighting("e3", "ID_POLRI", hours(1), PONTIANAK, person(passport("P2"))));
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void twoBorderSitesNeedTwoAgencies() {
        driver.send(sighting("e1", "IMMIGRATION", hours(0), BUKIT_KAYU_HITAM, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(3), PADANG_BESAR, person(passport("P1"))));
        assertThat(driver.alerts()).as("one agency at two of its own posts").isEmpty();

        driver.send(sighting("e3", "RMP_GOF", hours(4), PADANG_BESAR, person(passport("P1"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly(
                "CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2, e3]");
    }

    @Test
    void anAgencyResendingTheSameEventAddsNothing() {
        Sighting first = sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("P1")));
        Sighting second = sighting("e2", "IMMIGRATION", hours(6), TEBEDU, person(passport("P1")));
        driver.send(first, second);
        List<Alert> original = driver.alerts();

        driver.send(first, second, first);

        assertThat(driver.alerts()).as("a replay adds no version").isEmpty();
        assertThat(AlertSummary.of(original)).containsExactly("CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2]");
    }

    @Test
    void aPassportAndAPhoneCarriedTogetherLinkThroughEitherToken() {
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG,
                        person(passport("P1"), io.waspada.correlation.testing.Events.phone("F1"))),
                sighting("e2", "IMMIGRATION", hours(2), TEBEDU,
                        person(io.waspada.correlation.testing.Events.phone("F1"))));
        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2]");
        assertThat(alerts.get(0).getSubjectToken()).isEqualTo("F1");
        assertThat(alerts.get(0).getTitle()).startsWith("Phone seen in ID and MY");
    }
}
