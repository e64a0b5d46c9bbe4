package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.testing.CorrelationDriver;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** State stays bounded: evidence and episodes older than the widest window plus grace are dropped. */
class BoundedStateTest {

    private static final double DAY = 24;

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void quietKeysAreSweptOnceBeyondWindowPlusGrace() {
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("OLD"))),
                sighting("e2", "IMMIGRATION", hours(5), TEBEDU, person(passport("OLD"))));
        assertThat(driver.alerts()).hasSize(1);
        KeyValueStore<String, List<Episode>> episodes = driver.driver().getKeyValueStore(
                CorrelationTopology.EPISODE_STORE);
        assertThat(evidence("t:OLD")).hasSize(2);

        // 30 days (widest window) + 1 day (grace) + a little later, another key moves stream time on
        driver.send(sighting("e3", "IMMIGRATION", hours(31 * DAY + 6), TEBEDU, person(passport("NEW"))));
        driver.driver().advanceWallClockTime(Duration.ofSeconds(11));

        assertThat(evidence("t:OLD")).isEmpty();
        assertThat(episodes.get("t:OLD")).isNull();
        assertThat(evidence("t:NEW")).hasSize(1);
    }

    @Test
    void evidenceBeyondRetentionIsNoLongerRead() {
        driver.send(sighting("e1", "IMMIGRATION", hours(0), TEBEDU, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(32 * DAY), TEBEDU, person(passport("P1"))));
        assertThat(evidence("t:P1")).extracting(Observation::eventId).containsExactly("e2");
    }

    @Test
    void aHotKeyAppendsOneSmallEntryPerEventAndStillCorrelates() {
        // 1,000 sightings of one passport within a day: each is one entry; none rewrites the others. (The driver
        // commits, and so flushes RocksDB, after every record: the real broker test drives 100,000.)
        for (int i = 0; i < 1_000; i++) {
            driver.send(sighting("hot-" + i, "RMP", hours(i / 100.0), KUALA_LUMPUR, person(passport("HOT"))));
        }
        assertThat(evidence("t:HOT")).hasSize(1_000);
        // The key's neighbours are unaffected: a cross-border pair still alerts at once.
        driver.send(sighting("c1", "ID_IMIGRASI", hours(9), ENTIKONG, person(passport("COLD"))),
                sighting("c2", "IMMIGRATION", hours(10), TEBEDU, person(passport("COLD"))));
        assertThat(driver.alerts()).extracting(a -> a.getType()).contains("CROSS_BORDER_MOVEMENT");
    }

    @Test
    void evidenceKeptByTheFirstGenerationMovesOverWhenItsKeyIsSeenAgain() {
        // As an upgraded instance finds it: a key's observations as one list in the old store.
        KeyValueStore<String, List<Observation>> legacy = driver.driver().getKeyValueStore(
                CorrelationTopology.LEGACY_EVIDENCE_STORE);
        Observation before = io.waspada.correlation.streams.Observations.of(
                sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("UPG"))));
        legacy.put("t:UPG", List.of(before));

        driver.send(sighting("e2", "IMMIGRATION", hours(5), TEBEDU, person(passport("UPG"))));
        assertThat(io.waspada.correlation.testing.AlertSummary.of(driver.alerts()))
                .containsExactly("CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2]");
        assertThat(legacy.get("t:UPG")).isNull();
        assertThat(evidence("t:UPG")).extracting(Observation::eventId).containsExactly("e1", "e2");
    }

    private List<Observation> evidence(String key) {
        WindowStore<String, Observation> store = driver.driver().getWindowStore(CorrelationTopology.EVIDENCE_STORE);
        List<Observation> all = new java.util.ArrayList<>();
        try (var entries = store.fetch(key, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
            entries.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }
}
