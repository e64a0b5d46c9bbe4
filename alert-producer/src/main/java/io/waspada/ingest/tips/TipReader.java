package io.waspada.ingest.tips;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waspada.avro.EventKind;
import io.waspada.avro.EventSource;
import io.waspada.avro.Sighting;
import io.waspada.ingest.domain.EventReader;
import io.waspada.ingest.domain.EventReading;
import io.waspada.ingest.domain.JsonDocument;
import io.waspada.ingest.domain.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a civil-society tip (#18) into a {@link Sighting} with {@code source=TIP}: a reduced sighting (eventId,
 * observedAt, location, subjects with identifiers, indicators, direction, notes) read by the agencies'
 * {@link EventReader}, so identifiers are pseudonymised and notes scrubbed exactly as theirs. What a tip is worth is
 * not the sender's to say: the evaluation is set here ({@link #RELIABILITY} {@value #RELIABILITY}, accuracy
 * {@value #ACCURACY}: cannot be judged) with handling {@link #HANDLING}, and a body naming any of these, an agency or
 * flags is refused naming the field. Tighter bounds than agency events: at most {@link #MAX_SUBJECTS} subjects and
 * {@link #MAX_NOTES} characters of notes. Pure and thread-safe.
 */
public final class TipReader {

    public static final String RELIABILITY = "X";
    public static final int ACCURACY = 4;
    /** Not for judicial proceedings without the organisation's consent. */
    public static final String HANDLING = "H1";
    public static final int MAX_SUBJECTS = 10;
    public static final int MAX_NOTES = 1000;

    private static final Set<String> FIELDS = Set.of("eventId", "observedAt", "location", "subjects", "indicators",
            "direction", "notes");
    private static final Set<String> SET_BY_WASPADA = Set.of("agency", "handling", "sourceReliability",
            "informationAccuracy", "flags", "kind", "source");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final EventReader events;

    public TipReader(EventReader events) {
        this.events = events;
    }

    /**
     * Reads {@code body} from {@code organisation}.
     *
     * @throws JsonDocument.Malformed if the bytes are not one well-formed JSON value
     */
    public EventReading read(byte[] body, String organisation) {
        JsonDocument.parse(body); // the agencies' parser: the same 400 answer (line, column, duplicate keys)
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            return new EventReading.Invalid(List.of(new Violation("$", "json", "is not valid JSON")));
        }
        if (!(tree instanceof ObjectNode tip)) {
            return new EventReading.Invalid(List.of(new Violation("$", "type", "must be a JSON object")));
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = tip.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (SET_BY_WASPADA.contains(name)) {
                violations.add(new Violation(name, "set-by-waspada",
                        "is set by Waspada for a tip (low reliability by definition); leave it out"));
            } else if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, "unknown-field", "is not a field of a tip"));
            }
        }
        JsonNode subjects = tip.get("subjects");
        if (subjects != null && subjects.isArray() && subjects.size() > MAX_SUBJECTS) {
            violations.add(new Violation("subjects", "max-items", "must have at most " + MAX_SUBJECTS + " items"));
        }
        JsonNode notes = tip.get("notes");
        if (notes != null && notes.isTextual() && notes.asText().length() > MAX_NOTES) {
            violations.add(new Violation("notes", "max-length", "must be at most " + MAX_NOTES + " characters"));
        }
        if (!violations.isEmpty()) {
            return new EventReading.Invalid(violations);
        }
        tip.put("handling", HANDLING);
        tip.put("sourceReliability", RELIABILITY);
        tip.put("informationAccuracy", ACCURACY);
        EventReading reading = events.read(EventKind.SIGHTING, tip, organisation);
        if (reading instanceof EventReading.Valid valid && valid.event().value() instanceof Sighting sighting) {
            sighting.setSource(EventSource.TIP);
        }
        return reading;
    }
}
