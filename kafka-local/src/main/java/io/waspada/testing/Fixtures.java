package io.waspada.testing;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.EventKind;
import io.waspada.avro.EventSource;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Handling;
import io.waspada.avro.Identifier;
import io.waspada.avro.Interception;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.avro.WatchlistEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Domain-shaped sample records for tests: a minor seen at Bukit Kayu Hitam, rescued later in Penang. */
public final class Fixtures {

    public static final Instant OBSERVED = Instant.parse("2026-11-20T03:15:00Z");
    public static final Location BUKIT_KAYU_HITAM = new Location(6.43, 100.42, "MY", "KEDAH", "BUKIT_KAYU_HITAM");
    public static final Location PENANG = new Location(5.41, 100.33, "MY", "PULAU_PINANG", null);

    private Fixtures() {
    }

    public static Identifier passport(String token) {
        return new Identifier("PASSPORT", token, "k1", "ID", null);
    }

    public static Subject victim(Identifier... identifiers) {
        return Subject.newBuilder().setType("PERSON").setRole("SUSPECTED_VICTIM").setNationality("ID")
                .setSex("F").setAgeBand("MINOR").setIdentifiers(List.of(identifiers)).build();
    }

    public static Sighting sighting(String eventId, Identifier identifier) {
        return Sighting.newBuilder()
                .setEventId(eventId)
                .setAgency("IMMIGRATION")
                .setObservedAt(OBSERVED)
                .setLocation(BUKIT_KAYU_HITAM)
                .setSubjects(List.of(victim(identifier)))
                .setIndicators(List.of("DOCUMENTS_HELD_BY_THIRD_PARTY", "UNACCOMPANIED_MINOR"))
                .setDirection("INBOUND")
                .setHandling(Handling.H2)
                .setSourceReliability("B")
                .setInformationAccuracy(2)
                .setSource(EventSource.AGENCY)
                .setReceivedAt(OBSERVED.plusSeconds(60))
                .build();
    }

    public static Interception interception(String eventId, Identifier identifier) {
        return Interception.newBuilder()
                .setEventId(eventId)
                .setAgency("RMP")
                .setObservedAt(OBSERVED.plusSeconds(6 * 3600))
                .setLocation(PENANG)
                .setSubjects(List.of(victim(identifier)))
                .setIndicators(List.of("RESTRICTED_MOVEMENT"))
                .setDirection("INTERNAL")
                .setHandling(Handling.H1)
                .setSourceReliability("A")
                .setInformationAccuracy(1)
                .setOutcome(Outcome.RESCUED)
                .setPersonsCount(3)
                .setCaseReference("RMP/PG/2026/0142")
                .build();
    }

    public static WatchlistEntry watchlistEntry(String entryId, Identifier identifier) {
        return WatchlistEntry.newBuilder()
                .setEntryId(entryId)
                .setOwningAgency("RMP")
                .setIdentifier(identifier)
                .setReason("Recruiter named by three rescued victims")
                .setSeverity(Severity.HIGH)
                .setCreatedAt(OBSERVED)
                .setExpiresAt(Instant.parse("2027-01-31T00:00:00Z"))
                .build();
    }

    public static Alert alert(String alertId, Sighting sighting) {
        EvidenceRef evidence = EvidenceRef.newBuilder()
                .setEventId(sighting.getEventId())
                .setKind(EventKind.SIGHTING)
                .setAgency(sighting.getAgency())
                .setObservedAt(sighting.getObservedAt())
                .setLocation(sighting.getLocation())
                .setIndicators(sighting.getIndicators())
                .setHandling(sighting.getHandling())
                .setTokens(List.of(sighting.getSubjects().get(0).getIdentifiers().get(0).getToken()))
                .setSource(sighting.getSource())
                .build();
        return Alert.newBuilder()
                .setAlertId(alertId)
                .setType("WATCHLIST_HIT")
                .setVersion(1)
                .setSeverity(Severity.CRITICAL)
                .setTitle("Watchlisted passport seen at Bukit Kayu Hitam")
                .setSummary("An unaccompanied minor's passport on an RMP watchlist was seen by IMMIGRATION")
                .setSubjectToken(evidence.getTokens().get(0))
                .setWindowStart(sighting.getObservedAt())
                .setFirstSeen(sighting.getObservedAt())
                .setLastSeen(sighting.getObservedAt())
                .setEventCount(1)
                .setEvidence(List.of(evidence))
                .setAgencies(List.of("IMMIGRATION"))
                .setCountries(List.of("MY"))
                .setRegions(List.of("KEDAH"))
                .setHandling(Handling.H2)
                .setLabels(Map.of("type", "WATCHLIST_HIT", "severity", "CRITICAL", "region", "KEDAH",
                        "domain", "LAND", "countries", "MY", "agencies", "IMMIGRATION"))
                .setCreatedAt(OBSERVED.plusSeconds(61))
                .setUpdatedAt(OBSERVED.plusSeconds(61))
                .build();
    }

    public static AlertLifecycleEvent acknowledged(String alertId) {
        return AlertLifecycleEvent.newBuilder()
                .setEventId(alertId + "-ack-1")
                .setAlertId(alertId)
                .setAlertVersion(1)
                .setAction(LifecycleAction.ACKED)
                .setAt(OBSERVED.plusSeconds(300))
                .setActor("officer.north")
                .setTaskForce("LAND_NORTH")
                .setChannel("console")
                .setDetail("Team dispatched to Bukit Kayu Hitam")
                .build();
    }
}
