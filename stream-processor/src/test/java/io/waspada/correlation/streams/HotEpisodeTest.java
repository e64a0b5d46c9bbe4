package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.facilitatorPhone;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.RuleName;
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

    @Test
    void aWaitingVersionOfAnEpisodeAboutToExpireGoesOutBeforeTheEvaluationDropsIt() {
        // A 2-hour network window and 1 hour of grace: the episode of the cell [23 h, 25 h) (2-hour cells from the
        // epoch; hour 0 is 03:00 UTC) expires once stream time passes 23 + 3 * 2 + 1 = 30 h.
        RuleSettings settings = RuleSettings.defaults().with(RuleName.FACILITATOR_NETWORK,
                new RuleSetting(Duration.ofHours(2), 3)).withGrace(Duration.ofHours(1));
        try (CorrelationDriver short2h = new CorrelationDriver(settings)) {
            for (int i = 0; i < VICTIMS; i++) {
                short2h.send(network("a" + i, 24 + i / 100.0, "VA" + i));
            }
            short2h.send(network("edge", 24.99, "VEDGE")); // a window may start here, at the cell's end
            String alertId = short2h.alerts().get(0).getAlertId();
            // Another key moves stream time on by more than an hour: the hour's flush sends what waited.
            short2h.streamTimeAt(29.5);
            long flushed = short2h.alerts().stream().filter(a -> a.getAlertId().equals(alertId))
                    .mapToLong(Alert::getVersion).max().orElseThrow();
            // Reports written up late, still within the grace (stream time 29.5 h minus window and grace: 26.5 h),
            // widen the episode through the window starting at 24.99 h; in the same wall-clock second they wait.
            for (int i = 0; i < 5; i++) {
                short2h.send(network("b" + i, 26.6 + i / 20.0, "VB" + i));
            }
            assertThat(short2h.alerts()).noneMatch(a -> a.getAlertId().equals(alertId));
            // The next event of the phone, 0.7 h of stream time later (no flush is due), takes stream time past the
            // episode's expiry: its waiting version goes out before its evaluation drops the episode.
            short2h.send(network("c", 30.2, "VC"));

            List<Alert> last = short2h.alerts().stream().filter(a -> a.getAlertId().equals(alertId)).toList();
            assertThat(last).as("the waiting version, sent once, before any flush").hasSize(1);
            assertThat(last.get(0).getVersion()).isGreaterThan(flushed);
            assertThat(last.get(0).getEventCount()).as("the burst, the edge event and the late reports")
                    .isEqualTo(VICTIMS + 1 + 5);
            KeyValueStore<String, String> deferred = short2h.driver().getKeyValueStore(CorrelationTopology.DEFERRED_STORE);
            try (var waiting = deferred.all()) {
                assertThat(waiting.hasNext()).as("nothing of the expired episode still waits").isFalse();
            }
        }
    }

    private static io.waspada.avro.Sighting network(String id, double at, String victim) {
        return sighting(id, "LABOUR", hours(at), KUALA_LUMPUR, victim(passport(victim)), facilitatorPhone("F2"));
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
