package io.waspada.notifier.i18n;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The time zones times are shown in: Malaysia (MYT), western and central Indonesia (WIB, WITA). Officers and task
 * forces choose among these; anything else is refused. UTC is always one hover away.
 */
public enum OfficerZone {
    MYT("Asia/Kuala_Lumpur"),
    WIB("Asia/Jakarta"),
    WITA("Asia/Makassar");

    private final String id;

    OfficerZone(String id) {
        this.id = id;
    }

    /** The IANA id, e.g. {@code Asia/Kuala_Lumpur}. */
    public String id() {
        return id;
    }

    /** The abbreviation shown after a time: MYT, WIB or WITA. */
    public String abbreviation() {
        return name();
    }

    public ZoneId zone() {
        return ZoneId.of(id);
    }

    /** The zone with this IANA id (or abbreviation), or empty. */
    public static Optional<OfficerZone> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(z -> z.id.equals(v) || z.name().equalsIgnoreCase(v)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(OfficerZone::id).toList();
    }
}
