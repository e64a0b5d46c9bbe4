package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.interception;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GROUP_CROSSING: five persons with trafficking indicators through one border site within two hours. */
class GroupCrossingTest {

    private static final List<String> INDICATORS = io.waspada.correlation.testing.Events.GROUP_INDICATORS;

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void firesWhenTheFifthPersonCrossesTheSameSite() {
        driver.send(sighting("s1", "IMMIGRATION", hours(0), TEBEDU, INDICATORS,
                person(passport("A1")), person(passport("A2"))));
        driver.send(interception("i1", "RMP_GOF", hours(1), TEBEDU, 2, INDICATORS));
        assertThat(driver.alerts()).as("four persons").isEmpty();

        driver.send(sighting("s2", "IMMIGRATION", hours(2), TEBEDU, INDICATORS, person(passport("A3"))));
        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("GROUP_CROSSING v1 HIGH [s1, i1, s2]");
        Alert alert = alerts.get(0);
        assertThat(alert.getSubjectToken()).isEqualTo("TEBEDU");
        assertThat(alert.getLabels()).containsEntry("domain", "LAND").containsEntry("subject", "TEBEDU")
                .containsEntry("region", "SARAWAK");
        assertThat(alert.getEvidence().get(0).getTokens()).containsExactly("A1", "A2");
        assertThat(alert.getTitle()).isEqualTo("5 persons with trafficking indicators crossed at "
                + "Tebedu (Sarawak-West Kalimantan)");
    }

    @Test
    void doesNotCountThePersonTwiceNorEventsWithoutIndicatorsNorOutsideTheWindow() {
        driver.send(sighting("s1", "IMMIGRATION", hours(0), TEBEDU, INDICATORS,
                        person(passport("A1")), person(passport("A2"))),
                sighting("s2", "RMP_GOF", hours(0.5), TEBEDU, INDICATORS,
                        person(passport("A1")), person(passport("A2"))),
                sighting("s3", "IMMIGRATION", hours(1), TEBEDU, List.of(),
                        person(passport("B1")), person(passport("B2")), person(passport("B3"))),
                sighting("s4", "IMMIGRATION", hours(2.5).plusMillis(1), TEBEDU, INDICATORS,
                        person(passport("C1")), person(passport("C2")), person(passport("C3"))),
                sighting("s5", "IMMIGRATION", hours(1), KUALA_LUMPUR, INDICATORS,
                        person(passport("D1")), person(passport("D2")), person(passport("D3"))));
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void tenPersonsMakeItCritical() {
        driver.send(interception("i1", "MMEA", hours(0), TEBEDU, 6, INDICATORS),
                interception("i2", "RMP_GOF", hours(1), TEBEDU, 4, INDICATORS));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly(
                "GROUP_CROSSING v1 HIGH [i1]", "GROUP_CROSSING v2 CRITICAL [i1, i2]");
    }
}
