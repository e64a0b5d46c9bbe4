package io.waspada.notifier.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry n (1-based) wait {@code initial * 2^(n-1)}, capped at {@code max},
 * of which a random half is jitter, so receivers coming back are not hit by every sender at once.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    public Duration beforeRetry(int retry, DoubleSupplier random) {
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(retry - 1, 30));
        long half = base / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (base - half)));
    }
}
