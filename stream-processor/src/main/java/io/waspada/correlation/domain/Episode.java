package io.waspada.correlation.domain;

import io.waspada.avro.Severity;
import java.util.List;

/**
 * One alert in the making: a rule that fired for a correlation key, anchored at {@code windowStart}
 * (part of the alertId), with its evidence so far and the version last emitted. Immutable.
 */
public record Episode(RuleName rule, long windowStart, long version, long createdAt, int eventCount,
        Severity severity, List<Observation> evidence, List<WatchMark> watchMarks) {

    public boolean contains(String eventId) {
        for (Observation observation : evidence) {
            if (observation.eventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    public long firstSeen() {
        return evidence.stream().mapToLong(Observation::observedAt).min().orElse(windowStart);
    }

    public long lastSeen() {
        return evidence.stream().mapToLong(Observation::observedAt).max().orElse(windowStart);
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
