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
        return activeAt(now) && Matchers.parse(matchers).matches(labels);
    }

    public Silence expiredAt(Instant now) {
        return new Silence(id, matchers, startsAt, now.isBefore(endsAt) ? now : endsAt, createdBy, comment, now);
    }
}
