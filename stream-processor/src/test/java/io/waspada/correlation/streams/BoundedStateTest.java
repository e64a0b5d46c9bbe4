package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
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
        KeyValueStore<String, List<Observation>> evidence = driver.driver().getKeyValueStore(
                CorrelationTopology.EVIDENCE_STORE);
        KeyValueStore<String, List<Episode>> episodes = driver.driver().getKeyValueStore(
                CorrelationTopology.EPISODE_STORE);
        assertThat(evidence.get("t:OLD")).hasSize(2);

        // 30 days (widest window) + 1 day (grace) + a little later, another key moves stream time on
        driver.send(sighting("e3", "IMMIGRATION", hours(31 * DAY + 6), TEBEDU, person(passport("NEW"))));
        driver.driver().advanceWallClockTime(Duration.ofSeconds(11));

        assertThat(evidence.get("t:OLD")).isNull();
        assertThat(episodes.get("t:OLD")).isNull();
        assertThat(evidence.get("t:NEW")).hasSize(1);
    }

    @Test
    void evidenceBeyondRetentionIsDroppedWhenItsKeyIsSeenAgain() {
        driver.send(sighting("e1", "IMMIGRATION", hours(0), TEBEDU, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(32 * DAY), TEBEDU, person(passport("P1"))));
        KeyValueStore<String, List<Observation>> evidence = driver.driver().getKeyValueStore(
                CorrelationTopology.EVIDENCE_STORE);
        assertThat(evidence.get("t:P1")).extracting(Observation::eventId).containsExactly("e2");
    }
}
