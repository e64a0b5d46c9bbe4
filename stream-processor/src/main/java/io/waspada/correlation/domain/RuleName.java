package io.waspada.correlation.domain;

/**
 * The ids of the five built-in correlation rules of the contract (the name is the alert {@code type} and label) and
 * their configuration names; the rules themselves are data ({@code rules/*.yaml}). Other rules have string ids.
 */
public enum RuleName {
    WATCHLIST_HIT,
    CROSS_BORDER_MOVEMENT,
    SIGHTING_INTERCEPTION_LINK,
    FACILITATOR_NETWORK,
    GROUP_CROSSING;

    /** The built-in rule with this id, or null for any other rule. */
    public static RuleName builtIn(String id) {
        for (RuleName rule : values()) {
            if (rule.name().equals(id)) {
                return rule;
            }
        }
        return null;
    }

    /** The configuration name: {@code waspada.rules.<configName>.window}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
