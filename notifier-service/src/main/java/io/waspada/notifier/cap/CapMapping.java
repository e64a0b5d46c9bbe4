package io.waspada.notifier.cap;

import io.waspada.avro.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How Waspada's alert fields map onto CAP 1.2 vocabularies, and CAP's time format (an offset, never "Z"). */
final class CapMapping {

    // CAP 1.2 allows no fractional seconds and no "Z": xxx prints +00:00 for UTC, never Z.
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapMapping() {
    }

    static String time(Instant instant, ZoneId zone) {
        return CAP_TIME.format(instant.atZone(zone));
    }

    static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "Extreme";
            case HIGH -> "Severe";
            case MEDIUM -> "Moderate";
            case LOW -> "Minor";
        };
    }

    /** How soon a task force must act: the acknowledgement deadlines follow the same order. */
    static String urgency(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "Immediate";
            case HIGH -> "Expected";
            case MEDIUM, LOW -> "Future";
        };
    }

    /** The weakest information-accuracy code of the evidence (1 confirmed .. 4 cannot be judged). */
    static String certainty(int informationAccuracy) {
        return switch (informationAccuracy) {
            case 1 -> "Observed";
            case 2 -> "Likely";
            case 3 -> "Possible";
            default -> "Unknown";
        };
    }

    static String responseType(Severity severity) {
        return severity == Severity.CRITICAL || severity == Severity.HIGH ? "Prepare" : "Monitor";
    }
}
