package io.waspada.notifier.view;

import io.waspada.alerts.AlertLabels;
import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Flag;
import io.waspada.avro.Location;
import io.waspada.notifier.routing.Projection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The alert as the API, the WebSocket and webhooks show it (the contract's alert JSON). Tokens only, no raw identifiers. */
@Schema(name = "Alert", description = "An alert as the API, the WebSocket and webhooks show it", requiredProperties = {
        "alertId", "type", "severity", "status", "title", "summary", "labels", "subjectToken", "firstSeen", "lastSeen",
        "eventCount", "evidence", "taskForces", "version", "handling", "createdAt", "updatedAt", "flags"})
public record AlertJson(String alertId, String type,
        @Schema(enumeration = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}) String severity,
        @Schema(enumeration = {"OPEN", "ACKNOWLEDGED", "RESOLVED"}, description = "The caller's task force's status")
        String status, String title, String summary,
        Map<String, String> labels,
        @Schema(nullable = true, description = "The correlation key's token; null for a protection receiver")
        String subjectToken, Instant firstSeen, Instant lastSeen, int eventCount,
        List<Evidence> evidence, List<String> taskForces, long version, String handling, Instant createdAt,
        Instant updatedAt,
        @Schema(description = "The jurisdiction flags of the evidence, strictest first: what the agencies ask of "
                + "whoever acts (shown before anything else); empty when none")
        List<FlagJson> flags) {

    /** A jurisdiction flag: what the agency that set it asks, in words ({@code notice}). */
    @Schema(name = "Flag", requiredProperties = {"kind", "agency", "notice"})
    public record FlagJson(@Schema(enumeration = {"INFORM_ONLY", "COVERT", "PROTECT_VICTIM"}) String kind,
            @Schema(nullable = true, description = "INFORM_ONLY: the country where nobody may act") String jurisdiction,
            String agency, String notice) {

        static List<FlagJson> of(List<Flag> flags) {
            return of(flags, io.waspada.notifier.i18n.Language.EN);
        }

        /** The flags with their notices in {@code language}. */
        public static List<FlagJson> of(List<Flag> flags, io.waspada.notifier.i18n.Language language) {
            return flags.stream().map(f -> new FlagJson(f.getKind().name(), f.getJurisdiction(), f.getAgency(),
                    FlagNotices.of(f, language))).toList();
        }
    }

    /** One agency event behind the alert; the raw event stays with that agency. */
    @Schema(name = "Evidence", requiredProperties = {"eventId", "kind", "agency", "observedAt", "location", "indicators",
            "handling", "flags"})
    public record Evidence(String eventId, @Schema(enumeration = {"SIGHTING", "INTERCEPTION"}) String kind, String agency,
            Instant observedAt, Place location, List<String> indicators,
            @Schema(enumeration = {"H0", "H1", "H2", "H3"}) String handling, List<FlagJson> flags) {
    }

    /** Where an event was observed. */
    @Schema(name = "Place", requiredProperties = {"lat", "lon", "country", "region"})
    public record Place(double lat, double lon, String country, String region, @Schema(nullable = true) String site) {
    }

    /** The alert as {@code taskForce}'s officers see it, with their own status (OPEN, ACKNOWLEDGED, RESOLVED). */
    public static AlertJson of(AlertState state, String taskForce) {
        Alert a = state.alert();
        return new AlertJson(a.getAlertId(), a.getType(), a.getSeverity().name(), state.statusFor(taskForce).name(), a.getTitle(),
                a.getSummary(), new TreeMap<>(a.getLabels()), a.getSubjectToken(), a.getFirstSeen(), a.getLastSeen(),
                a.getEventCount(), a.getEvidence().stream().map(AlertJson::evidence).toList(), state.taskForces(),
                a.getVersion(), a.getHandling().name(), a.getCreatedAt(), a.getUpdatedAt(), FlagJson.of(a.getFlags()));
    }

    /**
     * The alert as a receiver with {@code projection} sees it: in full, or for a protection receiver without the
     * subject token (and its label), the only identifier an alert shows.
     */
    public AlertJson projectedFor(Projection projection) {
        if (projection == Projection.FULL) {
            return this;
        }
        Map<String, String> needToKnow = new TreeMap<>(labels);
        needToKnow.remove(AlertLabels.SUBJECT);
        return new AlertJson(alertId, type, severity, status, title, summary, needToKnow, null, firstSeen, lastSeen,
                eventCount, evidence, taskForces, version, handling, createdAt, updatedAt, flags);
    }

    /** The same alert with the officers' status (OPEN, ACKNOWLEDGED, RESOLVED). */
    public AlertJson withStatus(io.waspada.notifier.officers.OfficerStatus officerStatus) {
        return new AlertJson(alertId, type, severity, officerStatus.name(), title, summary, labels, subjectToken, firstSeen,
                lastSeen, eventCount, evidence, taskForces, version, handling, createdAt, updatedAt, flags);
    }

    /** The same alert with its title and summary in another language. */
    public AlertJson withText(String localizedTitle, String localizedSummary) {
        return withText(localizedTitle, localizedSummary, flags);
    }

    /** The same alert with its title, summary and flag notices in another language. */
    public AlertJson withText(String localizedTitle, String localizedSummary, List<FlagJson> localizedFlags) {
        return new AlertJson(alertId, type, severity, status, localizedTitle, localizedSummary, labels, subjectToken,
                firstSeen, lastSeen, eventCount, evidence, taskForces, version, handling, createdAt, updatedAt,
                localizedFlags);
    }

    private static Evidence evidence(EvidenceRef e) {
        Location l = e.getLocation();
        return new Evidence(e.getEventId(), e.getKind().name(), e.getAgency(), e.getObservedAt(),
                new Place(l.getLat(), l.getLon(), l.getCountry(), l.getRegion(), l.getSite()),
                List.copyOf(e.getIndicators()), e.getHandling().name(), FlagJson.of(e.getFlags()));
    }
}
