package io.waspada.notifier.config;

import io.waspada.avro.Severity;
import io.waspada.notifier.routing.EscalationDeadlines;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads escalation deadlines as people write them: per severity name (any case), a Prometheus duration such as
 * {@code 5m} or {@code 4h}, or {@code never}. Bad input is an {@link IllegalArgumentException} naming the severity.
 */
public final class EscalationDeadlineText {

    private EscalationDeadlineText() {
    }

    /** {@code 5m} to five minutes, {@code never} (or blank) to empty; zero, negative or unreadable values are refused. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank() || EscalationDeadlines.NEVER.equalsIgnoreCase(text.trim())) {
            return Optional.empty();
        }
        Duration deadline = Durations.parse(text.trim());
        if (deadline.isZero() || deadline.isNegative()) {
            throw new IllegalArgumentException("a deadline must be positive or '" + EscalationDeadlines.NEVER
                    + "', got '" + text + "'");
        }
        return Optional.of(deadline);
    }

    /** A routing file's {@code escalation_deadlines} map: severity names to deadlines. */
    public static Map<Severity, Optional<Duration>> parse(Map<String, String> bySeverity) {
        Map<Severity, Optional<Duration>> deadlines = new EnumMap<>(Severity.class);
        bySeverity.forEach((name, text) -> {
            Severity severity = severity(name);
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("escalation_deadlines " + severity + ": needs a duration or '"
                        + EscalationDeadlines.NEVER + "'");
            }
            try {
                deadlines.put(severity, parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("escalation_deadlines " + severity + ": " + e.getMessage(), e);
            }
        });
        return deadlines;
    }

    private static Severity severity(String name) {
        try {
            return Severity.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("escalation_deadlines has an unknown severity '" + name + "' (known: "
                    + Arrays.toString(Severity.values()) + ")");
        }
    }
}
