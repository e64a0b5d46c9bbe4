package io.waspada.correlation.config;

import io.waspada.correlation.domain.RuleName;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every rule's window and threshold, the grace for late events and the evidence cap per alert: what the
 * topology is built from. {@link #defaults()} are the contract's values; Quarkus builds it from {@link RulesConfig}.
 */
public record RuleSettings(Map<RuleName, RuleSetting> rules, Duration grace, int maxAlertEvidence) {

    public RuleSettings {
        for (RuleName rule : RuleName.values()) {
            if (!rules.containsKey(rule)) {
                throw new IllegalArgumentException("No settings for rule " + rule);
            }
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("Grace must not be negative: " + grace);
        }
        rules = Map.copyOf(rules);
    }

    public static RuleSettings defaults() {
        Map<RuleName, RuleSetting> rules = new EnumMap<>(RuleName.class);
        rules.put(RuleName.WATCHLIST_HIT, new RuleSetting(Duration.ofHours(24), 1));
        rules.put(RuleName.CROSS_BORDER_MOVEMENT, new RuleSetting(Duration.ofHours(72), 2));
        rules.put(RuleName.SIGHTING_INTERCEPTION_LINK, new RuleSetting(Duration.ofDays(30), 1));
        rules.put(RuleName.FACILITATOR_NETWORK, new RuleSetting(Duration.ofDays(14), 3));
        rules.put(RuleName.GROUP_CROSSING, new RuleSetting(Duration.ofHours(2), 5));
        return new RuleSettings(rules, Duration.ofHours(24), 100);
    }

    public RuleSetting of(RuleName rule) {
        return rules.get(rule);
    }

    /** A copy with one rule changed (tests, benchmarks). */
    public RuleSettings with(RuleName rule, RuleSetting setting) {
        Map<RuleName, RuleSetting> changed = new EnumMap<>(rules);
        changed.put(rule, setting);
        return new RuleSettings(changed, grace, maxAlertEvidence);
    }

    public RuleSettings withGrace(Duration newGrace) {
        return new RuleSettings(rules, newGrace, maxAlertEvidence);
    }
}
