package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PADANG_BESAR;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.facilitatorPhone;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
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

/**
 * REPEAT_CROSSING, the sixth rule, shipped as data ({@code rules/repeat-crossing.yaml}): one person seen at three
 * different border sites within seven days. One agency in one country, so no other rule fires on these events.
 */
class RepeatCrossingTest {

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    private List<Alert> repeatCrossings() {
        return driver.alerts().stream().filter(alert -> alert.getType().equals("REPEAT_CROSSING")).toList();
    }

    @Test
    void firesOnTheThirdDistinctBorderSiteWithinSevenDays() {
        driver.send(sighting("r1", "IMMIGRATION", hours(0), BUKIT_KAYU_HITAM, person(passport("P7"))));
        driver.send(sighting("r2", "IMMIGRATION", hours(30), PADANG_BESAR, person(passport("P7"))));
        driver.send(sighting("r3", "IMMIGRATION", hours(40), KUALA_LUMPUR, person(passport("P7"))));
        assertThat(repeatCrossings()).as("two border sites, and an inland place that does not count").isEmpty();

        driver.send(sighting("r4", "IMMIGRATION", hours(150), TEBEDU, person(passport("P7"))));

        List<Alert> alerts = repeatCrossings();
        assertThat(AlertSummary.of(alerts)).containsExactly("REPEAT_CROSSING v1 MEDIUM [r1, r2, r4]");
        Alert alert = alerts.get(0);
        assertThat(alert.getTitle()).isEqualTo("Passport of one person seen at 3 border sites: Bukit Kayu Hitam ICQS "
                + "(Malaysia-Thailand) and Padang Besar (Malaysia-Thailand) and Tebedu (Sarawak-West Kalimantan)");
        assertThat(alert.getLabels()).containsEntry("type", "REPEAT_CROSSING").containsEntry("pattern",
                "repeat-crossing");
        assertThat(alert.getSubjectToken()).isEqualTo("P7");
    }

    @Test
    void aMinorRaisesItOneStep() {
        driver.send(sighting("m1", "IMMIGRATION", hours(0), BUKIT_KAYU_HITAM, minorVictim(passport("P8"))));
        driver.send(sighting("m2", "IMMIGRATION", hours(10), PADANG_BESAR, minorVictim(passport("P8"))));
        driver.send(sighting("m3", "IMMIGRATION", hours(20), TEBEDU, minorVictim(passport("P8"))));

        assertThat(AlertSummary.of(repeatCrossings())).containsExactly("REPEAT_CROSSING v1 HIGH [m1, m2, m3]");
    }

    @Test
    void threeCrossingsAtTwoSitesDoNotFire() {
        driver.send(sighting("n1", "IMMIGRATION", hours(0), BUKIT_KAYU_HITAM, person(passport("P9"))));
        driver.send(sighting("n2", "IMMIGRATION", hours(20), PADANG_BESAR, person(passport("P9"))));
        driver.send(sighting("n3", "IMMIGRATION", hours(40), BUKIT_KAYU_HITAM, person(passport("P9"))));

        assertThat(repeatCrossings()).isEmpty();
    }

    @Test
    void threeSitesOverEightDaysDoNotFire() {
        driver.send(sighting("d1", "IMMIGRATION", hours(0), BUKIT_KAYU_HITAM, person(passport("P10"))));
        driver.send(sighting("d2", "IMMIGRATION", hours(96), PADANG_BESAR, person(passport("P10"))));
        driver.send(sighting("d3", "IMMIGRATION", hours(192), TEBEDU, person(passport("P10"))));

        assertThat(repeatCrossings()).isEmpty();
    }

    @Test
    void aPhoneAtThreeBorderSitesIsNotAPersonCrossing() {
        driver.send(sighting("f1", "IMMIGRATION", hours(0), BUKIT_KAYU_HITAM, facilitatorPhone("F1")));
        driver.send(sighting("f2", "IMMIGRATION", hours(10), PADANG_BESAR, facilitatorPhone("F1")));
        driver.send(sighting("f3", "IMMIGRATION", hours(20), TEBEDU, facilitatorPhone("F1")));

        assertThat(repeatCrossings()).isEmpty();
    }
}
