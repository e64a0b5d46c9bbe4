package io.waspada.notifier.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A silence: alerts whose labels match every matcher are not delivered between {@code startsAt} and
 * {@code endsAt}, to any task force (national, {@code taskForce} null) or only to {@code taskForce} (a lead's
 * silence). Expiring a silence sets {@code endsAt} to now and says who did. Kept as JSON on {@code tip.silences.v1}.
 */
@Schema(name = "Silence", requiredProperties = {"id", "matchers", "startsAt", "endsAt", "createdBy", "updatedAt"})
public record Silence(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy,
        @Schema(nullable = true) String comment, Instant updatedAt,
        @Schema(nullable = true, description = "The only task force it mutes for; null: national") String taskForce,
        @Schema(nullable = true) String expiredBy) {

    /** JSON from the topic: records written before scopes have no {@code taskForce} (national) nor {@code expiredBy}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** A national silence (every task force), as ops and admins make them. */
    public Silence(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
            Instant updatedAt) {
        this(id, matchers, startsAt, endsAt, createdBy, comment, updatedAt, null, null);
    }

    /** Mutes for every task force (no {@code taskForce}), or only for its own. */
    public boolean national() {
        return taskForce == null;
    }

    /** Whether it applies to deliveries to {@code receiver}: a national silence does, a scoped one only to its own. */
    public boolean appliesTo(String receiver) {
        return national() || taskForce.equals(receiver);
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

    public Silence expiredAt(Instant now, String by) {
        return new Silence(id, matchers, startsAt, now.isBefore(endsAt) ? now : endsAt, createdBy, comment, now,
                taskForce, by);
    }
}
