package io.waspada.correlation.rulebook;

import java.util.Locale;

/**
 * How a rule version runs: {@code active} raises alerts; {@code shadow} evaluates and keeps its episodes but raises
 * nothing (counted in {@code waspada_rule_shadow_alerts_total{rule}}); {@code disabled} evaluates nothing.
 */
public enum RuleMode {
    ACTIVE, SHADOW, DISABLED;

    /** As written on the topic and in the API: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code text} (any case), or null if there is none. */
    public static RuleMode parse(String text) {
        if (text == null) {
            return null;
        }
        for (RuleMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        return null;
    }
}
