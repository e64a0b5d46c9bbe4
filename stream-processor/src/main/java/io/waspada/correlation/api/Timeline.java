package io.waspada.correlation.api;

import io.waspada.avro.Handling;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import java.time.Instant;
import java.util.List;

/** The timeline of one identifier token as served: its evidence in event-time order and its open alerts. */
public record Timeline(String token, String servedBy, List<Entry> events, List<OpenAlert> alerts) {

    /** One agency event naming the token. */
    public record Entry(String eventId, String kind, String agency, Instant observedAt, String country, String region,
            String site, List<String> indicators, String handling, String outcome) {

        static Entry of(Observation o) {
            return new Entry(o.eventId(), o.kind().name(), o.agency(), Instant.ofEpochMilli(o.observedAt()),
                    o.country(), o.location().getRegion(), o.site(), o.indicators(), o.handling().name(),
                    o.outcome() == null ? null : o.outcome().name());
        }
    }

    /** An alert still open for the token: its id, rule, latest version, size and handling code (its evidence's strictest). */
    public record OpenAlert(String alertId, String type, long version, String severity, Instant windowStart,
            int eventCount, String handling) {

        static OpenAlert of(String alertId, Episode episode) {
            // The strictest code of all its evidence, kept with the episode; unknown counts as H3 (fail closed).
            Handling handling = episode.handling() == null ? Handling.H3 : episode.handling();
            return new OpenAlert(alertId, episode.rule().name(), episode.version(), episode.severity().name(),
                    Instant.ofEpochMilli(episode.firstStart()), episode.eventCount(), handling.name());
        }
    }
}
