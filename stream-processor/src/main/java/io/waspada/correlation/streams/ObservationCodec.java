package io.waspada.correlation.streams;

import io.waspada.avro.EventKind;
import io.waspada.avro.Flag;
import io.waspada.avro.Handling;
import io.waspada.avro.Location;
import io.waspada.avro.Severity;
import io.waspada.correlation.domain.Direction;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.TokenRef;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of observations and episodes in the repartition topic and the state stores:
 * internal to this service (never read by others), versioned by a leading format byte so it can evolve. Format 2
 * writes every enum as its explicit {@link EnumCodes} code; format 1 wrote ordinals, which had the same values when
 * format 2 began, so both read with the same tables. Format 3 adds an observation's admission stream time and writes
 * episodes as summaries (grid anchor, first and last window start, count, strictest handling) without copies of their
 * evidence; an episode of format 1 or 2 reads as an episode anchored at its window start, reaching one window either
 * side of it as the first generation's did. Format 4 adds jurisdiction flags to observations and episodes (none when
 * an earlier format is read). Format 5 adds whether an observation is a civil-society tip (none was before) and whether
 * an episode ever had an agency's event (every earlier one had). Format 6 adds an observation's direction (absence
 * rules read it; an earlier format reads as {@link Direction#UNKNOWN}); episodes are unchanged by it and are still
 * written as format 5 ({@link #EPISODE_FORMAT}). {@code ObservationCodecTest} holds golden bytes of each.
 */
final class ObservationCodec {

    /** The format observations (and evidence lists) are written in. */
    static final byte FORMAT = 6;
    /** The format episodes are written in: format 6 changed only observations. */
    static final byte EPISODE_FORMAT = 5;
    /** Formats this version reads: state and repartition records written by earlier versions too. */
    static final java.util.Set<Byte> READABLE = java.util.Set.of((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5,
            (byte) 6);

    /** The rule code of a rule that is not built in: its id follows. */
    static final int OTHER_RULE = 255;

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
        out.writeLong(o.admittedStreamTime());
        writeFlags(out, o.flags());
        out.writeBoolean(o.tip());
        out.writeByte(EnumCodes.DIRECTION.code(o.direction()));
    }

    static Observation readObservation(DataInput in, byte format) throws IOException {
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
        long admitted = format >= 3 ? in.readLong() : Observation.NOT_ADMITTED;
        List<Flag> flags = format >= 4 ? readFlags(in) : List.of();
        boolean tip = format >= 5 && in.readBoolean();
        Direction direction = format >= 6 ? EnumCodes.DIRECTION.symbol(in.readByte()) : Direction.UNKNOWN;
        return new Observation(eventId, kind, agency, observedAt, location, indicators, handling, reliability,
                accuracy, outcome < 0 ? null : EnumCodes.OUTCOME.symbol(outcome), persons, List.copyOf(subjects),
                flags, admitted, tip, direction);
    }

    static void writeEpisode(DataOutput out, Episode e) throws IOException {
        writeRule(out, e.rule());
        out.writeLong(e.anchor());
        out.writeLong(e.firstStart());
        out.writeLong(e.lastStart());
        out.writeLong(e.version());
        out.writeLong(e.createdAt());
        out.writeInt(e.eventCount());
        out.writeByte(EnumCodes.SEVERITY.code(e.severity()));
        out.writeByte(EnumCodes.HANDLING.code(e.handling()));
        writeFlags(out, e.flags());
        out.writeBoolean(e.agencyBacked());
    }

    static Episode readEpisode(DataInput in, byte format) throws IOException {
        if (format < 3) {
            return readFirstGenerationEpisode(in, format);
        }
        String rule = readRule(in);
        long anchor = in.readLong();
        long firstStart = in.readLong();
        long lastStart = in.readLong();
        long version = in.readLong();
        long createdAt = in.readLong();
        int eventCount = in.readInt();
        Severity severity = EnumCodes.SEVERITY.symbol(in.readByte());
        Handling handling = EnumCodes.HANDLING.symbol(in.readByte());
        List<Flag> flags = format >= 4 ? readFlags(in) : List.of();
        boolean agencyBacked = format < 5 || in.readBoolean();
        return new Episode(rule, anchor, firstStart, lastStart, version, createdAt, eventCount, severity, handling,
                flags, List.of(), List.of(), agencyBacked);
    }

    /**
     * An episode as formats 1 and 2 kept it (anchored at its window start, joined by events within one window either
     * side, with copies of its latest evidence): the same alertId, reaching from its earliest evidence to one window
     * after its start; its strictest handling is that of the evidence it kept, or H3 when it had dropped some.
     */
    private static Episode readFirstGenerationEpisode(DataInput in, byte format) throws IOException {
        String rule = readRule(in);
        long windowStart = in.readLong();
        long version = in.readLong();
        long createdAt = in.readLong();
        int eventCount = in.readInt();
        Severity severity = EnumCodes.SEVERITY.symbol(in.readByte());
        int evidenceCount = in.readInt();
        long earliest = windowStart;
        Handling handling = Handling.H0;
        for (int i = 0; i < evidenceCount; i++) {
            Observation kept = readObservation(in, format);
            earliest = Math.min(earliest, kept.observedAt());
            handling = kept.handling().compareTo(handling) > 0 ? kept.handling() : handling;
        }
        int markCount = in.readShort();
        for (int i = 0; i < markCount; i++) {
            in.readUTF();
            in.readUTF();
            in.readByte();
            in.readLong();
        }
        if (eventCount > evidenceCount) {
            handling = Handling.H3;
        }
        return new Episode(rule, windowStart, earliest, windowStart, version, createdAt, eventCount, severity,
                handling, List.of(), List.of(), List.of());
    }

    /**
     * A built-in rule as its one-byte code; any other rule (defined as data) as {@link #OTHER_RULE} followed by its
     * id. Format 5 state of the built-ins reads the same as before there were other rules.
     */
    private static void writeRule(DataOutput out, String rule) throws IOException {
        RuleName builtIn = RuleName.builtIn(rule);
        if (builtIn != null) {
            out.writeByte(EnumCodes.RULE.code(builtIn));
        } else {
            out.writeByte(OTHER_RULE);
            out.writeUTF(rule);
        }
    }

    private static String readRule(DataInput in) throws IOException {
        int code = in.readUnsignedByte();
        return code == OTHER_RULE ? in.readUTF() : EnumCodes.RULE.symbol((byte) code).name();
    }

    private static void writeFlags(DataOutput out, List<Flag> flags) throws IOException {
        out.writeByte(flags.size());
        for (Flag flag : flags) {
            out.writeByte(EnumCodes.FLAG.code(flag.getKind()));
            writeNullable(out, flag.getJurisdiction());
            out.writeUTF(flag.getAgency());
        }
    }

    private static List<Flag> readFlags(DataInput in) throws IOException {
        int count = in.readUnsignedByte();
        if (count == 0) {
            return List.of();
        }
        List<Flag> flags = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            flags.add(new Flag(EnumCodes.FLAG.symbol(in.readByte()), readNullable(in), in.readUTF()));
        }
        return List.copyOf(flags);
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
