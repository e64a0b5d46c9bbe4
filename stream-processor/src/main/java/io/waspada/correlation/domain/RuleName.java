package io.waspada.correlation.domain;

/** The five correlation rules of the contract; the name is the alert {@code type} and label. */
public enum RuleName {
    WATCHLIST_HIT,
    CROSS_BORDER_MOVEMENT,
    SIGHTING_INTERCEPTION_LINK,
    FACILITATOR_NETWORK,
    GROUP_CROSSING;

    /** The configuration name: {@code waspada.rules.<configName>.window}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
