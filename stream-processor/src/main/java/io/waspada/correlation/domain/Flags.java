package io.waspada.correlation.domain;

import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Jurisdiction flags as an alert combines them: every distinct flag (kind, jurisdiction, agency) of its evidence and
 * watchlist entries, strictest first, like the handling code (where the strictest wins); a flag is never dropped
 * because another is stricter, since each says something the others do not (a covert operation and a victim to
 * protect). At most {@link #MAX} are kept (the strictest): the flags' vocabulary is small, so only a key named by
 * events of many agencies and jurisdictions reaches it.
 */
public final class Flags {

    public static final int MAX = 16;
    /** Strictest first: inform only (do not act at all there), covert (do not approach), protect the victim. */
    public static final Comparator<Flag> STRICTEST_FIRST = Comparator.comparingInt((Flag f) -> strictness(f.getKind()))
            .thenComparing(Flag::getJurisdiction, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Flag::getAgency);

    private Flags() {
    }

    /** 0 for the strictest kind; explicit, so a new kind is placed on purpose rather than by its position. */
    public static int strictness(FlagKind kind) {
        return switch (kind) {
            case INFORM_ONLY -> 0;
            case COVERT -> 1;
            case PROTECT_VICTIM -> 2;
        };
    }

    /** {@code held} (already combined) with {@code more}: the same list when {@code more} adds nothing. */
    public static List<Flag> union(List<Flag> held, List<Flag> more) {
        if (more.isEmpty() || held.containsAll(more)) {
            return held;
        }
        List<Flag> all = new ArrayList<>(held.size() + more.size());
        all.addAll(held);
        for (Flag flag : more) {
            if (!all.contains(flag)) {
                all.add(flag);
            }
        }
        all.sort(STRICTEST_FIRST);
        return List.copyOf(all.size() > MAX ? all.subList(0, MAX) : all);
    }
}
