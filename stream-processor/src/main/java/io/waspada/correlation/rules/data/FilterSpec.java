package io.waspada.correlation.rules.data;

import io.waspada.avro.EventKind;
import io.waspada.avro.Outcome;
import io.waspada.sites.SiteKind;
import java.util.Set;

/**
 * Which events count: every given part must hold; a {@code null} part is not tested. {@code anyIndicator}: at least
 * one indicator; {@code indicators}: at least one of these. {@code keyRoles}, {@code schemes}, {@code keySubjects}
 * and {@code watchlisted} are about the key's identifier (token rules). {@code directions}: INBOUND, OUTBOUND,
 * INTERNAL or UNKNOWN.
 */
public record FilterSpec(Set<EventKind> kinds, boolean anyIndicator, Set<String> indicators, Set<String> keyRoles,
        Set<String> schemes, Set<String> keySubjects, Set<SiteKind> siteKinds, Set<String> directions,
        Set<Outcome> outcomes, Boolean minor, Boolean persons, Boolean watchlisted) {

    /** No filter: every event of the key. */
    public static final FilterSpec ALL = new FilterSpec(null, false, null, null, null, null, null, null, null, null,
            null, null);

    public boolean isAll() {
        return equals(ALL);
    }

    /** Whether it names the key's identifier (so it applies to token rules only). */
    public boolean aboutTheKey() {
        return keyRoles != null || schemes != null || keySubjects != null || watchlisted != null;
    }
}
