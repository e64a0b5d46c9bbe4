package io.waspada.correlation.domain;

import io.waspada.avro.EventKind;
import io.waspada.avro.Flag;
import io.waspada.avro.Handling;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import java.util.List;

/**
 * One agency event (sighting or interception) as the correlation rules see it, tokens only. This is what
 * flows through the repartition topic and sits in the evidence store. {@code outcome} is null for sightings;
 * {@code flags} are the agency's jurisdiction flags on the event, in the order it gave them.
 * {@code admittedStreamTime}: the stream time of the input partition the event came in on, when it was admitted
 * ({@link #NOT_ADMITTED} until the correlation step sets it); a rule ignores an event older than that minus its
 * window and grace, the same on every replay and whatever order the event's partitions are read in.
 * {@code tip}: the event is a civil-society tip (schema v5 {@code source=TIP}), not an agency's.
 * {@code direction}: which way its subjects were going, as reported ({@link Direction#UNKNOWN} when not said, and for
 * events stored before it was kept); absence rules read it.
 */
public record Observation(String eventId, EventKind kind, String agency, long observedAt, Location location,
        List<String> indicators, Handling handling, String sourceReliability, int informationAccuracy,
        Outcome outcome, int personsCount, List<ObservedSubject> subjects, List<Flag> flags, long admittedStreamTime, boolean tip,
        Direction direction) {

    public static final String UNACCOMPANIED_MINOR = "UNACCOMPANIED_MINOR";
    /** Admission time unknown (evidence stored before it was kept): late for no rule. */
    public static final long NOT_ADMITTED = Long.MIN_VALUE;

    public Observation(String eventId, EventKind kind, String agency, long observedAt, Location location,
            List<String> indicators, Handling handling, String sourceReliability, int informationAccuracy,
            Outcome outcome, int personsCount, List<ObservedSubject> subjects) {
        this(eventId, kind, agency, observedAt, location, indicators, handling, sourceReliability,
                informationAccuracy, outcome, personsCount, subjects, List.of(), NOT_ADMITTED);
    }

    /** An event of unknown direction. */
    public Observation(String eventId, EventKind kind, String agency, long observedAt, Location location,
            List<String> indicators, Handling handling, String sourceReliability, int informationAccuracy,
            Outcome outcome, int personsCount, List<ObservedSubject> subjects, List<Flag> flags,
            long admittedStreamTime, boolean tip) {
        this(eventId, kind, agency, observedAt, location, indicators, handling, sourceReliability,
                informationAccuracy, outcome, personsCount, subjects, flags, admittedStreamTime, tip,
                Direction.UNKNOWN);
    }

    /** An agency's event (not a tip). */
    public Observation(String eventId, EventKind kind, String agency, long observedAt, Location location,
            List<String> indicators, Handling handling, String sourceReliability, int informationAccuracy,
            Outcome outcome, int personsCount, List<ObservedSubject> subjects, List<Flag> flags,
            long admittedStreamTime) {
        this(eventId, kind, agency, observedAt, location, indicators, handling, sourceReliability,
                informationAccuracy, outcome, personsCount, subjects, flags, admittedStreamTime, false);
    }

    /** This event as admitted when its input partition's stream time was {@code streamTime}. */
    public Observation admittedAt(long streamTime) {
        return streamTime == admittedStreamTime ? this : new Observation(eventId, kind, agency, observedAt, location,
                indicators, handling, sourceReliability, informationAccuracy, outcome, personsCount, subjects, flags,
                streamTime, tip, direction);
    }

    /** Whether the event came too late for a window of {@code reachMs} (window plus grace) when it was admitted. */
    public boolean lateFor(long reachMs) {
        return admittedStreamTime != NOT_ADMITTED && observedAt < admittedStreamTime - reachMs;
    }

    /** This event going {@code which} way (as its agency reported). */
    public Observation going(Direction which) {
        return which == direction ? this : new Observation(eventId, kind, agency, observedAt, location, indicators,
                handling, sourceReliability, informationAccuracy, outcome, personsCount, subjects, flags,
                admittedStreamTime, tip, which);
    }

    public boolean isInterception() {
        return kind == EventKind.INTERCEPTION;
    }

    public String country() {
        return location.getCountry();
    }

    public String site() {
        return location.getSite();
    }

    public boolean involvesMinor() {
        if (indicators.contains(UNACCOMPANIED_MINOR)) {
            return true;
        }
        for (ObservedSubject subject : subjects) {
            if (subject.minor()) {
                return true;
            }
        }
        return false;
    }

    /** True when one of this event's subjects in the given role carries the token. */
    public boolean namesInRole(String token, String role) {
        for (ObservedSubject subject : subjects) {
            if (role.equals(subject.role()) && subject.names(token)) {
                return true;
            }
        }
        return false;
    }

    /** The scheme of the token in this event (PASSPORT, PHONE, ...), or null when the event does not name it. */
    public String schemeOf(String token) {
        for (ObservedSubject subject : subjects) {
            for (TokenRef ref : subject.identifiers()) {
                if (ref.token().equals(token)) {
                    return ref.scheme();
                }
            }
        }
        return null;
    }

    /** How many people the event is about: the larger of the reported count and the person subjects. */
    public int personCount() {
        int persons = 0;
        for (ObservedSubject subject : subjects) {
            if (subject.isPerson()) {
                persons++;
            }
        }
        return Math.max(persons, personsCount);
    }
}
