package io.waspada.correlation.domain;

import java.util.Locale;

/**
 * Which way an event's subjects were going, as the agency reported it (the Avro {@code direction}, a free string):
 * across a border into the reporting country, out of it, within it, or not said. Anything else reads as
 * {@link #UNKNOWN}, as do events stored before the direction was kept.
 */
public enum Direction {
    INBOUND,
    OUTBOUND,
    INTERNAL,
    UNKNOWN;

    /** The direction an agency wrote ({@code null}, blank or unrecognised: {@link #UNKNOWN}). */
    public static Direction of(String reported) {
        if (reported == null) {
            return UNKNOWN;
        }
        return switch (reported.trim().toUpperCase(Locale.ROOT)) {
            case "INBOUND" -> INBOUND;
            case "OUTBOUND" -> OUTBOUND;
            case "INTERNAL" -> INTERNAL;
            default -> UNKNOWN;
        };
    }
}
