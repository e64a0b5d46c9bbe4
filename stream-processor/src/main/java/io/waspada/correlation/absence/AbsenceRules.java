package io.waspada.correlation.absence;

import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * The shipped ones, as their rule files say (MINOR_OUTBOUND_NO_RETURN, {@code rules/minor-outbound-no-return.yaml},
     * the data form of {@link MinorOutboundNoReturn}), with the rules' grace.
     */
    public static AbsenceRules defaults(Duration grace, SiteRegistry sites) {
        return of(io.waspada.correlation.rules.data.StartupRules.shippedSpecs(), Map.of(), grace, IDLE, sites);
    }

    /**
     * The active absence rules among {@code specs}, each with the {@code within} and own grace that {@code overrides}
     * give its id (start-up settings; either may be null), else the spec's within and the rules' {@code grace}.
     */
    public static AbsenceRules of(List<io.waspada.correlation.rules.data.RuleSpec> specs,
            Map<String, Setting> overrides, Duration grace, Duration idle, SiteRegistry sites) {
        List<AbsenceRule> rules = new java.util.ArrayList<>();
        for (var spec : specs) {
            // Shadow mode is for condition rules (#19): an absence rule is in force or not evaluated.
            if (spec.isAbsence() && spec.mode() == io.waspada.correlation.rules.data.RuleSpec.Mode.ACTIVE) {
                Setting setting = overrides.getOrDefault(spec.id(), new Setting(null, null));
                rules.add(io.waspada.correlation.rules.data.AbsenceRuleCompiler.compile(spec, setting.within(),
                        setting.grace(), sites));
            }
        }
        return new AbsenceRules(rules, grace, idle);
    }

    /** A start-up setting's within and own grace for one absence rule (null: not set). */
    public record Setting(Duration within, Duration grace) {
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
