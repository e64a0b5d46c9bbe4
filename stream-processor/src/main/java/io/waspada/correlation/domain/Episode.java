package io.waspada.correlation.domain;

import io.waspada.avro.Flag;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import java.util.List;

/**
 * One alert in the making: a rule that fired for a correlation key, for the windows starting in one cell of the
 * event-time grid (cells as long as the rule's window; {@code anchor}, part of the alertId, is the cell's start).
 * The episode is every window of its rule starting in that cell in which the rule holds: the earliest such window
 * starts at {@code firstStart}, the latest at {@code lastStart}, so its evidence is the rule's events in
 * [{@code firstStart}, {@code lastStart} + window]. Defined by the set of events alone, not by the order they came
 * in: the same events give the same episodes, alertIds and final evidence.
 *
 * <p>The state keeps references, not copies: the evidence lives in the key's evidence store and is read when a
 * version is composed ({@code evidence} and {@code watchMarks} are filled then and empty in the store). The
 * summaries that must not depend on what an alert carries are kept here: the exact {@code eventCount}, the
 * strictest {@code handling} seen, every jurisdiction flag seen ({@link Flags}) and whether any agency's event (not
 * a civil-society tip) was ever part of it ({@code agencyBacked}; never unset, whatever the alert carries).
 */
public record Episode(String rule, long anchor, long firstStart, long lastStart, long version, long createdAt,
        int eventCount, Severity severity, Handling handling, List<Flag> flags, List<Observation> evidence,
        List<WatchMark> watchMarks, boolean agencyBacked) {

    /** An episode of a built-in rule. */
    public Episode(RuleName rule, long anchor, long firstStart, long lastStart, long version, long createdAt,
            int eventCount, Severity severity, Handling handling, List<Flag> flags, List<Observation> evidence,
            List<WatchMark> watchMarks, boolean agencyBacked) {
        this(rule.name(), anchor, firstStart, lastStart, version, createdAt, eventCount, severity, handling, flags,
                evidence, watchMarks, agencyBacked);
    }

    /** An episode with agency evidence (what every episode was before tips). */
    public Episode(String rule, long anchor, long firstStart, long lastStart, long version, long createdAt,
            int eventCount, Severity severity, Handling handling, List<Flag> flags, List<Observation> evidence,
            List<WatchMark> watchMarks) {
        this(rule, anchor, firstStart, lastStart, version, createdAt, eventCount, severity, handling, flags, evidence,
                watchMarks, true);
    }

    /** An episode of a built-in rule with agency evidence. */
    public Episode(RuleName rule, long anchor, long firstStart, long lastStart, long version, long createdAt,
            int eventCount, Severity severity, Handling handling, List<Flag> flags, List<Observation> evidence,
            List<WatchMark> watchMarks) {
        this(rule.name(), anchor, firstStart, lastStart, version, createdAt, eventCount, severity, handling, flags,
                evidence, watchMarks, true);
    }

    /** Whether the episode rests on civil-society tips alone: no agency's event was ever part of it. */
    public boolean tipOnly() {
        return !agencyBacked;
    }

    /** The start of the grid cell of {@code time} for a window of {@code windowMs}. */
    public static long cellStart(long time, long windowMs) {
        return Math.floorDiv(time, windowMs) * windowMs;
    }

    /** Where the episode's evidence ends: the end of its latest window. */
    public long reachEnd(long windowMs) {
        return lastStart + windowMs;
    }

    public boolean covers(long time, long windowMs) {
        return time >= firstStart && time <= reachEnd(windowMs);
    }

    /** This episode with the evidence (and watchlist entries) it carries in the alert version being composed. */
    public Episode carrying(List<Observation> carried, List<WatchMark> marks, Severity assessed, Handling strictest,
            List<Flag> allFlags) {
        boolean backed = agencyBacked || carried.stream().anyMatch(event -> !event.tip());
        return new Episode(rule, anchor, firstStart, lastStart, version, createdAt, eventCount, assessed, strictest,
                allFlags, List.copyOf(carried), List.copyOf(marks), backed);
    }

    /** This episode as version {@code newVersion}. */
    public Episode withVersion(long newVersion) {
        return new Episode(rule, anchor, firstStart, lastStart, newVersion, createdAt, eventCount, severity, handling,
                flags, evidence, watchMarks, agencyBacked);
    }

    /** Whether this is the same episode (same rule and grid cell, hence the same alertId) as {@code other}. */
    public boolean sameAs(Episode other) {
        return rule.equals(other.rule) && anchor == other.anchor;
    }

    /** The state to keep: this episode without the evidence it carried. */
    public Episode stored() {
        return evidence.isEmpty() && watchMarks.isEmpty() ? this : new Episode(rule, anchor, firstStart, lastStart,
                version, createdAt, eventCount, severity, handling, flags, List.of(), List.of(), agencyBacked);
    }

    /** The episode's earliest evidence: its earliest window starts at an event. */
    public long firstSeen() {
        return firstStart;
    }

    public long lastSeen() {
        return evidence.stream().mapToLong(Observation::observedAt).max().orElse(firstStart);
    }

    /** The evidence observed last (ties: the one added last), which sets region and domain labels. */
    public Observation latest() {
        Observation latest = evidence.get(0);
        for (Observation observation : evidence) {
            if (observation.observedAt() >= latest.observedAt()) {
                latest = observation;
            }
        }
        return latest;
    }
}
