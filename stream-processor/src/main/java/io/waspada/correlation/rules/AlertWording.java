package io.waspada.correlation.rules;

import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.sites.SiteRegistry;
import java.time.Instant;
import java.util.Collection;
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

    String title(Rule rule, CorrelationKey key, Episode episode) {
        return rule.title(new Headline(key, episode, sites));
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
}
