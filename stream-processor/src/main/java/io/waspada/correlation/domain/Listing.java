package io.waspada.correlation.domain;

/**
 * A watchlist entry as correlation uses it: the mark it puts on a token's events and when it stops
 * ({@code expiresAt}, {@link Long#MAX_VALUE} for never). Active for events observed before it expires.
 */
public record Listing(WatchMark mark, long expiresAt) {

    public boolean activeAt(long eventTimeMs) {
        return expiresAt > eventTimeMs;
    }

    public String entryId() {
        return mark.entryId();
    }
}
