package io.waspada.correlation.rules;

import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.sites.SiteRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The words a rule's alert title is made of: what kind of identifier, where the latest evidence was, which countries
 * and agencies. Names schemes, agencies and places, never an identifier (there are only tokens, and they stay in the
 * structured fields).
 */
public final class Headline {

    private final CorrelationKey key;
    private final Episode episode;
    private final SiteRegistry sites;

    Headline(CorrelationKey key, Episode episode, SiteRegistry sites) {
        this.key = key;
        this.episode = episode;
        this.sites = sites;
    }

    /** The evidence the alert carries. */
    public List<Observation> evidence() {
        return episode.evidence();
    }

    public Observation latest() {
        return episode.latest();
    }

    /** The identifier's kind in words ("passport", "phone"), capitalised when it starts the title. */
    public String what(boolean capitalised) {
        String scheme = key.isToken() ? episode.latest().schemeOf(key.value()) : null;
        String what = scheme == null ? "identifier" : scheme.toLowerCase(Locale.ROOT).replace('_', ' ');
        return capitalised ? Character.toUpperCase(what.charAt(0)) + what.substring(1) : what;
    }

    /** Where the latest evidence was: its registered site's name, else its region and country. */
    public String place() {
        Observation event = episode.latest();
        String site = event.site();
        if (site != null && sites.find(site).isPresent()) {
            return sites.lookup(site).name();
        }
        return event.location().getRegion() + " (" + event.country() + ")";
    }

    /** The distinct sites of the evidence by name (a registered site's name, else its code), sorted, joined with " and ". */
    public String siteNames() {
        Collection<String> names = new TreeSet<>();
        for (Observation event : episode.evidence()) {
            if (event.site() != null) {
                names.add(sites.find(event.site()).map(found -> found.name()).orElse(event.site()));
            }
        }
        return String.join(" and ", names);
    }

    /** How many distinct sites the evidence names. */
    public int siteCount() {
        Collection<String> codes = new TreeSet<>();
        for (Observation event : episode.evidence()) {
            if (event.site() != null) {
                codes.add(event.site());
            }
        }
        return codes.size();
    }

    /** The distinct values of one field of the evidence, sorted, joined with " and ". */
    public String all(Function<Observation, String> field) {
        Collection<String> values = new TreeSet<>();
        episode.evidence().forEach(event -> values.add(field.apply(event)));
        return String.join(" and ", values);
    }
}
