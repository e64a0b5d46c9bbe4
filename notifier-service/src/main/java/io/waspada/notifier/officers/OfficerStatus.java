package io.waspada.notifier.officers;

/**
 * An alert's status as one task force's officers see it: OPEN (waiting for them), ACKNOWLEDGED (by their own task
 * force) or RESOLVED (for everyone). On the wire (JSON, resume cursors, the list's filter) by its name.
 */
public enum OfficerStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    /** The status named {@code name} exactly, or null. */
    public static OfficerStatus named(String name) {
        for (OfficerStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
