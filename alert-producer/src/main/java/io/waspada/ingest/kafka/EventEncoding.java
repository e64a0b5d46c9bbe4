package io.waspada.ingest.kafka;

import io.waspada.avro.EventKind;
import io.waspada.avro.EventSource;
import io.waspada.avro.Flag;
import io.waspada.avro.Handling;
import io.waspada.avro.Interception;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.ingest.domain.IngestEvent;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Sightings and interceptions in their topics' encoding, byte for byte what their {@code AvroSerde} writes (the
 * single-object header, then the record; EventEncodingTest), with their content {@link Fingerprint}: the top-level
 * fields written one by one, the nested records (location, subjects and their identifiers) by their generated
 * {@code customEncode}, which follows their schemas wherever they go. Avro's datum writer walked the schema for
 * every field of every event, a quarter of a batch event's cost. The top-level shape this writes is checked against
 * the schemas when the class loads, so a changed Sighting or Interception schema stops the service at start instead
 * of writing other bytes. One per thread or per batch: not thread-safe.
 */
final class EventEncoding {

    private static final List<String> COMMON = List.of("eventId STRING", "agency STRING",
            "observedAt LONG/timestamp-millis", "location RECORD io.waspada.avro.Location",
            "subjects ARRAY<RECORD io.waspada.avro.Subject>", "indicators ARRAY<STRING>", "direction STRING",
            "notes UNION<NULL,STRING>", "handling ENUM io.waspada.avro.Handling", "sourceReliability STRING",
            "informationAccuracy INT");
    private static final String RECEIVED_AT = "receivedAt UNION<NULL,LONG/timestamp-millis>";
    private static final String FLAGS = "flags ARRAY<RECORD io.waspada.avro.Flag>";
    /** Since v5, sightings only: AGENCY, or TIP for a civil-society tip. */
    private static final String SOURCE = "source ENUM io.waspada.avro.EventSource";

    static {
        requireShape(Sighting.getClassSchema(), concat(COMMON, List.of(FLAGS, SOURCE, RECEIVED_AT)));
        requireShape(Interception.getClassSchema(), concat(COMMON, List.of("outcome ENUM io.waspada.avro.Outcome",
                "personsCount INT", "caseReference UNION<NULL,STRING>", FLAGS, RECEIVED_AT)));
        requireSymbolsInOrder(Handling.getClassSchema(), Handling.values());
        requireSymbolsInOrder(Outcome.getClassSchema(), Outcome.values());
        requireSymbolsInOrder(EventSource.getClassSchema(), EventSource.values());
        for (Class<?> nested : List.of(Location.class, Subject.class, io.waspada.avro.Identifier.class, Flag.class)) {
            requireCustomCoders(nested);
        }
    }

    private static final byte[] SIGHTING_HEADER = header(Sighting.getClassSchema());
    private static final byte[] INTERCEPTION_HEADER = header(Interception.getClassSchema());

    private final ArrayEncoder out = new ArrayEncoder();
    private final MessageDigest sha256;

    EventEncoding() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The event in its topic's encoding, with its content fingerprint. */
    EncodedEvent encode(IngestEvent event) {
        try {
            if (event.kind() == EventKind.INTERCEPTION) {
                Interception value = (Interception) event.value();
                byte[] bytes = interception(value);
                return new EncodedEvent(event.eventId(), Topics.INTERCEPTIONS.name(), bytes,
                        Fingerprint.of(bytes, value.getReceivedAt(), sha256));
            }
            Sighting value = (Sighting) event.value();
            byte[] bytes = sighting(value);
            return new EncodedEvent(event.eventId(), Topics.SIGHTINGS.name(), bytes,
                    Fingerprint.of(bytes, value.getReceivedAt(), sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("the event could not be encoded", e);
        }
    }

    byte[] sighting(Sighting sighting) throws IOException {
        out.reset();
        out.writeRaw(SIGHTING_HEADER);
        common(sighting.getEventId(), sighting.getAgency(), sighting.getObservedAt(), sighting.getLocation(),
                sighting.getSubjects(), sighting.getIndicators(), sighting.getDirection(), sighting.getNotes(),
                sighting.getHandling(), sighting.getSourceReliability(), sighting.getInformationAccuracy());
        flags(sighting.getFlags());
        out.writeEnum(sighting.getSource().ordinal());
        optionalTimestamp(sighting.getReceivedAt());
        return out.toByteArray();
    }

    byte[] interception(Interception interception) throws IOException {
        out.reset();
        out.writeRaw(INTERCEPTION_HEADER);
        common(interception.getEventId(), interception.getAgency(), interception.getObservedAt(),
                interception.getLocation(), interception.getSubjects(), interception.getIndicators(),
                interception.getDirection(), interception.getNotes(), interception.getHandling(),
                interception.getSourceReliability(), interception.getInformationAccuracy());
        out.writeEnum(interception.getOutcome().ordinal());
        out.writeInt(interception.getPersonsCount());
        optionalString(interception.getCaseReference());
        flags(interception.getFlags());
        optionalTimestamp(interception.getReceivedAt());
        return out.toByteArray();
    }

    private void common(String eventId, String agency, Instant observedAt, Location location, List<Subject> subjects,
            List<String> indicators, String direction, String notes, Handling handling, String sourceReliability,
            int informationAccuracy) throws IOException {
        out.writeString(eventId);
        out.writeString(agency);
        out.writeLong(observedAt.toEpochMilli());
        location.customEncode(out);
        out.writeArrayStart();
        out.setItemCount(subjects.size());
        for (Subject subject : subjects) {
            out.startItem();
            subject.customEncode(out);
        }
        out.writeArrayEnd();
        out.writeArrayStart();
        out.setItemCount(indicators.size());
        for (String indicator : indicators) {
            out.startItem();
            out.writeString(indicator);
        }
        out.writeArrayEnd();
        out.writeString(direction);
        optionalString(notes);
        out.writeEnum(handling.ordinal());
        out.writeString(sourceReliability);
        out.writeInt(informationAccuracy);
    }

    private void flags(List<Flag> flags) throws IOException {
        out.writeArrayStart();
        out.setItemCount(flags.size());
        for (Flag flag : flags) {
            out.startItem();
            flag.customEncode(out);
        }
        out.writeArrayEnd();
    }

    private void optionalString(String value) throws IOException {
        if (value == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeString(value);
        }
    }

    private void optionalTimestamp(Instant value) throws IOException {
        if (value == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeLong(value.toEpochMilli());
        }
    }

    /** {@code C3 01} and the schema's CRC-64-AVRO fingerprint, little-endian, as AvroSerde writes them. */
    private static byte[] header(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] header = new byte[10];
        header[0] = (byte) 0xC3;
        header[1] = 0x01;
        for (int i = 0; i < Long.BYTES; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    private static void requireShape(Schema schema, List<String> expected) {
        List<String> actual = schema.getFields().stream().map(f -> f.name() + " " + signature(f.schema())).toList();
        if (!actual.equals(expected)) {
            throw new IllegalStateException(schema.getFullName() + " is not the record EventEncoding writes: it has "
                    + actual + ", EventEncoding writes " + expected);
        }
    }

    private static String signature(Schema schema) {
        String logical = schema.getLogicalType() == null ? "" : "/" + schema.getLogicalType().getName();
        return switch (schema.getType()) {
            case RECORD, ENUM -> schema.getType() + " " + schema.getFullName();
            case ARRAY -> "ARRAY<" + signature(schema.getElementType()) + ">";
            case UNION -> schema.getTypes().stream().map(EventEncoding::signature)
                    .collect(Collectors.joining(",", "UNION<", ">"));
            default -> schema.getType() + logical;
        };
    }

    private static void requireSymbolsInOrder(Schema schema, Enum<?>[] constants) {
        List<String> names = java.util.Arrays.stream(constants).map(Enum::name).toList();
        if (!names.equals(schema.getEnumSymbols())) {
            throw new IllegalStateException(schema.getFullName() + "'s symbols " + schema.getEnumSymbols()
                    + " are not its constants in order " + names);
        }
    }

    /** The generated class encodes itself (it does unless a field has a logical type). */
    private static void requireCustomCoders(Class<?> type) {
        try {
            Method custom = type.getDeclaredMethod("hasCustomCoders");
            custom.setAccessible(true);
            if (Boolean.TRUE.equals(custom.invoke(type.getConstructor().newInstance()))) {
                return;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no custom coders
        }
        throw new IllegalStateException(type.getName() + " has no generated customEncode, which EventEncoding uses"
                + " for it (see " + SpecificRecordBase.class.getSimpleName() + ".hasCustomCoders)");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
