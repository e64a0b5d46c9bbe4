package io.waspada.correlation.domain;

import java.util.List;

/**
 * A subject of an agency event, reduced to what correlation needs: type, role, whether a minor, and the
 * identifier tokens. Its identity across events is its smallest token (null when it has none).
 */
public record ObservedSubject(String type, String role, boolean minor, List<TokenRef> identifiers) {

    public static final String VICTIM = "SUSPECTED_VICTIM";
    public static final String FACILITATOR = "SUSPECTED_FACILITATOR";

    public boolean isPerson() {
        return "PERSON".equals(type);
    }

    public boolean isVictim() {
        return VICTIM.equals(role);
    }

    public boolean isFacilitator() {
        return FACILITATOR.equals(role);
    }

    public boolean names(String token) {
        for (TokenRef ref : identifiers) {
            if (ref.token().equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** A stable identity for counting distinct people: the smallest token, or null without identifiers. */
    public String identity() {
        String min = null;
        for (TokenRef ref : identifiers) {
            if (min == null || ref.token().compareTo(min) < 0) {
                min = ref.token();
            }
        }
        return min;
    }
}
