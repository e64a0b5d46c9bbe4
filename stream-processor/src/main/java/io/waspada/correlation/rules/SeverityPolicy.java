package io.waspada.correlation.rules;

import io.waspada.avro.Severity;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contract's severity: a base per rule (a watchlist hit takes its entry's severity), raised one step each
 * for a minor, for three or more countries, and for a network or group twice the rule's threshold. Never lowered.
 */
public final class SeverityPolicy {

    /** The rule's base severity, one step up for each factor, capped at CRITICAL; never below {@code previous}. */
    public Severity assess(Rule rule, List<Observation> evidence, List<WatchMark> marks, Severity previous) {
        int level = rule.baseSeverity(marks).ordinal();
        if (rule.raisedByMinor() && evidence.stream().anyMatch(Observation::involvesMinor)) {
            level++;
        }
        Set<String> countries = new HashSet<>();
        evidence.forEach(event -> countries.add(event.country()));
        if (rule.raisedByThreeCountries() && countries.size() >= 3) {
            level++;
        }
        if (rule.twiceTheThreshold(evidence)) {
            level++;
        }
        Severity assessed = Severity.values()[Math.min(level, Severity.CRITICAL.ordinal())];
        return previous != null && previous.ordinal() > assessed.ordinal() ? previous : assessed;
    }
}
