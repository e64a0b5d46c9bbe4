package io.waspada.correlation.rulebook;

import io.waspada.correlation.rules.Rule;

/** A rule document compiled: its id, the rule to evaluate, and the mode it names ({@code null}: not given). */
public record CompiledRule(String id, Rule rule, RuleMode mode) {
}
