package io.waspada.correlation.config;

import java.time.Duration;

/** One rule's settings: the event-time window its evidence must fall in, and its threshold. */
public record RuleSetting(Duration window, int threshold) {

    public RuleSetting {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A rule window must be positive: " + window);
        }
        if (threshold < 1) {
            throw new IllegalArgumentException("A rule threshold must be at least 1: " + threshold);
        }
    }
}
