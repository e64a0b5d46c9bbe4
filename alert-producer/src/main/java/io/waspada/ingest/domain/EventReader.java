package io.waspada.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.avro.EventKind;
import io.waspada.avro.EventSource;
import io.waspada.avro.Flag;
import io.waspada.avro.Handling;
import io.waspada.avro.Interception;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.ingest.privacy.Pseudonymiser;
import io.waspada.privacy.FreeTextScrubber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a sighting or interception body for a calling agency into a pseudonymised Avro record, collecting every
 * violation with its field path. The body comes as bytes (the API), as a JSON tree (the Kafka inbox) or as an item
 * {@link JsonDocument} already read (a batch); all three are read by the same rules into the same answers.
 * Pure and thread-safe: nothing is written here.
 */
public final class EventReader {

    public static final int MAX_SUBJECTS = 50;
    public static final int MAX_NOTES = 2000;
    public static final int MAX_CASE_REFERENCE = 100;
    /** Clocks drift and agencies batch: up to this far ahead of our clock is accepted. */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private static final Lexicon COMMON = Lexicon.of("kind", "eventId", "agency", "observedAt", "location", "subjects",
            "indicators", "direction", "notes", "handling", "sourceReliability", "informationAccuracy", "flags");
    private static final Lexicon INTERCEPTION_ONLY = Lexicon.of("outcome", "personsCount", "caseReference");
    private static final Lexicon INTERCEPTION_FIELDS = COMMON.with(INTERCEPTION_ONLY);

    private final SubjectReader subjects;
    private final Set<String> agencies;
    private final Clock clock;
    private final FreeTextScrubber freeText;

    public EventReader(Pseudonymiser pseudonymiser, Set<String> agencies, Clock clock) {
        this(pseudonymiser, agencies, clock, FreeTextScrubber.silent());
    }

    /** {@code freeText} masks identifier-shaped values in {@code notes} and {@code caseReference}. */
    public EventReader(Pseudonymiser pseudonymiser, Set<String> agencies, Clock clock, FreeTextScrubber freeText) {
        this.subjects = new SubjectReader(new IdentifierReader(pseudonymiser));
        this.agencies = Lexicon.copyOf(agencies);
        this.clock = clock;
        this.freeText = freeText;
    }

    /**
     * Reads the JSON {@code body} as {@code kind} posted by {@code caller}.
     *
     * @throws JsonDocument.Malformed if the bytes are not one well-formed JSON value
     */
    public EventReading read(EventKind kind, byte[] body, String caller) {
        return read(kind, JsonDocument.parse(body) instanceof JsonFields fields ? fields : null, caller);
    }

    /** Reads the tree {@code body} as {@code kind} posted by {@code caller}; the same answer as its bytes would get. */
    public EventReading read(EventKind kind, JsonNode body, String caller) {
        return read(kind, JsonDocument.of(body) instanceof JsonFields fields ? fields : null, caller);
    }

    /** Reads {@code body} (null: the body is not a JSON object) as {@code kind} posted by {@code caller}. */
    public EventReading read(EventKind kind, JsonFields body, String caller) {
        List<Violation> violations = new ArrayList<>();
        FieldReader fields = FieldReader.root(body, violations);
        if (!fields.isObject()) {
            return new EventReading.Invalid(violations);
        }
        fields.rejectUnknown(kind == EventKind.INTERCEPTION ? INTERCEPTION_FIELDS : COMMON);
        String eventId = eventId(fields);
        String declaredKind = fields.optionalText("kind", 32);
        if (declaredKind != null && !declaredKind.equals(kind.name())) {
            fields.violation("kind", "matches-endpoint", "must be " + kind.name() + " here (or left out)");
        }
        String agency = fields.optionalText("agency", 32);
        if (agency != null && !agencies.contains(agency)) {
            fields.violation("agency", "known-agency", "is not a known agency code");
        } else if (agency != null && !agency.equals(caller)) {
            return new EventReading.ForeignAgency("agency", eventId);
        }
        Common common = common(fields, caller);
        if (kind == EventKind.INTERCEPTION) {
            String outcome = fields.requiredEnum("outcome", Vocabulary.OUTCOMES);
            Integer personsCount = fields.optionalInt("personsCount", 0, 100_000, -1);
            String caseReference = freeText.scrub("caseReference", fields.optionalText("caseReference",
                    MAX_CASE_REFERENCE));
            if (!violations.isEmpty()) {
                return new EventReading.Invalid(violations);
            }
            // The constructor, not the builder: the builder checked and copied what was checked here already.
            Interception interception = new Interception(eventId, caller, common.observedAt, common.location,
                    common.subjects, common.indicators, common.direction, common.notes, Handling.valueOf(common.handling),
                    common.reliability, common.accuracy, Outcome.valueOf(outcome),
                    personsCount >= 0 ? personsCount : persons(common.subjects), caseReference, common.flags, null);
            interception.setReceivedAt(clock.instant());
            return new EventReading.Valid(new IngestEvent(kind, eventId, interception));
        }
        if (!violations.isEmpty()) {
            return new EventReading.Invalid(violations);
        }
        Sighting sighting = new Sighting(eventId, caller, common.observedAt, common.location, common.subjects,
                common.indicators, common.direction, common.notes, Handling.valueOf(common.handling), common.reliability,
                common.accuracy, common.flags, EventSource.AGENCY, null);
        sighting.setReceivedAt(clock.instant());
        return new EventReading.Valid(new IngestEvent(kind, eventId, sighting));
    }

    private record Common(Instant observedAt, Location location, List<Subject> subjects, List<String> indicators,
            String direction, String notes, String handling, String reliability, Integer accuracy, List<Flag> flags) {
    }

    private Common common(FieldReader fields, String caller) {
        Instant observedAt = fields.requiredInstant("observedAt");
        if (observedAt != null && observedAt.isAfter(clock.instant().plus(MAX_FUTURE))) {
            fields.violation("observedAt", "not-future", "must not be more than " + MAX_FUTURE.toMinutes()
                    + " minutes in the future");
        }
        Location location = LocationReader.read(fields.requiredObject("location"));
        List<Subject> subjectList = fields.array("subjects", 1, MAX_SUBJECTS,
                (node, path) -> subjects.read(node, path, fields.violations()));
        List<String> indicators = distinct(fields.array("indicators", 0, Vocabulary.INDICATORS.size() * 2,
                (node, path) -> indicator(node, path, fields.violations())));
        String direction = fields.optionalEnum("direction", Vocabulary.DIRECTIONS, "UNKNOWN");
        String notes = freeText.scrub("notes", fields.optionalText("notes", MAX_NOTES));
        String handling = fields.requiredEnum("handling", Vocabulary.HANDLING);
        String reliability = fields.optionalEnum("sourceReliability", Vocabulary.SOURCE_RELIABILITY, "X");
        Integer accuracy = fields.optionalInt("informationAccuracy", 1, 4, 4);
        List<Flag> flags = FlagReader.read(fields, caller);
        return new Common(observedAt, location, subjectList, indicators, direction, notes, handling, reliability,
                accuracy, flags);
    }

    private static String eventId(FieldReader fields) {
        String eventId = fields.requiredText("eventId", 36);
        if (eventId == null) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(eventId);
            if (eventId.length() == 36) {
                return uuid.toString();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        fields.violation("eventId", "uuid", "must be a UUID such as 8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f");
        return null;
    }

    private static String indicator(Object value, FieldPath path, List<Violation> violations) {
        if (!(value instanceof String text) || !Vocabulary.INDICATORS.contains(text)) {
            violations.add(new Violation(path.toString(), "enum", "must be one of " + new java.util.TreeSet<>(Vocabulary.INDICATORS)));
            return null;
        }
        return text;
    }

    /** The indicators without repeats, in the order first given (a few words: a set and its map were most of it). */
    private static List<String> distinct(List<String> indicators) {
        List<String> distinct = new ArrayList<>(indicators.size());
        for (String indicator : indicators) {
            if (!distinct.contains(indicator)) {
                distinct.add(indicator);
            }
        }
        return distinct;
    }

    private static int persons(List<Subject> subjects) {
        return (int) subjects.stream().filter(s -> "PERSON".equals(s.getType())).count();
    }

}
