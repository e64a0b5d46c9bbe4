package io.waspada.notifier.officers;

import io.waspada.avro.Severity;
import io.waspada.notifier.config.Durations;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long an alert of each severity may stay unacknowledged before it escalates, from
 * {@code waspada.escalation.deadline.<severity>} (durations like {@code 5m}, {@code 4h}, or {@code never}).
 */
public final class EscalationDeadlines {

    public static final String NEVER = "never";

    private final Map<Severity, Duration> deadlines = new EnumMap<>(Severity.class);

    /** {@code text} per severity; a missing entry or {@code never} means that severity never escalates. */
    public EscalationDeadlines(Map<Severity, String> text) {
        text.forEach((severity, value) -> {
            if (value != null && !value.isBlank() && !NEVER.equalsIgnoreCase(value.trim())) {
                Duration deadline = Durations.parse(value.trim());
                if (deadline.isNegative() || deadline.isZero()) {
                    throw new IllegalArgumentException("waspada.escalation.deadline."
                            + severity.name().toLowerCase() + ": must be positive or 'never', got " + value);
                }
                deadlines.put(severity, deadline);
            }
        });
    }

    public Optional<Duration> deadline(Severity severity) {
        return Optional.ofNullable(deadlines.get(severity));
    }
}
