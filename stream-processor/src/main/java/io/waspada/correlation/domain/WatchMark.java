package io.waspada.correlation.domain;

import io.waspada.avro.Severity;

/** An active watchlist entry behind a hit: which agency listed the identifier, how severe, since when. */
public record WatchMark(String entryId, String owningAgency, Severity severity, long listedAt) {
}
