package io.waspada.correlation.rules;

import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.sites.SiteRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The plain words of an alert for an officer: what was seen, by whom, where and when. Names schemes, agencies
 * and places, never an identifier (there are only tokens, and they stay in the structured fields).
 */
final class AlertWording {

    private final SiteRegistry sites;

    AlertWording(SiteRegistry sites) {
        this.sites = sites;
    }

    String title(CorrelationKey key, Episode episode) {
        Observation latest = episode.latest();
        String what = key.isToken() ? scheme(key, episode) : "";
        String place = place(latest);
        return switch (episode.rule()) {
            case WATCHLIST_HIT -> "Watchlisted " + what + " seen by " + latest.agency() + " at " + place;
            case CROSS_BORDER_MOVEMENT -> capitalised(what) + " seen in "
                    + String.join(" and ", values(episode, Observation::country)) + " by "
                    + String.join(" and ", values(episode, Observation::agency));
            case SIGHTING_INTERCEPTION_LINK -> capitalised(what) + " intercepted by " + interceptor(episode)
                    + " was sighted earlier by another agency";
            case FACILITATOR_NETWORK -> capitalised(what) + " of a suspected facilitator linked to "
                    + FacilitatorNetworkRule.victims(episode.evidence()).size() + " suspected victims";
            case GROUP_CROSSING -> GroupCrossingRule.persons(episode.evidence())
                    + " persons with trafficking indicators crossed at " + place;
        };
    }

    String summary(Episode episode, Collection<String> agencies, Collection<String> countries,
            Collection<String> regions, boolean minor) {
        StringBuilder text = new StringBuilder();
        text.append(episode.eventCount()).append(episode.eventCount() == 1 ? " event" : " events")
                .append(" reported by ").append(String.join(", ", agencies))
                .append(" in ").append(String.join(", ", regions))
                .append(" (").append(String.join(", ", countries)).append(")")
                .append(" between ").append(Instant.ofEpochMilli(episode.firstSeen()))
                .append(" and ").append(Instant.ofEpochMilli(episode.lastSeen())).append('.');
        if (!episode.watchMarks().isEmpty()) {
            text.append(" On the watchlist of ");
            TreeSet<String> owners = new TreeSet<>();
            for (WatchMark mark : episode.watchMarks()) {
                owners.add(mark.owningAgency() + " (" + mark.severity() + ")");
            }
            text.append(String.join(", ", owners)).append('.');
        }
        if (minor) {
            text.append(" A minor is involved.");
        }
        text.append(" The evidence stays with the reporting agencies.");
        return text.toString();
    }

    private String place(Observation event) {
        String site = event.site();
        if (site != null && sites.find(site).isPresent()) {
            return sites.lookup(site).name();
        }
        return event.location().getRegion() + " (" + event.country() + ")";
    }

    private static String scheme(CorrelationKey key, Episode episode) {
        String scheme = episode.latest().schemeOf(key.value());
        return scheme == null ? "identifier" : scheme.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String interceptor(Episode episode) {
        return episode.evidence().stream().filter(Observation::isInterception)
                .map(Observation::agency).findFirst().orElse("an agency");
    }

    private static Collection<String> values(Episode episode, java.util.function.Function<Observation, String> field) {
        TreeSet<String> values = new TreeSet<>();
        episode.evidence().forEach(event -> values.add(field.apply(event)));
        return values;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
