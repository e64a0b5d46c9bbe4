package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.facilitatorPhone;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.correlation.testing.CorrelationDriver;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hot episode (one phone behind dozens of victims reported in a burst) does not emit one version per event: after
 * the first few versions in a second of wall-clock time, its updates wait in the logged store and the next flush
 * sends its latest version, with all of its evidence, once. (The driver's wall clock stands still until advanced.)
 */
class HotEpisodeTest {

    private static final double DAY = 24;
    private static final int VICTIMS = 40;
    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aBurstOfUpdatesGoesOutAsTheFirstFewVersionsThenOneLatestVersionAtTheFlush() {
        burst(0);
        List<Alert> eager = driver.alerts();
        assertThat(eager).extracting(Alert::getVersion).as("v1 and the updates sent at once in this second")
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        KeyValueStore<String, String> deferred = driver.driver().getKeyValueStore(CorrelationTopology.DEFERRED_STORE);
        assertThat(deferred.approximateNumEntries()).as("the rest waits, in the transaction").isEqualTo(1);

        driver.settle();

        List<Alert> flushed = driver.alerts();
        assertThat(flushed).hasSize(1);
        Alert latest = flushed.get(0);
        assertThat(latest.getAlertId()).isEqualTo(eager.get(0).getAlertId());
        assertThat(latest.getVersion()).as("the episode's latest version; the ones between are never sent")
                .isEqualTo(VICTIMS - 2L);
        assertThat(latest.getEventCount()).isEqualTo(VICTIMS);
        assertThat(deferred.approximateNumEntries()).isZero();

        driver.settle();
        assertThat(driver.alerts()).as("nothing is flushed twice").isEmpty();
    }

    @Test
    void aLaterSecondSendsAtOnceAgainAndNoVersionGoesOutTwice() {
        burst(0);
        driver.driver().advanceWallClockTime(Duration.ofMillis(1_000));
        burst(100);
        driver.settle();

        Set<String> seen = new HashSet<>();
        long last = 0;
        for (Alert alert : driver.alerts()) {
            assertThat(seen.add(alert.getAlertId() + ":" + alert.getVersion())).as("%s v%d once", alert.getAlertId(),
                    alert.getVersion()).isTrue();
            assertThat(alert.getVersion()).isGreaterThan(last);
            last = alert.getVersion();
        }
        assertThat(last).isEqualTo(2L * VICTIMS - 2);
    }

    @Test
    void aWaitingVersionGoesOutBeforeStreamTimeLeavesItsEvidenceBehind() {
        burst(0);
        assertThat(driver.alerts()).hasSize(5);
        // A replay drains weeks of event time between two flushes: another key's event moves stream time past the
        // episode's expiry and its evidence's retention. The version that waited goes out first, with its evidence.
        driver.streamTimeAt(45.5 * DAY);

        List<Alert> sent = driver.alerts();
        assertThat(sent).extracting(Alert::getVersion).as("the waiting version, with no wall-clock flush")
                .containsExactly(VICTIMS - 2L);
        assertThat(sent.get(0).getEventCount()).isEqualTo(VICTIMS);
        KeyValueStore<String, String> deferred = driver.driver().getKeyValueStore(CorrelationTopology.DEFERRED_STORE);
        assertThat(deferred.approximateNumEntries()).isZero();
    }

    /** {@code VICTIMS} sightings in Kuala Lumpur, each of one more victim with facilitator phone F1, within 24 minutes. */
    private void burst(int firstVictim) {
        for (int i = 0; i < VICTIMS; i++) {
            int n = firstVictim + i;
            driver.send(sighting("s" + n, "LABOUR", hours(DAY + i / 100.0 + firstVictim / 200.0), KUALA_LUMPUR,
                    victim(passport("V" + n)), facilitatorPhone("F1")));
        }
    }
}
