package io.waspada.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The feed's JSON summary: options, counts, how the open loop kept to its schedule, every planted pattern (round,
 * expected alert type, eventIds, watchlist entries), the near-misses (the alert each must not raise), and the
 * planted calls that were not accepted.
 */
final class FeedSummary {

    /** The patterns planted in one round: round 0 at the start (with near-misses), then one per {@code --plant-every}. */
    record Round(int number, List<Planted> patterns) {
    }

    private FeedSummary() {
    }

    static ObjectNode of(FeedOptions options, Instant start, FeedCounts counts, EverydayTraffic.Schedule schedule,
            List<Round> rounds, List<String> plantedFailures) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("url", options.url()).put("seed", options.seed()).put("startedAt", start.toString())
                .put("durationSeconds", options.duration().toMillis() / 1000.0).put("rate", options.rate())
                .put("plantEverySeconds", options.plantEvery().toMillis() / 1000.0);
        ObjectNode totals = summary.putObject("counts");
        totals.put("posted", counts.posted.get()).put("accepted", counts.accepted.get())
                .put("rejected", counts.rejected.get()).put("failed", counts.failed.get())
                .put("plantedEvents", rounds.stream().flatMap(r -> r.patterns().stream())
                        .mapToInt(p -> p.eventIds().size()).sum());
        if (counts.lastFailure.get() != null) {
            totals.put("lastFailure", counts.lastFailure.get());
        }
        summary.putObject("schedule").put("maxSendDelayMs", schedule.maxSendDelayMs())
                .put("eventsLateOver100ms", schedule.eventsLateOver100ms()).put("peakInFlight", schedule.peakInFlight())
                .put("unanswered", schedule.unanswered());
        ArrayNode planted = summary.putArray("planted");
        ArrayNode nearMisses = summary.putArray("nearMisses");
        for (Round round : rounds) {
            for (Planted p : round.patterns()) {
                ObjectNode item = p.expectedAlertType() != null ? planted.addObject() : nearMisses.addObject();
                item.put("pattern", p.pattern());
                if (round.number() > 0) {
                    item.put("round", round.number());
                }
                if (p.expectedAlertType() != null) {
                    item.put("expectedAlertType", p.expectedAlertType());
                } else {
                    item.put("mustNotRaise", p.mustNotRaise());
                }
                ArrayNode ids = item.putArray("eventIds");
                p.eventIds().forEach(ids::add);
                if (!p.watchlistEntryIds().isEmpty()) {
                    ArrayNode entries = item.putArray("watchlistEntryIds");
                    p.watchlistEntryIds().forEach(entries::add);
                }
            }
        }
        ArrayNode failures = summary.putArray("plantedFailures");
        plantedFailures.forEach(failures::add);
        return summary;
    }
}
