package io.waspada.notifier.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Failed sign-ins per username and per address within a sliding window; time passed in. */
class SignInThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private final SignInThrottle throttle = new SignInThrottle(3, 5, Duration.ofMinutes(15), 100);

    @Test
    void aUsernameIsBlockedAfterItsLimitUntilTheOldestFailureLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blockedFor("ali", "10.0.0.1", T0.plusSeconds(60L * i))).isEmpty();
            throttle.failed("ali", "10.0.0.1", T0.plusSeconds(60L * i));
        }
        assertThat(throttle.blockedFor("ali", "10.0.0.2", T0.plusSeconds(180))).contains(Duration.ofMinutes(12));
        assertThat(throttle.blockedFor("ali", "10.0.0.2", T0.plusSeconds(899))).contains(Duration.ofSeconds(1));
        assertThat(throttle.blockedFor("ali", "10.0.0.2", T0.plusSeconds(900))).isEmpty();
        assertThat(throttle.blockedFor("budi", "10.0.0.1", T0.plusSeconds(180))).as("another user").isEmpty();
    }

    @Test
    void anAddressSprayingUsernamesIsBlockedAtItsOwnLimit() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.9", T0);
        }
        assertThat(throttle.blockedFor("someone-new", "10.0.0.9", T0.plusSeconds(1)))
                .contains(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(throttle.blockedFor("someone-new", "10.0.0.8", T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void aSuccessClearsTheUsernameButNotTheAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ali", "10.0.0.1", T0);
        }
        throttle.succeeded("ali", "10.0.0.7");
        assertThat(throttle.blockedFor("ali", "10.0.0.3", T0)).isEmpty();
        throttle.failed("x", "10.0.0.1", T0);
        throttle.failed("y", "10.0.0.1", T0);
        assertThat(throttle.blockedFor("ali", "10.0.0.1", T0)).as("the address's 5 failures stay").isPresent();
    }

    @Test
    void anAttemptCountsAsFailedUntilItSucceedsSoConcurrentAttemptsCannotAllPass() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt("ali", "10.0.0.1", T0)).as("attempt %d", i).isEmpty();
        }
        assertThat(throttle.attempt("ali", "10.0.0.1", T0)).as("the fourth, before any password was checked")
                .isPresent();
        throttle.succeeded("ali", "10.0.0.1");
        assertThat(throttle.attempt("ali", "10.0.0.1", T0)).as("after a success").isEmpty();
    }

    @Test
    void onlyTheMostRecentlyFailingKeysAreRemembered() {
        SignInThrottle small = new SignInThrottle(1, 1000, Duration.ofMinutes(15), 2);
        small.failed("a", "h", T0);
        small.failed("b", "h", T0);
        small.failed("c", "h", T0);
        assertThat(small.blockedFor("a", "other", T0)).as("forgotten: bounded memory").isEmpty();
        assertThat(small.blockedFor("c", "other", T0)).isPresent();
    }
}
