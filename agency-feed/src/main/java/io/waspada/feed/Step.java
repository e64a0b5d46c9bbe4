package io.waspada.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One call of a planted pattern, ordered by {@code at} (its event time) so the platform sees planted events in
 * event-time order. {@code observedNow}: the event's observedAt is set at the moment it is posted (after the
 * watchlist change before it was acknowledged).
 */
sealed interface Step {

    Instant at();

    String agency();

    record Event(Instant at, String agency, String kind, ObjectNode body, boolean observedNow) implements Step {
        String eventId() {
            return body.get("eventId").asText();
        }
    }

    record WatchlistPut(Instant at, String agency, String entryId, ObjectNode body) implements Step {
    }

    record WatchlistDelete(Instant at, String agency, String entryId) implements Step {
    }
}
