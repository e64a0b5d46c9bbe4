package io.waspada.notifier.ops;

import io.waspada.avro.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts in, rule hits per rule and per minute over the last hour out. A hit is an alert's first version
 * ({@code version} 1), counted under its {@code type} (the rule) at the minute it arrived; during the start-up replay
 * an alert counts at its {@code createdAt}, so a restart rebuilds the last hour. An alertId counts once.
 */
@ApplicationScoped
public class RuleHits {

    /** The platform's shipped rules: shown at zero before their first hit (a rule added at runtime, from its first). */
    public static final List<String> RULES = List.of("WATCHLIST_HIT", "CROSS_BORDER_MOVEMENT",
            "SIGHTING_INTERCEPTION_LINK", "FACILITATOR_NETWORK", "GROUP_CROSSING", "REPEAT_CROSSING",
            "MINOR_OUTBOUND_NO_RETURN");

    private static final int MIN_SWEEP = 10_000;

    private final HourOfMinutes hours = new HourOfMinutes();
    private final Map<String, Instant> counted = new HashMap<>();
    private int sweepAbove = MIN_SWEEP;
    private final Clock clock;

    @Inject
    public RuleHits(Clock clock) {
        this.clock = clock;
        RULES.forEach(hours::declare);
    }

    /** Counts the alert if it is a first version not counted yet. */
    public synchronized void seen(Alert alert, boolean replay) {
        if (alert.getVersion() != 1) {
            return;
        }
        Instant now = clock.instant();
        Instant at = replay ? alert.getCreatedAt() : now;
        if (at.isBefore(now.minusSeconds(60L * HourOfMinutes.MINUTES)) || counted.putIfAbsent(alert.getAlertId(), at) != null) {
            return;
        }
        hours.hit(alert.getType(), at, now);
        // Ids only need remembering for as long as their hit is in the window. When most are still in it, the next
        // sweep waits until the map has doubled: sweeping at every alert past 10,000 an hour would scan them all each time.
        if (counted.size() > sweepAbove) {
            counted.values().removeIf(seen -> seen.isBefore(now.minusSeconds(60L * HourOfMinutes.MINUTES)));
            sweepAbove = Math.max(MIN_SWEEP, 2 * counted.size());
        }
    }

    /** The last hour: the first minute's start, then per rule its 60 per-minute counts, oldest first. */
    public synchronized Series lastHour() {
        Instant now = clock.instant();
        return new Series(HourOfMinutes.firstMinute(now), hours.lastHour(now));
    }

    /** Sixty minutes of counts per rule, starting at {@code from}. */
    public record Series(Instant from, Map<String, List<Long>> perRule) {
    }
}
