package io.waspada.correlation.absence;

import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The absence rules a topology evaluates, with the rules' default grace and how long a correlation task must see no
 * input before wall-clock time stands in for its stream time ({@code idle}; zero: never).
 */
public record AbsenceRules(List<AbsenceRule> rules, Duration grace, Duration idle) {

    /** {@code waspada.rules.absence.idle}. */
    public static final Duration IDLE = Duration.ofMinutes(15);

    public AbsenceRules {
        rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        for (AbsenceRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("Two absence rules named " + rule.id());
            }
        }
        if (grace.isNegative() || idle.isNegative()) {
            throw new IllegalArgumentException("Grace and idle must not be negative: " + grace + ", " + idle);
        }
    }

    /** The shipped ones: {@link MinorOutboundNoReturn} with its default T, the rules' grace. */
    public static AbsenceRules defaults(Duration grace, SiteRegistry sites) {
        return new AbsenceRules(List.of(MinorOutboundNoReturn.rule(MinorOutboundNoReturn.WITHIN, null, sites)), grace,
                IDLE);
    }

    /** The rule's grace in ms: its own, or the rules'. */
    public long graceMs(AbsenceRule rule) {
        return rule.graceMs(grace.toMillis());
    }

    /** How far behind stream time an event may be and still matter to some absence rule: its T plus grace. */
    public long lateAfterMs() {
        long widest = 0;
        for (AbsenceRule rule : rules) {
            widest = Math.max(widest, rule.withinMs() + graceMs(rule));
        }
        return widest;
    }
}
