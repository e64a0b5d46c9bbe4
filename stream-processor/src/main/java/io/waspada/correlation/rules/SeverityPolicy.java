package io.waspada.correlation.rules;

import io.waspada.avro.Severity;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.WatchMark;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contract's severity: a base per rule (a watchlist hit takes its entry's severity), raised one step each
 * for a minor, for three or more countries, and for a network or group twice the rule's threshold. Never lowered.
 */
public final class SeverityPolicy {

    private final RuleSettings settings;

    public SeverityPolicy(RuleSettings settings) {
        this.settings = settings;
    }

    public Severity assess(RuleName rule, List<Observation> evidence, List<WatchMark> marks, Severity previous) {
        int level = base(rule, marks).ordinal();
        if (evidence.stream().anyMatch(Observation::involvesMinor)) {
            level++;
        }
        Set<String> countries = new HashSet<>();
        evidence.forEach(event -> countries.add(event.country()));
        if (countries.size() >= 3) {
            level++;
        }
        int threshold = settings.of(rule).threshold();
        if (rule == RuleName.FACILITATOR_NETWORK && FacilitatorNetworkRule.victims(evidence).size() >= 2 * threshold) {
            level++;
        }
        if (rule == RuleName.GROUP_CROSSING && GroupCrossingRule.persons(evidence) >= 2 * threshold) {
            level++;
        }
        Severity assessed = Severity.values()[Math.min(level, Severity.CRITICAL.ordinal())];
        return previous != null && previous.ordinal() > assessed.ordinal() ? previous : assessed;
    }

    private static Severity base(RuleName rule, List<WatchMark> marks) {
        return switch (rule) {
            case WATCHLIST_HIT -> marks.stream().map(WatchMark::severity)
                    .max(Enum::compareTo).orElse(Severity.HIGH);
            case CROSS_BORDER_MOVEMENT, SIGHTING_INTERCEPTION_LINK -> Severity.MEDIUM;
            case FACILITATOR_NETWORK, GROUP_CROSSING -> Severity.HIGH;
        };
    }
}
