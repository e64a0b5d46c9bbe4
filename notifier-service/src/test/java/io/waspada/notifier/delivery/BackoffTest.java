package io.waspada.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter: doubling, capped, never less than half the step. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 5);

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
