package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.facilitatorPhone;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.interception;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.phone;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FACILITATOR_NETWORK: one phone behind three distinct suspected victims in 14 days, in two states. */
class FacilitatorNetworkTest {

    private static final double DAY = 24;

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void firesOnTheThirdDistinctVictimAndGrowsWithTheFourth() {
        driver.send(interception("i1", "RMP", hours(0), PENANG, 1, List.of("DEBT_BONDAGE"),
                        victim(passport("V1")), facilitatorPhone("F1")),
                interception("i2", "RMP", hours(2 * DAY), PENANG, 1, List.of(),
                        victim(passport("V2")), facilitatorPhone("F1")));
        assertThat(driver.alerts()).isEmpty();

        driver.send(sighting("s3", "LABOUR", hours(13 * DAY), KUALA_LUMPUR, victim(passport("V3")),
                facilitatorPhone("F1")));
        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("FACILITATOR_NETWORK v1 HIGH [i1, i2, s3]");
        assertThat(alerts.get(0).getSubjectToken()).isEqualTo("F1");
        assertThat(alerts.get(0).getRegions()).containsExactly("KUALA_LUMPUR", "PULAU_PINANG");
        assertThat(alerts.get(0).getTitle()).isEqualTo("Phone of a suspected facilitator linked to 3 suspected victims");

        driver.send(sighting("s4", "LABOUR", hours(13.5 * DAY), KUALA_LUMPUR, victim(passport("V4")),
                facilitatorPhone("F1")));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("FACILITATOR_NETWORK v2 HIGH [i1, i2, s3, s4]");
    }

    @Test
    void theSameVictimTwiceIsOneVictim() {
        driver.send(interception("i1", "RMP", hours(0), PENANG, 1, List.of(), victim(passport("V1")),
                        facilitatorPhone("F1")),
                interception("i2", "LABOUR", hours(24), KUALA_LUMPUR, 1, List.of(), victim(passport("V1")),
                        facilitatorPhone("F1")),
                interception("i3", "RMP", hours(48), PENANG, 1, List.of(), victim(passport("V2")),
                        facilitatorPhone("F1")));
        assertThat(AlertSummary.of(driver.alerts()))
                .as("two distinct victims, and V1 seen by two agencies in one country: only the link rule")
                .containsExactly();
    }

    @Test
    void doesNotFireJustOutsideTheWindowOrWhenThePhoneIsNotTheFacilitators() {
        driver.send(interception("i1", "RMP", hours(0), PENANG, 1, List.of(), victim(passport("V1")),
                        facilitatorPhone("F1")),
                interception("i2", "RMP", hours(DAY), PENANG, 1, List.of(), victim(passport("V2")),
                        facilitatorPhone("F1")),
                interception("i3", "RMP", hours(14 * DAY).plusMillis(1), PENANG, 1, List.of(),
                        victim(passport("V3")), facilitatorPhone("F1")),
                interception("i4", "RMP", hours(DAY), PENANG, 1, List.of(), victim(passport("V4")),
                        person(phone("F1"))));
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void sixVictimsMakeItCritical() {
        for (int i = 1; i <= 6; i++) {
            driver.send(interception("i" + i, "RMP", hours(i), PENANG, 1, List.of(), victim(passport("V" + i)),
                    facilitatorPhone("F1")));
        }
        assertThat(AlertSummary.of(driver.alerts())).containsExactly(
                "FACILITATOR_NETWORK v1 HIGH [i1, i2, i3]",
                "FACILITATOR_NETWORK v2 HIGH [i1, i2, i3, i4]",
                "FACILITATOR_NETWORK v3 HIGH [i1, i2, i3, i4, i5]",
                "FACILITATOR_NETWORK v4 CRITICAL [i1, i2, i3, i4, i5, i6]");
    }
}
