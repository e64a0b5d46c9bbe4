package io.waspada.ingest.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A reply's claim holds while the notifier has not closed the request, so a second reply is refused; a claim the
 * notifier never closes (it dropped the reply) lapses after the claim timeout, so the agency can answer again.
 */
class ReplyClaimsTest {

    @Test
    void aClaimHoldsUntilItLapsesThenTheAgencyMayAnswerAgain() {
        AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
        ReplyClaims claims = new ReplyClaims(Duration.ofMinutes(5), clock::get);
        assertThat(claims.held("r1")).isFalse();
        assertThat(claims.claim("r1")).isTrue();
        assertThat(claims.held("r1")).isTrue();
        assertThat(claims.claim("r1")).as("a second reply while the first is in flight").isFalse();
        assertThat(claims.claim("r2")).as("another request is claimed on its own").isTrue();

        clock.set(clock.get().plus(Duration.ofMinutes(5)).minusMillis(1));
        assertThat(claims.claim("r1")).isFalse();
        clock.set(clock.get().plusMillis(1));
        assertThat(claims.held("r1")).as("the notifier never closed it: the claim lapsed").isFalse();
        assertThat(claims.claim("r1")).as("the agency answers again").isTrue();
        assertThat(claims.claim("r1")).as("and that claim holds in turn").isFalse();
    }

    @Test
    void aReleasedClaimFreesTheRequestAtOnce() {
        ReplyClaims claims = new ReplyClaims(Duration.ofMinutes(5), Clock.systemUTC());
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
