package io.waspada.e2e.rules;

import io.waspada.avro.EventSource;
import io.waspada.avro.Handling;
import io.waspada.avro.Identifier;
import io.waspada.avro.Location;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import java.time.Instant;
import java.util.List;

/**
 * Sightings as the alert-producer writes them to {@code tip.sightings.v1} (identifiers already tokens), for tests that
 * write the correlation input themselves to choose every event's observedAt.
 */
final class Crossings {

    static final Location ENTIKONG = new Location(0.9856, 110.3544, "ID", "KALIMANTAN_BARAT", "ENTIKONG");
    static final Location TEBEDU = new Location(1.0043, 110.367, "MY", "SARAWAK", "TEBEDU");
    static final Location HAT_YAI = new Location(7.0084, 100.4747, "TH", "SONGKHLA", null);
    static final Location BUKIT_KAYU_HITAM = new Location(6.5119, 100.4196, "MY", "KEDAH", "BUKIT_KAYU_HITAM");
    static final Location KUALA_LUMPUR = new Location(3.139, 101.6869, "MY", "KUALA_LUMPUR", "CHOW_KIT");

    private Crossings() {
    }

    /** An adult whose passport token is {@code token}, sighted by {@code agency} at {@code where}, inbound. */
    static Sighting adult(String eventId, String agency, Instant at, Location where, String token) {
        return sighting(eventId, agency, at, where, "INBOUND", person(token, "UNKNOWN", "ADULT"));
    }

    /** A minor (a suspected victim) going {@code direction} at {@code where}: an absence rule's A or B. */
    static Sighting minor(String eventId, Instant at, Location where, String direction, String token) {
        return sighting(eventId, "IMMIGRATION", at, where, direction, person(token, "SUSPECTED_VICTIM", "MINOR"));
    }

    private static Subject person(String token, String role, String ageBand) {
        return Subject.newBuilder().setType("PERSON").setRole(role).setAgeBand(ageBand).setNationality("ID")
                .setIdentifiers(List.of(new Identifier("PASSPORT", token, "k1", "ID", null))).build();
    }

    private static Sighting sighting(String eventId, String agency, Instant at, Location where, String direction,
            Subject subject) {
        // Every enum set explicitly (an Avro default for an enum is not an instance of it).
        return Sighting.newBuilder().setEventId(eventId).setAgency(agency).setObservedAt(at).setLocation(where)
                .setSubjects(List.of(subject)).setIndicators(List.of()).setDirection(direction)
                .setHandling(Handling.H1).setSourceReliability("B").setInformationAccuracy(2)
                .setSource(EventSource.AGENCY).build();
    }
}
