package io.waspada.correlation.testing;

import io.waspada.avro.Handling;
import io.waspada.avro.Identifier;
import io.waspada.avro.Interception;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.avro.WatchlistEntry;
import java.time.Instant;
import java.util.List;

/** Agency events for correlation tests: places on both sides of the borders, subjects in their roles. */
public final class Events {

    /** Trafficking indicators that put an event on its border site's key (group crossing). */
    public static final java.util.List<String> GROUP_INDICATORS =
            java.util.List.of("GROUP_TRAVEL_SAME_SPONSOR", "DOCUMENTS_HELD_BY_THIRD_PARTY");
    public static final Instant T0 = Instant.parse("2026-11-20T03:00:00Z");
    public static final Location BUKIT_KAYU_HITAM = new Location(6.5119, 100.4196, "MY", "KEDAH", "BUKIT_KAYU_HITAM");
    public static final Location PADANG_BESAR = new Location(6.6621, 100.3217, "MY", "PERLIS", "PADANG_BESAR");
    public static final Location TEBEDU = new Location(1.0043, 110.367, "MY", "SARAWAK", "TEBEDU");
    public static final Location ENTIKONG = new Location(0.9856, 110.3544, "ID", "KALIMANTAN_BARAT", "ENTIKONG");
    public static final Location PENANG = new Location(5.41, 100.33, "MY", "PULAU_PINANG", null);
    public static final Location KUALA_LUMPUR = new Location(3.139, 101.6869, "MY", "KUALA_LUMPUR", "CHOW_KIT");
    public static final Location PONTIANAK = new Location(-0.0263, 109.3425, "ID", "KALIMANTAN_BARAT", null);

    private Events() {
    }

    public static Instant hours(double h) {
        return T0.plusMillis((long) (h * 3_600_000));
    }

    public static Identifier passport(String token) {
        return new Identifier("PASSPORT", token, "k1", "ID", null);
    }

    public static Identifier phone(String token) {
        return new Identifier("PHONE", token, "k1", null, null);
    }

    public static Subject person(Identifier... ids) {
        return Subject.newBuilder().setType("PERSON").setRole("UNKNOWN").setAgeBand("ADULT")
                .setIdentifiers(List.of(ids)).build();
    }

    public static Subject victim(Identifier... ids) {
        return Subject.newBuilder().setType("PERSON").setRole("SUSPECTED_VICTIM").setAgeBand("ADULT")
                .setNationality("ID").setIdentifiers(List.of(ids)).build();
    }

    public static Subject minorVictim(Identifier... ids) {
        return Subject.newBuilder().setType("PERSON").setRole("SUSPECTED_VICTIM").setAgeBand("MINOR")
                .setNationality("ID").setIdentifiers(List.of(ids)).build();
    }

    public static Subject facilitatorPhone(String token) {
        return Subject.newBuilder().setType("PHONE").setRole("SUSPECTED_FACILITATOR")
                .setIdentifiers(List.of(phone(token))).build();
    }

    public static Sighting sighting(String eventId, String agency, Instant at, Location where,
            List<String> indicators, Subject... subjects) {
        return Sighting.newBuilder().setEventId(eventId).setAgency(agency).setObservedAt(at).setLocation(where)
                .setSubjects(List.of(subjects)).setIndicators(indicators).setDirection("INBOUND")
                .setHandling(Handling.H1).setSourceReliability("B").setInformationAccuracy(2)
                .setSource(io.waspada.avro.EventSource.AGENCY).build();
    }

    public static Sighting sighting(String eventId, String agency, Instant at, Location where, Subject... subjects) {
        return sighting(eventId, agency, at, where, List.of(), subjects);
    }

    public static Interception interception(String eventId, String agency, Instant at, Location where,
            int persons, List<String> indicators, Subject... subjects) {
        return Interception.newBuilder().setEventId(eventId).setAgency(agency).setObservedAt(at).setLocation(where)
                .setSubjects(List.of(subjects)).setIndicators(indicators).setDirection("INBOUND")
                .setHandling(Handling.H2).setSourceReliability("A").setInformationAccuracy(1)
                .setOutcome(Outcome.RESCUED).setPersonsCount(persons).build();
    }

    public static WatchlistEntry watch(String entryId, String agency, Identifier id, Severity severity,
            Instant expiresAt) {
        return WatchlistEntry.newBuilder().setEntryId(entryId).setOwningAgency(agency).setIdentifier(id)
                .setReason("Recruiter named by rescued victims").setSeverity(severity).setCreatedAt(T0.minusSeconds(86400))
                .setExpiresAt(expiresAt).build();
    }
}
