package io.waspada.correlation.streams;

import io.waspada.avro.EventKind;
import io.waspada.avro.Handling;
import io.waspada.avro.Location;
import io.waspada.avro.Severity;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.TokenRef;
import io.waspada.correlation.domain.WatchMark;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of observations and episodes in the repartition topic and the state stores:
 * internal to this service (never read by others), versioned by a leading format byte so it can evolve. Format 2
 * writes every enum as its explicit {@link EnumCodes} code; format 1 wrote ordinals, which had the same values when
 * format 2 began, so both read with the same tables. {@code ObservationCodecTest} holds golden bytes of both.
 */
final class ObservationCodec {

    static final byte FORMAT = 2;
    /** Formats this version reads: state and repartition records written before the explicit codes. */
    static final java.util.Set<Byte> READABLE = java.util.Set.of((byte) 1, (byte) 2);

    private ObservationCodec() {
    }

    static void writeObservation(DataOutput out, Observation o) throws IOException {
        out.writeUTF(o.eventId());
        out.writeByte(EnumCodes.KIND.code(o.kind()));
        out.writeUTF(o.agency());
        out.writeLong(o.observedAt());
        Location location = o.location();
        out.writeDouble(location.getLat());
        out.writeDouble(location.getLon());
        out.writeUTF(location.getCountry());
        out.writeUTF(location.getRegion());
        writeNullable(out, location.getSite());
        writeStrings(out, o.indicators());
        out.writeByte(EnumCodes.HANDLING.code(o.handling()));
        out.writeUTF(o.sourceReliability());
        out.writeByte(o.informationAccuracy());
        out.writeByte(o.outcome() == null ? -1 : EnumCodes.OUTCOME.code(o.outcome()));
        out.writeInt(o.personsCount());
        out.writeShort(o.subjects().size());
        for (ObservedSubject subject : o.subjects()) {
            out.writeUTF(subject.type());
            out.writeUTF(subject.role());
            out.writeBoolean(subject.minor());
            out.writeShort(subject.identifiers().size());
            for (TokenRef ref : subject.identifiers()) {
                out.writeUTF(ref.scheme());
                out.writeUTF(ref.token());
            }
        }
    }

    static Observation readObservation(DataInput in) throws IOException {
        String eventId = in.readUTF();
        EventKind kind = EnumCodes.KIND.symbol(in.readByte());
        String agency = in.readUTF();
        long observedAt = in.readLong();
        Location location = new Location(in.readDouble(), in.readDouble(), in.readUTF(), in.readUTF(), readNullable(in));
        List<String> indicators = readStrings(in);
        Handling handling = EnumCodes.HANDLING.symbol(in.readByte());
        String reliability = in.readUTF();
        int accuracy = in.readByte();
        byte outcome = in.readByte();
        int persons = in.readInt();
        int subjectCount = in.readShort();
        List<ObservedSubject> subjects = new ArrayList<>(subjectCount);
        for (int i = 0; i < subjectCount; i++) {
            String type = in.readUTF();
            String role = in.readUTF();
            boolean minor = in.readBoolean();
            int idCount = in.readShort();
            List<TokenRef> ids = new ArrayList<>(idCount);
            for (int j = 0; j < idCount; j++) {
                ids.add(new TokenRef(in.readUTF(), in.readUTF()));
            }
            subjects.add(new ObservedSubject(type, role, minor, List.copyOf(ids)));
        }
        return new Observation(eventId, kind, agency, observedAt, location, indicators, handling, reliability,
                accuracy, outcome < 0 ? null : EnumCodes.OUTCOME.symbol(outcome), persons, List.copyOf(subjects));
    }

    static void writeEpisode(DataOutput out, Episode e) throws IOException {
        out.writeByte(EnumCodes.RULE.code(e.rule()));
        out.writeLong(e.windowStart());
        out.writeLong(e.version());
        out.writeLong(e.createdAt());
        out.writeInt(e.eventCount());
        out.writeByte(EnumCodes.SEVERITY.code(e.severity()));
        out.writeInt(e.evidence().size());
        for (Observation o : e.evidence()) {
            writeObservation(out, o);
        }
        out.writeShort(e.watchMarks().size());
        for (WatchMark mark : e.watchMarks()) {
            out.writeUTF(mark.entryId());
            out.writeUTF(mark.owningAgency());
            out.writeByte(EnumCodes.SEVERITY.code(mark.severity()));
            out.writeLong(mark.listedAt());
        }
    }

    static Episode readEpisode(DataInput in) throws IOException {
        RuleName rule = EnumCodes.RULE.symbol(in.readByte());
        long windowStart = in.readLong();
        long version = in.readLong();
        long createdAt = in.readLong();
        int eventCount = in.readInt();
        Severity severity = EnumCodes.SEVERITY.symbol(in.readByte());
        int evidenceCount = in.readInt();
        List<Observation> evidence = new ArrayList<>(evidenceCount);
        for (int i = 0; i < evidenceCount; i++) {
            evidence.add(readObservation(in));
        }
        int markCount = in.readShort();
        List<WatchMark> marks = new ArrayList<>(markCount);
        for (int i = 0; i < markCount; i++) {
            marks.add(new WatchMark(in.readUTF(), in.readUTF(), EnumCodes.SEVERITY.symbol(in.readByte()), in.readLong()));
        }
        return new Episode(rule, windowStart, version, createdAt, eventCount, severity, List.copyOf(evidence),
                List.copyOf(marks));
    }

    private static void writeNullable(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeStrings(DataOutput out, List<String> values) throws IOException {
        out.writeShort(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> readStrings(DataInput in) throws IOException {
        int count = in.readShort();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readUTF());
        }
        return List.copyOf(values);
    }
}
