package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.facilitatorPhone;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.interception;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.phone;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static io.waspada.correlation.testing.Events.watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Severity;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each rule at its own lateness edge (stream time minus its window minus the 24 h grace), half an hour inside and half
 * an hour beyond: inside it fires, beyond it does not and the event is counted late for that rule only (never
 * dead-lettered while a wider rule may still use it). Cross-border movement and the sighting-interception link are in
 * {@link LatenessAndReplayTest}.
 */
class LatenessPerRuleTest {

    private static final double DAY = 24;
    private static final List<String> INDICATORS = io.waspada.correlation.testing.Events.GROUP_INDICATORS;

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void groupCrossingReachesBack26Hours() {
        driver.streamTimeAt(100);
        double inside = 100 - (2 + 24) + 0.5;
        groupOfFive("in", inside, TEBEDU);
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("GROUP_CROSSING v1 HIGH [in-s1, in-i1, in-s2]");

        double beyond = 100 - (2 + 24) - 0.5;
        groupOfFive("out", beyond, BUKIT_KAYU_HITAM); // another site: its own windows
        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.lateForRule).contains("GROUP_CROSSING");
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void aFacilitatorNetworkReachesBack15Days() {
        driver.streamTimeAt(1000);
        double inside = 1000 - (14 * DAY + 24) + 0.5;
        threeVictims("in", "F-IN", inside);
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("FACILITATOR_NETWORK v1 HIGH [in-1, in-2, in-3]");

        double beyond = 1000 - (14 * DAY + 24) - 0.5;
        threeVictims("out", "F-OUT", beyond);
        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.lateForRule).contains("FACILITATOR_NETWORK");
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void aWatchlistHitReachesBack48Hours() {
        driver.list(watch("w1", "RMP", phone("F1"), Severity.HIGH, null));
        driver.streamTimeAt(200);
        driver.send(sighting("in", "MMEA", hours(200 - 48 + 0.5), PENANG, person(phone("F1"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("WATCHLIST_HIT v1 HIGH [in, w1]");

        driver.send(sighting("out", "MMEA", hours(200 - 48 - 0.5), PENANG, person(phone("F1"))));
        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.lateForRule).contains("WATCHLIST_HIT");
        assertThat(driver.deadLetters()).isEmpty();
    }

    /** Five persons with indicators at one border site within two hours, the first at {@code start}. */
    private void groupOfFive(String prefix, double start, io.waspada.avro.Location site) {
        driver.send(sighting(prefix + "-s1", "IMMIGRATION", hours(start), site, INDICATORS,
                person(passport(prefix + "A1")), person(passport(prefix + "A2"))));
        driver.send(interception(prefix + "-i1", "RMP_GOF", hours(start + 1), site, 2, INDICATORS));
        driver.send(sighting(prefix + "-s2", "IMMIGRATION", hours(start + 2), site, INDICATORS,
                person(passport(prefix + "A3"))));
    }

    /** Three victims linked to one facilitator's phone within 14 days, the first at {@code start}. */
    private void threeVictims(String prefix, String phone, double start) {
        driver.send(interception(prefix + "-1", "RMP", hours(start), PENANG, 1, List.of("DEBT_BONDAGE"),
                victim(passport(prefix + "V1")), facilitatorPhone(phone)));
        driver.send(interception(prefix + "-2", "RMP", hours(start + 2 * DAY), PENANG, 1, List.of(),
                victim(passport(prefix + "V2")), facilitatorPhone(phone)));
        driver.send(sighting(prefix + "-3", "LABOUR", hours(start + 13 * DAY), KUALA_LUMPUR,
                victim(passport(prefix + "V3")), facilitatorPhone(phone)));
    }
}
