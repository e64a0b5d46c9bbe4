package io.waspada.correlation.rulebook;

import io.waspada.correlation.absence.AbsenceRule;
import io.waspada.correlation.rules.Rule;

/**
 * A rule document compiled: its id, the rule to evaluate (a condition {@code rule}, or an {@code absence} rule: one of
 * the two), and the mode it names ({@code null}: not given).
 */
public record CompiledRule(String id, Rule rule, RuleMode mode, AbsenceRule absence) {

    /** A condition rule. */
    public CompiledRule(String id, Rule rule, RuleMode mode) {
        this(id, rule, mode, null);
    }

    /** An absence rule. */
    public static CompiledRule absence(String id, AbsenceRule absence, RuleMode mode) {
        return new CompiledRule(id, null, mode, absence);
    }

    public boolean isAbsence() {
        return absence != null;
    }
}
