package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Location;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The alert as the API, the WebSocket and webhooks show it (the contract's alert JSON). Tokens only, no raw identifiers. */
@Schema(name = "Alert", description = "An alert as the API, the WebSocket and webhooks show it", requiredProperties = {
        "alertId", "type", "severity", "status", "title", "summary", "labels", "subjectToken", "firstSeen", "lastSeen",
        "eventCount", "evidence", "taskForces", "version", "handling", "createdAt", "updatedAt"})
public record AlertJson(String alertId, String type,
        @Schema(enumeration = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}) String severity,
        @Schema(enumeration = {"OPEN", "ACKNOWLEDGED", "RESOLVED"}, description = "The caller's task force's status")
        String status, String title, String summary,
        Map<String, String> labels, String subjectToken, Instant firstSeen, Instant lastSeen, int eventCount,
        List<Evidence> evidence, List<String> taskForces, long version, String handling, Instant createdAt,
        Instant updatedAt) {

    /** One agency event behind the alert; the raw event stays with that agency. */
    @Schema(name = "Evidence", requiredProperties = {"eventId", "kind", "agency", "observedAt", "location", "indicators",
            "handling"})
    public record Evidence(String eventId, @Schema(enumeration = {"SIGHTING", "INTERCEPTION"}) String kind, String agency,
            Instant observedAt, Place location, List<String> indicators,
            @Schema(enumeration = {"H0", "H1", "H2", "H3"}) String handling) {
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
                a.getVersion(), a.getHandling().name(), a.getCreatedAt(), a.getUpdatedAt());
    }

    /** The same alert with the officers' status (OPEN, ACKNOWLEDGED, RESOLVED). */
    public AlertJson withStatus(io.waspada.notifier.officers.OfficerStatus officerStatus) {
        return new AlertJson(alertId, type, severity, officerStatus.name(), title, summary, labels, subjectToken, firstSeen,
                lastSeen, eventCount, evidence, taskForces, version, handling, createdAt, updatedAt);
    }

    /** The same alert with its title and summary in another language. */
    public AlertJson withText(String localizedTitle, String localizedSummary) {
        return new AlertJson(alertId, type, severity, status, localizedTitle, localizedSummary, labels, subjectToken,
                firstSeen, lastSeen, eventCount, evidence, taskForces, version, handling, createdAt, updatedAt);
    }

    private static Evidence evidence(EvidenceRef e) {
        Location l = e.getLocation();
        return new Evidence(e.getEventId(), e.getKind().name(), e.getAgency(), e.getObservedAt(),
                new Place(l.getLat(), l.getLon(), l.getCountry(), l.getRegion(), l.getSite()),
                List.copyOf(e.getIndicators()), e.getHandling().name());
    }
}
