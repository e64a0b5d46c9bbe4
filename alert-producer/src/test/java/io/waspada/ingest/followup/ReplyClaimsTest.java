package io.waspada.ingest.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A reply's claim holds while the notifier has not closed the request, so a second reply is refused; a claim the
 * notifier never closes (it dropped the reply) lapses after the claim timeout, so the agency can answer again.
 */
class ReplyClaimsTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aClaimHoldsUntilItLapsesThenTheAgencyMayAnswerAgain() {
        MovingClock clock = new MovingClock();
        ReplyClaims claims = new ReplyClaims(Duration.ofMinutes(5), clock);
        assertThat(claims.held("r1")).isFalse();
        assertThat(claims.claim("r1")).isTrue();
        assertThat(claims.held("r1")).isTrue();
        assertThat(claims.claim("r1")).as("a second reply while the first is in flight").isFalse();
        assertThat(claims.claim("r2")).as("another request is claimed on its own").isTrue();

        clock.now = clock.now.plus(Duration.ofMinutes(5)).minusMillis(1);
        assertThat(claims.claim("r1")).isFalse();
        clock.now = clock.now.plusMillis(1);
        assertThat(claims.held("r1")).as("the notifier never closed it: the claim lapsed").isFalse();
        assertThat(claims.claim("r1")).as("the agency answers again").isTrue();
        assertThat(claims.claim("r1")).as("and that claim holds in turn").isFalse();
    }

    @Test
    void aReleasedClaimFreesTheRequestAtOnce() {
        ReplyClaims claims = new ReplyClaims(Duration.ofMinutes(5), new MovingClock());
        assertThat(claims.claim("r1")).isTrue();
        claims.release("r1");
        assertThat(claims.held("r1")).isFalse();
        assertThat(claims.claim("r1")).isTrue();
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThatThrownBy(() -> new ReplyClaims(Duration.ZERO, Clock.systemUTC()))
                .hasMessageContaining("waspada.follow-up.claim-timeout");
    }
}
