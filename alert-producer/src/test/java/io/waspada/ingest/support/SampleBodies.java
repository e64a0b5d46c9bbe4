package io.waspada.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Valid request bodies from the domain, as mutable JSON trees, each with a fresh eventId and a recent observedAt. */
public final class SampleBodies {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** Raw identifiers used in the samples: they must never reach Kafka. */
    public static final String PASSPORT = "C1234567";
    public static final String PHONE = "+62 812-3456-7890";
    public static final String MMSI = "525012345";

    private SampleBodies() {
    }

    public static ObjectNode sighting() {
        return parse("""
                {"eventId": "%s", "agency": "IMMIGRATION", "observedAt": "%s",
                 "location": {"lat": 6.4300, "lon": 100.4200, "country": "MY", "region": "KEDAH", "site": "BUKIT_KAYU_HITAM"},
                 "subjects": [
                   {"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID", "sex": "F", "ageBand": "MINOR",
                    "identifiers": [{"scheme": "PASSPORT", "value": "%s", "issuer": "ID"}]},
                   {"type": "PHONE", "role": "SUSPECTED_FACILITATOR", "identifiers": [{"scheme": "PHONE", "value": "%s"}]},
                   {"type": "VESSEL", "identifiers": [{"scheme": "MMSI", "value": "%s"}]}],
                 "indicators": ["DOCUMENTS_HELD_BY_THIRD_PARTY", "UNACCOMPANIED_MINOR"],
                 "direction": "INBOUND", "notes": "free text, bounded",
                 "handling": "H2", "sourceReliability": "B", "informationAccuracy": 2}
                """.formatted(UUID.randomUUID(), recent(), PASSPORT, PHONE, MMSI));
    }

    public static ObjectNode interception() {
        ObjectNode body = sighting();
        body.put("agency", "RMP");
        body.put("outcome", "RESCUED");
        body.put("personsCount", 3);
        body.put("caseReference", "RMP/KDH/2026/0142");
        return body;
    }

    public static ObjectNode watchlistEntry(String plate) {
        return parse("""
                {"identifier": {"scheme": "PLATE", "value": "%s", "issuer": "MY"}, "reason": "Van seen moving workers",
                 "severity": "HIGH", "expiresAt": "%s"}
                """.formatted(plate, Instant.now().plus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)));
    }

    public static String recent() {
        return Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(JsonNode node) {
        return node.toString();
    }
}
