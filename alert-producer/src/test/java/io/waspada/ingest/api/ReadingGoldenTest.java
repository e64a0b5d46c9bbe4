package io.waspada.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waspada.ingest.support.JsonPaths;
import io.waspada.avro.EventKind;
import io.waspada.ingest.domain.EventReader;
import io.waspada.ingest.domain.EventReading;
import io.waspada.ingest.domain.JsonDocument;
import io.waspada.ingest.domain.JsonFields;
import io.waspada.ingest.domain.Violation;
import io.waspada.ingest.domain.WatchlistReader;
import io.waspada.ingest.privacy.Pseudonymiser;
import io.waspada.privacy.FreeTextScrubber;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every answer the readers give, pinned: a few thousand bodies (each field of a valid sighting, interception and
 * watchlist entry removed or given every other kind of JSON value, unknown fields at each level, malformed JSON)
 * read through the HTTP path (bytes) and the tree path ({@code EventReader.read(kind, JsonNode, caller)}), on a
 * fixed clock and key, must give exactly the lines of {@code reading-golden.jsonl}: the same records, the same
 * violations in the same order, the same 400 details. The file was written by the tree-based readers before the
 * streaming ones replaced them ({@code -Dwaspada.golden.write=true} rewrites it into {@code target/}). Rewritten
 * once since, for schema v4 (jurisdiction flags): the only changes were the content fingerprints (the schema is part
 * of them) and an empty {@code flags} on every watchlist entry. Rewritten again for schema v5 (a sighting's
 * {@code source}, civil-society tips): only the content fingerprints of the 74 valid sightings changed.
 */
class ReadingGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T04:00:00Z"), ZoneOffset.UTC);
    private static final Pseudonymiser KEY = new Pseudonymiser("golden-test-key-of-thirty-two-bytes!".getBytes(
            StandardCharsets.UTF_8), "k1");
    private static final EventReader EVENTS = new EventReader(KEY, java.util.Set.of("IMMIGRATION", "RMP", "CUSTOMS", "MMEA"), CLOCK, FreeTextScrubber.silent());
    private static final WatchlistReader WATCHLIST = new WatchlistReader(KEY, CLOCK, FreeTextScrubber.silent());

    private static final String SIGHTING = """
            {"eventId": "8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", "agency": "IMMIGRATION", "observedAt": "2026-11-20T03:15:00Z",
             "location": {"lat": 6.4300, "lon": 100.4200, "country": "MY", "region": "kedah", "site": "BUKIT_KAYU_HITAM"},
             "subjects": [
               {"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID", "sex": "F", "ageBand": "MINOR",
                "identifiers": [{"scheme": "PASSPORT", "value": "c 1234-567", "issuer": "ID"}]},
               {"type": "PHONE", "role": "SUSPECTED_FACILITATOR", "identifiers": [{"scheme": "PHONE", "value": "0812-3456-7890", "issuer": "ID"}]},
               {"type": "VESSEL", "identifiers": [{"scheme": "MMSI", "value": "525012345"}, {"scheme": "IMO", "value": "IMO 9074729"}]}],
             "indicators": ["DOCUMENTS_HELD_BY_THIRD_PARTY", "UNACCOMPANIED_MINOR", "DOCUMENTS_HELD_BY_THIRD_PARTY"],
             "direction": "INBOUND", "notes": "met at gate C12, phone +60 12-345 6789, passport A1234567",
             "handling": "H2", "sourceReliability": "B", "informationAccuracy": 2}""";
    private static final String EXTRA_INTERCEPTION = """
            {"outcome": "RESCUED", "personsCount": 3, "caseReference": "RMP/KDH/2026/0142 IMO 9074729"}""";
    private static final String ENTRY = """
            {"identifier": {"scheme": "PLATE", "value": "jqr 1234", "issuer": "MY"}, "reason": "Van seen moving workers, WXY 1234",
             "severity": "HIGH", "expiresAt": "2027-01-01T00:00:00Z", "owningAgency": "RMP"}""";

    /** Values of every JSON kind, and numbers and strings at the edges the rules care about. */
    private static List<JsonNode> replacements() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode oneString = f.arrayNode().add("x");
        ObjectNode oneField = f.objectNode().put("a", 1);
        return List.of(f.textNode("x"), f.textNode(""), f.textNode("   "), f.textNode("IMMIGRATION"), f.textNode("x".repeat(2001)),
                f.numberNode(7), f.numberNode(7.5), f.numberNode(-1), f.numberNode(0), f.numberNode(1.0),
                f.numberNode(2147483648L), f.numberNode(new BigInteger("12345678901234567890123")), f.booleanNode(true),
                f.nullNode(), f.arrayNode(), f.objectNode(), oneString, oneField);
    }

    @Test
    void everyReadingIsAsPinned() throws IOException {
        List<String> lines = new ArrayList<>();
        Map<String, String> bodies = cases();
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            lines.add(line(c.getKey(), answer(c.getKey(), c.getValue())));
        }
        if (Boolean.getBoolean("waspada.golden.write")) {
            Path out = Path.of("target", "reading-golden.jsonl");
            Files.write(out, lines);
        }
        List<String> golden;
        try (InputStream in = ReadingGoldenTest.class.getResourceAsStream("/reading-golden.jsonl")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines).hasSizeGreaterThan(2000);
        for (int i = 0; i < Math.max(lines.size(), golden.size()); i++) {
            assertThat(i < lines.size() ? lines.get(i) : null).isEqualTo(i < golden.size() ? golden.get(i) : null);
        }
    }

    /** What the HTTP path answers; for events, also what the tree path answers, which must be the same. */
    private static String answer(String name, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (name.startsWith("watchlist")) {
            try {
                Object parsed = JsonBody.parse(bytes);
                WatchlistReader.Result result = WATCHLIST.read("rmp-plate-1", parsed instanceof JsonFields f ? f : null, "RMP");
                return result.entry() != null ? "entry " + withoutPrevious(result.entry().toString()) + " claimed " + result.claimedOwner()
                        : "invalid " + violations(result.violations()) + " claimed " + result.claimedOwner();
            } catch (JsonBody.MalformedJsonException e) {
                return "malformed " + e.problem().detail();
            }
        }
        EventKind kind = name.startsWith("interception") ? EventKind.INTERCEPTION : EventKind.SIGHTING;
        String overHttp;
        try {
            overHttp = reading(EVENTS.read(kind, bytes, "IMMIGRATION"));
        } catch (JsonDocument.Malformed e) {
            return "malformed " + JsonBody.malformed(e).problem().detail();
        }
        String fromTree;
        try {
            fromTree = reading(EVENTS.read(kind, JSON.readTree(bytes), "IMMIGRATION"));
        } catch (IOException e) {
            throw new AssertionError(name, e);
        }
        assertThat(fromTree).as(name).isEqualTo(overHttp);
        return overHttp;
    }

    private static String reading(EventReading reading) {
        if (reading instanceof EventReading.Valid valid) {
            return "valid " + valid.event().kind() + " " + valid.event().eventId() + " " + digest(valid.event().value()
                    .toString());
        }
        if (reading instanceof EventReading.ForeignAgency foreign) {
            return "foreign " + foreign.field() + " " + foreign.eventId();
        }
        return "invalid " + violations(((EventReading.Invalid) reading).violations());
    }

    /** Outside a key rotation an identifier's {@code previous} (schema v3) is null: left out, so the pins still hold. */
    private static String withoutPrevious(String avroJson) {
        return avroJson.replace(", \"previous\": null", "");
    }

    /** A record pinned by the SHA-256 of its Avro JSON form (tokens included), to keep the file small. */
    private static String digest(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(withoutPrevious(text).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(hash, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String violations(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + " " + v.rule() + " " + v.message()).toList().toString();
    }

    private static String line(String name, String answer) {
        ObjectNode line = JSON.createObjectNode().put("case", name).put("answer", answer);
        return line.toString();
    }

    private static Map<String, String> cases() {
        Map<String, String> cases = new LinkedHashMap<>();
        ObjectNode sighting = parse(SIGHTING);
        ObjectNode interception = parse(SIGHTING).setAll(parse(EXTRA_INTERCEPTION));
        ObjectNode entry = parse(ENTRY);
        mutations("sighting", sighting, cases);
        mutations("interception", interception, cases);
        mutations("watchlist", entry, cases);
        for (String prefix : List.of("sighting", "interception", "watchlist")) {
            for (String body : List.of("", " ", "null", "7", "\"hello\"", "[]", "[{}]", "{}", "{\"eventId\": 1,}",
                    "{\"eventId\": \"a\", \"eventId\": \"a\"}", "{\"a\": {\"b\": 1, \"b\": 2}}", "{} x", "{} {}", "{} []",
                    "{} 7", "{'eventId': 'x'}", "{\"eventId\": \"x\"", "{\"eventId\": tru}", "{\"a\": [1,]}",
                    "{\"a\": \"\\u00zz\"}", "{\"a\": 01}", "{\"a\": NaN}", "{\"a\": \"C1234567", "\uFEFF{}", "{\"a\":1}\u0000")) {
                cases.put(prefix + " raw " + JSON.valueToTree(body), body);
            }
        }
        return cases;
    }

    /** The body itself, each field removed and given every other value, and an unknown field in each object. */
    private static void mutations(String prefix, ObjectNode base, Map<String, String> cases) {
        cases.put(prefix + " as is", base.toString());
        List<List<Object>> paths = JsonPaths.of(base);
        for (List<Object> path : paths) {
            cases.put(prefix + " without " + path, mutated(base, path, null).toString());
            List<JsonNode> values = replacements();
            for (int i = 0; i < values.size(); i++) {
                cases.put(prefix + " " + path + " := #" + i, mutated(base, path, values.get(i)).toString());
            }
            JsonNode target = JsonPaths.at(base, path);
            if (target.isObject()) {
                ObjectNode copy = base.deepCopy();
                ((ObjectNode) JsonPaths.at(copy, path)).put("passportNumber", "C1234567").put("zz", 1);
                cases.put(prefix + " unknown fields in " + path, copy.toString());
            }
        }
        ObjectNode copy = base.deepCopy();
        copy.put("passportNumber", "C1234567");
        cases.put(prefix + " unknown field at the root", copy.toString());
        for (String kind : List.of("SIGHTING", "INTERCEPTION", "sighting", "OTHER")) {
            cases.put(prefix + " kind " + kind, base.deepCopy().put("kind", kind).toString());
        }
        for (String agency : List.of("RMP", "FBI", "immigration", "IMMIGRATION")) {
            ObjectNode foreign = base.deepCopy().put("agency", agency);
            cases.put(prefix + " agency " + agency, foreign.toString());
            cases.put(prefix + " agency " + agency + " and broken", foreign.deepCopy().put("handling", "H9")
                    .put("eventId", 5).toString());
        }
        for (String eventId : List.of("8D3C1D0E-6C5A-4A53-9A4E-1F0F1C1D2E3F", "8d3c1d0e6c5a4a539a4e1f0f1c1d2e3f",
                "8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3", "1-1-1-1-1", "zzzzzzzz-6c5a-4a53-9a4e-1f0f1c1d2e3f")) {
            cases.put(prefix + " eventId " + eventId, base.deepCopy().put("eventId", eventId).toString());
        }
        for (String at : List.of("2026-11-20T04:05:00Z", "2026-11-20T04:05:01Z", "2026-11-20T12:00:00+08:00",
                "2026-11-20T11:05:00.5+07:00", "2026-11-20T03:15:00", "2026-11-20", "2026-02-30T00:00:00Z")) {
            cases.put(prefix + " observedAt " + at, base.deepCopy().put("observedAt", at).toString());
            cases.put(prefix + " expiresAt " + at, base.deepCopy().put("expiresAt", at).toString());
        }
        for (String phone : List.of("+62 812-3456-7890", "0062 812 3456 7890", "812345678", "+6281234567890123",
                "(012) 345 6789")) {
            ObjectNode copyPhone = base.deepCopy();
            if (copyPhone.has("subjects")) {
                ((ObjectNode) copyPhone.get("subjects").get(1).get("identifiers").get(0)).put("value", phone);
                ((ObjectNode) copyPhone.get("subjects").get(1).get("identifiers").get(0)).remove("issuer");
                cases.put(prefix + " phone " + phone, copyPhone.toString());
            }
        }
        List<Consumer<ObjectNode>> more = List.of(
                b -> b.remove(List.of("subjects", "indicators", "location", "handling")),
                b -> b.put("notes", "no digits here at all"),
                b -> b.put("notes", "IMO 9074729 and 880101-14-5678 and 3201234567890123 and B 1234 XYZ and RM 500"),
                b -> b.put("informationAccuracy", 4).put("sourceReliability", "X").put("direction", "UNKNOWN"),
                b -> b.putNull("notes").putNull("direction").putNull("indicators"));
        for (int i = 0; i < more.size(); i++) {
            ObjectNode changed = base.deepCopy();
            more.get(i).accept(changed);
            cases.put(prefix + " more #" + i, changed.toString());
        }
    }

    private static ObjectNode mutated(ObjectNode base, List<Object> path, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        JsonNode parent = JsonPaths.at(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            if (value == null) {
                ((ArrayNode) parent).remove(i);
            } else {
                ((ArrayNode) parent).set(i, value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }



    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
