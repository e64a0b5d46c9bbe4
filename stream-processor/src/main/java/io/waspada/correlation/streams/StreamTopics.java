package io.waspada.correlation.streams;

import io.waspada.topics.Topics;
import java.util.List;

/**
 * The topic names the correlation topology reads and writes: the platform's by default, fresh ones for a
 * benchmark or an isolated test. Serdes always come from {@link Topics}.
 */
public record StreamTopics(String sightings, String interceptions, String watchlist, String alerts, String dlq,
        String tokenLinks, String rules) {

    public static StreamTopics platform() {
        return new StreamTopics(Topics.SIGHTINGS.name(), Topics.INTERCEPTIONS.name(), Topics.WATCHLIST.name(),
                Topics.ALERTS.name(), Topics.DLQ.name(), Topics.TOKEN_LINKS.name(),
                Topics.RULES.name());
    }

    /** The same topics with a prefix, e.g. {@code bench-1.tip.sightings.v1}. */
    public static StreamTopics prefixed(String prefix) {
        StreamTopics platform = platform();
        return new StreamTopics(prefix + platform.sightings, prefix + platform.interceptions,
                prefix + platform.watchlist, prefix + platform.alerts, prefix + platform.dlq,
                prefix + platform.tokenLinks, prefix + platform.rules);
    }

    public List<String> all() {
        return List.of(sightings, interceptions, watchlist, alerts, dlq, tokenLinks, rules);
    }
}
