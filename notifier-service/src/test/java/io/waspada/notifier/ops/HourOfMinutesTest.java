package io.waspada.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hour ring: 60 minute slots per key, oldest first, stale slots read as zero, out-of-window hits ignored. */
class HourOfMinutesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:30Z");

    @Test
    void countsLandInTheirMinuteWithTheCurrentMinuteLast() {
        HourOfMinutes ring = new HourOfMinutes();
        ring.hit("WATCHLIST_HIT", NOW, NOW);
        ring.hit("WATCHLIST_HIT", NOW.minusSeconds(20), NOW);
        ring.hit("WATCHLIST_HIT", NOW.minus(Duration.ofMinutes(59)), NOW);
        List<Long> series = ring.lastHour(NOW).get("WATCHLIST_HIT");
        assertThat(series).hasSize(60);
        assertThat(series.get(59)).isEqualTo(2);
        assertThat(series.get(0)).isEqualTo(1);
        assertThat(series.stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        assertThat(HourOfMinutes.firstMinute(NOW)).isEqualTo(Instant.parse("2026-11-29T02:01:00Z"));
    }

    @Test
    void aSlotReusedAnHourLaterStartsAgainFromZero() {
        HourOfMinutes ring = new HourOfMinutes();
        ring.hit("GROUP_CROSSING", NOW, NOW);
        ring.hit("GROUP_CROSSING", NOW, NOW);
        Instant later = NOW.plus(Duration.ofHours(1));
        assertThat(ring.lastHour(later).get("GROUP_CROSSING")).containsOnly(0L);
        ring.hit("GROUP_CROSSING", later, later);
        assertThat(ring.lastHour(later).get("GROUP_CROSSING").get(59)).isEqualTo(1);
    }

    @Test
    void hitsOlderThanAnHourOrInTheFutureAreIgnored() {
        HourOfMinutes ring = new HourOfMinutes();
        ring.hit("X", NOW.minus(Duration.ofMinutes(61)), NOW);
        ring.hit("X", NOW.plus(Duration.ofMinutes(2)), NOW);
        assertThat(ring.lastHour(NOW)).doesNotContainKey("X");
    }

    @Test
    void aDeclaredKeyShowsSixtyZeros() {
        HourOfMinutes ring = new HourOfMinutes();
        ring.declare("FACILITATOR_NETWORK");
        assertThat(ring.lastHour(NOW).get("FACILITATOR_NETWORK")).isEqualTo(Collections.nCopies(60, 0L));
    }

    @Test
    void oldMinutesDropOutAsTimeMovesOn() {
        HourOfMinutes ring = new HourOfMinutes();
        ring.hit("X", NOW, NOW);
        assertThat(ring.lastHour(NOW.plus(Duration.ofMinutes(59))).get("X").get(0)).isEqualTo(1);
        assertThat(ring.lastHour(NOW.plus(Duration.ofMinutes(60))).get("X")).containsOnly(0L);
    }
}
