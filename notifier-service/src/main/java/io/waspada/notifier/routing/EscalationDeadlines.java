package io.waspada.notifier.routing;

import io.waspada.avro.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A route option: how long an alert of each severity may wait unacknowledged at the task force a route sent it to
 * before it escalates; a severity without a deadline never escalates. Immutable; a child route replaces its parent's
 * deadlines one severity at a time ({@link #overriddenBy}).
 */
public final class EscalationDeadlines {

    public static final String NEVER = "never";

    /** The example, used when the service configuration says nothing: CRITICAL 5m, HIGH 15m, MEDIUM 4h, LOW never. */
    public static final EscalationDeadlines DEFAULTS = new EscalationDeadlines(Map.of(Severity.CRITICAL,
            Duration.ofMinutes(5), Severity.HIGH, Duration.ofMinutes(15), Severity.MEDIUM, Duration.ofHours(4)));

    private final Map<Severity, Duration> deadlines;

    /** {@code deadlines} per severity, each positive; a missing severity never escalates. */
    public EscalationDeadlines(Map<Severity, Duration> deadlines) {
        Map<Severity, Duration> copy = new EnumMap<>(Severity.class);
        deadlines.forEach((severity, deadline) -> {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException(severity + ": a deadline must be positive or '" + NEVER + "'");
            }
            copy.put(severity, deadline);
        });
        this.deadlines = Collections.unmodifiableMap(copy);
    }

    public Optional<Duration> deadline(Severity severity) {
        return Optional.ofNullable(deadlines.get(severity));
    }

    /** These deadlines with the severities named in {@code overrides} replaced (an empty value means never). */
    public EscalationDeadlines overriddenBy(Map<Severity, Optional<Duration>> overrides) {
        Map<Severity, Duration> merged = new EnumMap<>(Severity.class);
        merged.putAll(deadlines);
        overrides.forEach((severity, deadline) -> deadline.ifPresentOrElse(d -> merged.put(severity, d),
                () -> merged.remove(severity)));
        return new EscalationDeadlines(merged);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EscalationDeadlines that && deadlines.equals(that.deadlines);
    }

    @Override
    public int hashCode() {
        return deadlines.hashCode();
    }

    /** As in the routing file, most severe first, e.g. {@code {CRITICAL: PT5M, HIGH: PT15M, MEDIUM: PT4H, LOW: never}}. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity severity = Severity.values()[i];
            text.add(severity + ": " + deadline(severity).map(Duration::toString).orElse(NEVER));
        }
        return text.toString();
    }
}
