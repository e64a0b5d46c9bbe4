package io.waspada.correlation.domain;

import io.waspada.avro.Flag;
import io.waspada.avro.Severity;
import java.util.List;

/**
 * An active watchlist entry behind a hit: which agency listed the identifier, how severe, since when, and the
 * jurisdiction flags it put on the entry (a hit's alert carries them).
 */
public record WatchMark(String entryId, String owningAgency, Severity severity, long listedAt, List<Flag> flags) {

    public WatchMark(String entryId, String owningAgency, Severity severity, long listedAt) {
        this(entryId, owningAgency, severity, listedAt, List.of());
    }
}
