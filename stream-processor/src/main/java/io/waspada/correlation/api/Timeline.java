package io.waspada.correlation.api;

import io.waspada.avro.Handling;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The timeline of one identifier token as served: its evidence in event-time order and its open alerts. */
@Schema(name = "Timeline", requiredProperties = {"token", "servedBy", "events", "alerts"})
public record Timeline(String token, @Schema(description = "host:port of the instance that holds the token's state")
        String servedBy, @Schema(description = "In event-time order") List<Entry> events, List<OpenAlert> alerts) {

    /** One agency event naming the token. */
    @Schema(name = "TimelineEvent", requiredProperties = {"eventId", "kind", "agency", "observedAt", "country", "region",
            "indicators", "handling"})
    public record Entry(String eventId, @Schema(enumeration = {"SIGHTING", "INTERCEPTION"}) String kind, String agency,
            Instant observedAt, String country, String region, @Schema(nullable = true) String site,
            List<String> indicators, @Schema(enumeration = {"H0", "H1", "H2", "H3"}) String handling,
            @Schema(nullable = true, description = "Interceptions only: RESCUED, ARRESTED, DETAINED, DENIED_ENTRY or "
                    + "SEIZED; null for sightings") String outcome) {

        static Entry of(Observation o) {
            return new Entry(o.eventId(), o.kind().name(), o.agency(), Instant.ofEpochMilli(o.observedAt()),
                    o.country(), o.location().getRegion(), o.site(), o.indicators(), o.handling().name(),
                    o.outcome() == null ? null : o.outcome().name());
        }
    }

    /** An alert still open for the token: its id, rule, latest version, size and handling code (its evidence's strictest). */
    @Schema(name = "TimelineAlert", requiredProperties = {"alertId", "type", "version", "severity", "windowStart",
            "eventCount", "handling"})
    public record OpenAlert(String alertId, String type, @Schema(minimum = "1") long version,
            @Schema(enumeration = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}) String severity, Instant windowStart,
            @Schema(minimum = "1") int eventCount, @Schema(enumeration = {"H0", "H1", "H2", "H3"}) String handling) {

        static OpenAlert of(String alertId, Episode episode) {
            // The strictest code of all its evidence, kept with the episode; unknown counts as H3 (fail closed).
            Handling handling = episode.handling() == null ? Handling.H3 : episode.handling();
            return new OpenAlert(alertId, episode.rule(), episode.version(), episode.severity().name(),
                    Instant.ofEpochMilli(episode.firstStart()), episode.eventCount(), handling.name());
        }
    }
}
