package io.waspada.correlation.testing;

import io.waspada.avro.Alert;
import io.waspada.avro.EventKind;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.correlation.rules.AlertComposer;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.streams.Observations;
import io.waspada.sites.SiteRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The episode definition read literally, over the final set of events, with no state and no order: for every
 * correlation key and rule, every window [s, s + window] starting at one of the rule's events in which the rule
 * holds, grouped by the grid cell of s; an episode's evidence is every event of its windows. The oracle the
 * engine's incremental result is checked against (for events late for no rule and keys within the history cap).
 */
public final class ReferenceEpisodes {

    private static final Comparator<Observation> EVENT_ORDER =
            Comparator.comparingLong(Observation::observedAt).thenComparing(Observation::eventId);

    private ReferenceEpisodes() {
    }

    /** alertId to "RULE count [last max-alert-evidence event ids in event order]" for every episode of the events. */
    public static Map<String, String> of(List<Observation> events, Map<String, List<WatchMark>> watched,
            RuleSettings settings, SiteRegistry sites) {
        // The rules in force by default: the shipped rules as data (their equivalence with the Java rules is
        // DataRulesEquivalenceTest's subject).
        List<Rule> rules = io.waspada.correlation.rules.RuleEngine.of(settings, sites).rules();
        Map<String, List<Observation>> byKey = new HashMap<>();
        for (Observation event : events) {
            for (var keyed : Observations.byCorrelationKey(event, sites)) {
                byKey.computeIfAbsent(keyed.key, k -> new ArrayList<>()).add(keyed.value);
            }
        }
        Map<String, String> episodes = new TreeMap<>();
        byKey.forEach((keyText, keyEvents) -> {
            CorrelationKey key = CorrelationKey.parse(keyText);
            List<WatchMark> marks = key.isToken() ? watched.getOrDefault(key.value(), List.of()) : List.of();
            for (Rule rule : rules) {
                if (!rule.appliesTo(key)) {
                    continue;
                }
                List<Observation> relevant = new ArrayList<>();
                for (Observation event : keyEvents) {
                    if (rule.relevant(key, event, rule.matchesWatchlist() ? marks : List.of())) {
                        relevant.add(event);
                    }
                }
                relevant.sort(EVENT_ORDER);
                episodes.putAll(episodes(rule, key, relevant, settings.maxAlertEvidence()));
            }
        });
        return episodes;
    }

    private static Map<String, String> episodes(Rule rule, CorrelationKey key, List<Observation> relevant, int max) {
        long window = rule.windowMs();
        Map<Long, long[]> firing = new TreeMap<>(); // cell -> {first start, last start}
        for (int i = 0; i < relevant.size(); i++) {
            long start = relevant.get(i).observedAt();
            if (i > 0 && relevant.get(i - 1).observedAt() == start) {
                continue;
            }
            List<Observation> inWindow = new ArrayList<>();
            for (int j = i; j < relevant.size() && relevant.get(j).observedAt() <= start + window; j++) {
                inWindow.add(relevant.get(j));
            }
            if (rule.holds(key, inWindow)) {
                long[] range = firing.computeIfAbsent(Episode.cellStart(start, window), c -> new long[] {start, start});
                range[1] = start;
            }
        }
        Map<String, String> episodes = new HashMap<>();
        firing.forEach((cell, range) -> {
            List<String> ids = new ArrayList<>();
            for (Observation event : relevant) {
                if (event.observedAt() >= range[0] && event.observedAt() <= range[1] + window) {
                    ids.add(event.eventId());
                }
            }
            int count = ids.size();
            List<String> carried = ids.subList(Math.max(0, count - max), count);
            episodes.put(AlertComposer.alertId(rule.id(), key, cell),
                    rule.id() + " " + count + " " + carried);
        });
        return episodes;
    }

    /** The same form for an alert version the engine emitted: its rule, count and the events it carries. */
    public static String summary(Alert alert) {
        List<String> ids = new ArrayList<>();
        alert.getEvidence().stream().filter(ref -> ref.getKind() != EventKind.WATCHLIST)
                .forEach(ref -> ids.add(ref.getEventId()));
        return alert.getType() + " " + alert.getEventCount() + " " + ids;
    }
}
