package io.waspada.notifier.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence: alerts whose labels match every matcher are not delivered between {@code startsAt} and
 * {@code endsAt}. Expiring a silence sets {@code endsAt} to now. Kept as JSON on {@code tip.silences.v1}.
 */
public record Silence(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment, Instant updatedAt) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return activeAt(now) && COMPILED.computeIfAbsent(matchers, Silence::compile).matches(labels);
    }

    /** Compiled once per distinct matcher list (silences are few; a bad list matches nothing). */
    private static final java.util.Map<List<String>, Matchers> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Matchers compile(List<String> matchers) {
        if (COMPILED.size() > 10_000) {
            COMPILED.clear();
        }
        try {
            return Matchers.parse(matchers);
        } catch (IllegalArgumentException e) {
            return new Matchers(List.of(new Matcher("__never__", MatchType.EQUAL, "\u0000never")));
        }
    }

    public Silence expiredAt(Instant now) {
        return new Silence(id, matchers, startsAt, now.isBefore(endsAt) ? now : endsAt, createdBy, comment, now);
    }
}
