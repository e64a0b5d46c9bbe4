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

    /** The marks of those listings active at {@code eventTimeMs}. */
    public static java.util.List<WatchMark> activeAt(java.util.List<Listing> listings, long eventTimeMs) {
        java.util.List<WatchMark> marks = null;
        for (Listing listing : listings) {
            if (listing.activeAt(eventTimeMs)) {
                if (marks == null) {
                    marks = new java.util.ArrayList<>(1);
                }
                marks.add(listing.mark());
            }
        }
        return marks == null ? java.util.List.of() : marks;
    }
}
