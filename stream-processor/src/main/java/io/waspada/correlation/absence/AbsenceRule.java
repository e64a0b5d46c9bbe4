package io.waspada.correlation.absence;

import io.waspada.avro.Severity;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An absence rule: an event A ({@code first}) of a correlation key, and no event B (any of {@code none}) of the same key
 * observed after it within {@code within}. For each A the deadline is A's observedAt + {@code within}; a B with
 * A.observedAt &lt; B.observedAt &lt;= deadline cancels it, whichever of the two arrives first; once the correlation
 * task's stream time passes deadline + {@code grace} (null: the rules' grace, {@code waspada.rules.grace}) with no such
 * B, the rule fires: one alert per A (see {@code PendingAbsences} for how, and the README's "Absence rules").
 *
 * @param id          the alert's {@code type} ([A-Z][A-Z0-9_]{2,63})
 * @param description when it fires, in plain words (the rules API)
 * @param keyedBy     {@code token} or {@code site}
 * @param base        the severity before its raisers
 * @param raisers     each raises one step: {@code minor} (the A involves a minor), {@code threeCountries}
 * @param title       the alert's title from the words about its A
 * @param labels      extra alert labels
 */
public record AbsenceRule(String id, String description, String keyedBy, EventFilter first, List<EventFilter> none,
        Duration within, Duration grace, Severity base, Set<String> raisers,
        Function<AbsenceWords, String> title, Map<String, String> labels) {

    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]{2,63}");
    /** The raisers an absence rule may use (a threshold's "twice" has no meaning here). */
    public static final Set<String> RAISERS = Set.of("minor", "threeCountries");

    public AbsenceRule {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("An absence rule id must match " + ID + ": " + id);
        }
        if (!"token".equals(keyedBy) && !"site".equals(keyedBy)) {
            throw new IllegalArgumentException("An absence rule is keyed by token or site: " + keyedBy);
        }
        if (none == null || none.isEmpty()) {
            throw new IllegalArgumentException("An absence rule needs at least one B (none:)");
        }
        if (within == null || within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("An absence rule's within must be positive: " + within);
        }
        if (grace != null && grace.isNegative()) {
            throw new IllegalArgumentException("An absence rule's grace must not be negative: " + grace);
        }
        if (!RAISERS.containsAll(raisers)) {
            throw new IllegalArgumentException("Unknown raisers " + raisers + "; known: " + RAISERS);
        }
        none = List.copyOf(none);
        raisers = Set.copyOf(raisers);
        labels = Map.copyOf(labels);
    }

    /** Whether the rule correlates on this kind of key. */
    public boolean appliesTo(CorrelationKey key) {
        return key.isToken() == "token".equals(keyedBy);
    }

    /** Whether {@code event} is an A of this rule under {@code key}. */
    public boolean isFirst(CorrelationKey key, Observation event) {
        return appliesTo(key) && first.test(key, event);
    }

    /** Whether {@code event} is a B of this rule under {@code key} (one that cancels an A it follows within T). */
    public boolean isNone(CorrelationKey key, Observation event) {
        if (!appliesTo(key)) {
            return false;
        }
        for (EventFilter filter : none) {
            if (filter.test(key, event)) {
                return true;
            }
        }
        return false;
    }

    public long withinMs() {
        return within.toMillis();
    }

    /** Its grace, or {@code defaultGraceMs} when it has none of its own. */
    public long graceMs(long defaultGraceMs) {
        return grace == null ? defaultGraceMs : grace.toMillis();
    }
}
