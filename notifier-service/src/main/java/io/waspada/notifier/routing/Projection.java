package io.waspada.notifier.routing;

/**
 * What a receiver's officers and channels see of an alert. {@link #FULL}: everything a task force is cleared for.
 * {@link #PROTECTION}: the need-to-know view of a protection receiver (a social welfare department, a consular
 * protection desk) that takes care of victims but does not pursue suspects: the victim-related facts and places
 * (rule, severity, times, places, indicators, counts, flags, the agencies to contact), never an identifier token (the
 * alert's subject, which is a suspect's phone or vessel as often as a victim's passport) and never what another task
 * force's people wrote (comments, resolution notes, history details). Set per receiver in the routing file
 * ({@code projection: protection}) and applied on every path: the API, the WebSocket, webhooks, email and CAP.
 */
public enum Projection {
    FULL,
    PROTECTION;

    /** The routing file's spelling: {@code full} or {@code protection}. */
    public static Projection parse(String value) {
        if (value == null) {
            return FULL;
        }
        return switch (value) {
            case "full" -> FULL;
            case "protection" -> PROTECTION;
            default -> throw new IllegalArgumentException("unknown projection '" + value
                    + "' (known: full, protection)");
        };
    }

    /** Whether officers of this receiver may see what another task force's people wrote. */
    public boolean showsOthersNotes() {
        return this == FULL;
    }
}
