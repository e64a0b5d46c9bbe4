package io.waspada.correlation.absence;

import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * The words an absence alert's title is made of: what kind of identifier, where the A was, how long nobody saw the
 * B. Names schemes and places, never an identifier.
 */
public final class AbsenceWords {

    private final CorrelationKey key;
    private final Observation first;
    private final Duration within;
    private final SiteRegistry sites;

    AbsenceWords(CorrelationKey key, Observation first, Duration within, SiteRegistry sites) {
        this.key = key;
        this.first = first;
        this.within = within;
        this.sites = sites;
    }

    /** The identifier's kind in words ("passport"), capitalised when it starts the title; a site key: "a group". */
    public String what(boolean capitalised) {
        String scheme = key.isToken() ? first.schemeOf(key.value()) : null;
        String what = key.isToken() ? scheme == null ? "identifier" : scheme.toLowerCase(Locale.ROOT).replace('_', ' ')
                : "group";
        return capitalised ? Character.toUpperCase(what.charAt(0)) + what.substring(1) : what;
    }

    /** Where the A was: its registered site's name, else its region and country. */
    public String place() {
        String site = first.site();
        if (site != null && sites.find(site).isPresent()) {
            return sites.lookup(site).name();
        }
        return first.location().getRegion() + " (" + first.country() + ")";
    }

    /** The rule's T in words: "7 days", "36 hours", "90 minutes". */
    public String within() {
        if (within.toMinutes() % (24 * 60) == 0) {
            return plural(within.toDays(), "day");
        }
        if (within.toMinutes() % 60 == 0) {
            return plural(within.toHours(), "hour");
        }
        return plural(within.toMinutes(), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
