package io.waspada.notifier.routing;

/** The four Alertmanager matcher operators: equal, not equal, regex match, regex non-match. */
public enum MatchType {
    EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

    private final String operator;

    MatchType(String operator) {
        this.operator = operator;
    }

    public String operator() {
        return operator;
    }
}
