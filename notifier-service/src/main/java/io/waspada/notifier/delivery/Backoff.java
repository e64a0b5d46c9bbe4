package io.waspada.notifier.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry n (1-based) wait {@code initial * 2^(n-1)}, capped at {@code max},
 * of which a random half is jitter, so receivers coming back are not hit by every sender at once. Tries end after
 * {@code maxAttempts}, or when the next one would come later than {@code retryFor} after the first.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts, Duration retryFor) {

    /** The wait before the next try after try {@code attempt} failed {@code elapsed} after the first; empty: give up. */
    public java.util.Optional<Duration> afterFailure(int attempt, Duration elapsed, DoubleSupplier random) {
        Duration wait = beforeRetry(attempt, random);
        boolean inTime = elapsed.plus(wait).compareTo(retryFor) <= 0;
        return attempt < maxAttempts && inTime ? java.util.Optional.of(wait) : java.util.Optional.empty();
    }

    public Duration beforeRetry(int retry, DoubleSupplier random) {
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(retry - 1, 30));
        long half = base / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (base - half)));
    }
}
