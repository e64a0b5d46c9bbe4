package io.waspada.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter: doubling, capped, never less than half the step; ends by tries or by time. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 5,
            Duration.ofHours(1));

    @Test
    void doublesWithJitterUpToTheCap() {
        assertThat(backoff.beforeRetry(1, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.beforeRetry(1, () -> 0.999)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
        assertThat(backoff.beforeRetry(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.beforeRetry(3, () -> 0.999)).isBetween(Duration.ofMillis(3990), Duration.ofSeconds(4));
        assertThat(backoff.beforeRetry(10, () -> 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.beforeRetry(60, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void triesEndAfterTheLastAttemptOrOnceTheNextWouldComeAfterRetryFor() {
        assertThat(backoff.afterFailure(1, Duration.ZERO, () -> 0.0)).contains(Duration.ofMillis(500));
        assertThat(backoff.afterFailure(4, Duration.ofSeconds(10), () -> 0.0)).isPresent();
        assertThat(backoff.afterFailure(5, Duration.ofSeconds(10), () -> 0.0)).as("the fifth of five tries").isEmpty();

        // A receiver down for ten minutes: with a 1-minute cap and one hour to retry, tries go on past the outage.
        Backoff hourly = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 100, Duration.ofHours(1));
        int attempt = 1;
        Duration elapsed = Duration.ZERO;
        while (elapsed.compareTo(Duration.ofMinutes(10)) < 0) {
            elapsed = elapsed.plus(hourly.afterFailure(attempt++, elapsed, () -> 0.999).orElseThrow());
        }
        assertThat(attempt).as("tries within ten minutes").isBetween(10, 20);
        assertThat(hourly.afterFailure(attempt, Duration.ofMinutes(59).plusSeconds(40), () -> 0.999))
                .as("a retry that would fall after the hour").isEmpty();
    }

    @Test
    void durationsPrintInPrometheusForm() {
        for (String text : new String[] {"0s", "250ms", "10s", "1m", "1h30m", "4h", "2d", "1w"}) {
            assertThat(io.waspada.notifier.config.Durations.format(io.waspada.notifier.config.Durations.parse(text)))
                    .isEqualTo(text);
        }
    }

    @Test
    void signatureIsHmacSha256OfTheBodyInHex() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(Signature.sign("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
