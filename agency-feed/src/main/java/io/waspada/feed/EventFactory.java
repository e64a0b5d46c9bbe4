package io.waspada.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Builds API bodies (JSON) for sightings and interceptions: the building blocks of planted patterns, and seeded
 * everyday traffic (mostly unremarkable persons at the region's crossings, a few vehicles, phones and vessels).
 */
final class EventFactory {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> EVERYDAY_INDICATORS = List.of("FRAUDULENT_DOCUMENTS", "DECEPTIVE_RECRUITMENT",
            "DOCUMENTS_HELD_BY_THIRD_PARTY");

    private final Random random;
    private final FakeIdentifiers ids;
    private final long runNonce;

    /** {@code runNonce} makes eventIds differ between runs of one seed (observedAt is relative to now anyway). */
    EventFactory(Random random, long runNonce) {
        this.random = random;
        this.ids = new FakeIdentifiers(random);
        this.runNonce = runNonce;
    }

    FakeIdentifiers ids() {
        return ids;
    }

    String eventId() {
        long most = (random.nextLong() ^ runNonce) & 0xffffffffffff0fffL | 0x0000000000004000L;
        long least = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    ObjectNode sighting(String agency, Place place, Instant observedAt, List<ObjectNode> subjects,
            List<String> indicators, String direction) {
        ObjectNode body = JSON.objectNode();
        body.put("eventId", eventId());
        body.put("agency", agency);
        body.put("observedAt", observedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode location = body.putObject("location");
        double[] point = place.near(random);
        location.put("lat", point[0]).put("lon", point[1]).put("country", place.country()).put("region", place.region());
        if (place.site() != null) {
            location.put("site", place.site());
        }
        ArrayNode subjectArray = body.putArray("subjects");
        subjects.forEach(subjectArray::add);
        ArrayNode indicatorArray = body.putArray("indicators");
        indicators.forEach(indicatorArray::add);
        body.put("direction", direction);
        body.put("handling", "H" + (random.nextInt(10) < 7 ? 1 : random.nextInt(3)));
        body.put("sourceReliability", List.of("A", "B", "B", "C").get(random.nextInt(4)));
        body.put("informationAccuracy", 1 + random.nextInt(3));
        return body;
    }

    ObjectNode interception(String agency, Place place, Instant observedAt, List<ObjectNode> subjects,
            List<String> indicators, String outcome, int personsCount) {
        ObjectNode body = sighting(agency, place, observedAt, subjects, indicators, "INTERNAL");
        body.put("outcome", outcome);
        body.put("personsCount", personsCount);
        body.put("caseReference", agency + "/" + place.region() + "/" + (1000 + random.nextInt(9000)));
        return body;
    }

    ObjectNode person(String role, String nationality, String ageBand, String passport) {
        ObjectNode person = JSON.objectNode().put("type", "PERSON").put("role", role).put("nationality", nationality)
                .put("sex", List.of("F", "M").get(random.nextInt(2))).put("ageBand", ageBand);
        if (passport != null) {
            person.putArray("identifiers").addObject().put("scheme", "PASSPORT").put("value", passport).put("issuer", nationality);
        }
        return person;
    }

    ObjectNode thing(String type, String role, String scheme, String value, String issuer) {
        ObjectNode identifier = JSON.objectNode().put("scheme", scheme).put("value", value);
        if (issuer != null) {
            identifier.put("issuer", issuer);
        }
        ObjectNode subject = JSON.objectNode().put("type", type).put("role", role);
        subject.putArray("identifiers").add(identifier);
        return subject;
    }

    /** One event of everyday traffic, observed in the last half hour before {@code now}. */
    ObjectNode everyday(Instant now) {
        Place place = Place.ALL.get(random.nextInt(Place.ALL.size()));
        String agency = place.agencies().get(random.nextInt(place.agencies().size()));
        Instant observedAt = now.minus(Duration.ofSeconds(random.nextInt(1800)));
        List<ObjectNode> subjects = new java.util.ArrayList<>();
        int persons = 1 + random.nextInt(3);
        for (int i = 0; i < persons; i++) {
            String nationality = ids.nationality();
            subjects.add(person(random.nextInt(10) == 0 ? "WITNESS" : "UNKNOWN", nationality,
                    random.nextInt(20) == 0 ? "MINOR" : "ADULT", ids.passport()));
        }
        if (random.nextInt(8) == 0) {
            subjects.add(thing("VEHICLE", "UNKNOWN", "PLATE", ids.plate(place.country()), place.country()));
        }
        if (random.nextInt(12) == 0) {
            subjects.add(thing("PHONE", "UNKNOWN", "PHONE", ids.phone(place.country()), null));
        }
        if ("MMEA".equals(agency)) {
            boolean mmsi = random.nextBoolean();
            subjects.add(thing("VESSEL", "UNKNOWN", mmsi ? "MMSI" : "IMO", mmsi ? ids.mmsi() : ids.imo(), null));
        }
        // Everyday indicators only away from crossings, so background traffic never completes a planted near-miss.
        List<String> indicators = place.site() == null && random.nextInt(20) == 0
                ? List.of(EVERYDAY_INDICATORS.get(random.nextInt(EVERYDAY_INDICATORS.size()))) : List.of();
        String direction = List.of("INBOUND", "OUTBOUND", "INBOUND", "UNKNOWN").get(random.nextInt(4));
        if (random.nextInt(7) == 0) {
            String outcome = List.of("DENIED_ENTRY", "DETAINED", "ARRESTED").get(random.nextInt(3));
            return interception(agency, place, observedAt, subjects, indicators, outcome, persons).put("kind", "INTERCEPTION");
        }
        return sighting(agency, place, observedAt, subjects, indicators, direction).put("kind", "SIGHTING");
    }
}
