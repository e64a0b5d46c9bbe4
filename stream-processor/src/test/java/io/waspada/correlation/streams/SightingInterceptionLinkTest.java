package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.interception;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGHTING_INTERCEPTION_LINK: an interception of what another agency sighted earlier, within 30 days. */
class SightingInterceptionLinkTest {

    private static final double DAY = 24;

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void firesWhenAnInterceptionNamesWhatAnotherAgencySightedEarlier() {
        driver.send(sighting("s1", "LABOUR", hours(0), KUALA_LUMPUR, victim(passport("P1"))));
        driver.send(interception("i1", "RMP", hours(10 * DAY), PENANG, 1, List.of("RESTRICTED_MOVEMENT"),
                victim(passport("P1"))));

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("SIGHTING_INTERCEPTION_LINK v1 MEDIUM [s1, i1]");
        Alert alert = alerts.get(0);
        assertThat(alert.getHandling()).as("most restrictive of H1 and H2").isEqualTo(Handling.H2);
        assertThat(alert.getSourceReliability()).as("weakest of A and B").isEqualTo("B");
        assertThat(alert.getInformationAccuracy()).as("weakest of 1 and 2").isEqualTo(2);
        assertThat(alert.getEvidence().get(1).getOutcome()).hasToString("RESCUED");
        assertThat(alert.getTitle()).isEqualTo("Passport intercepted by RMP was sighted earlier by another agency");
    }

    @Test
    void aLateReportedEarlierSightingStillLinks() {
        driver.send(interception("i1", "RMP", hours(20), PENANG, 1, List.of(), victim(passport("P1"))));
        driver.send(sighting("s1", "LABOUR", hours(2), KUALA_LUMPUR, victim(passport("P1"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("SIGHTING_INTERCEPTION_LINK v1 MEDIUM [s1, i1]");
    }

    @Test
    void doesNotFireForTheInterceptingAgencysOwnSightingOrALaterSighting() {
        driver.send(sighting("s1", "RMP", hours(0), KUALA_LUMPUR, person(passport("P1"))),
                sighting("s2", "LABOUR", hours(30), KUALA_LUMPUR, person(passport("P1"))));
        driver.send(interception("i1", "RMP", hours(20), PENANG, 1, List.of(), person(passport("P1"))));
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void doesNotFireJustOutsideTheWindow() {
        driver.send(sighting("s1", "LABOUR", hours(0), KUALA_LUMPUR, person(passport("P1"))));
        driver.send(interception("i1", "RMP", hours(0).plusSeconds(30L * 86400).plusMillis(1), PENANG, 1, List.of(),
                person(passport("P1"))));
        assertThat(driver.alerts()).isEmpty();
    }
}
