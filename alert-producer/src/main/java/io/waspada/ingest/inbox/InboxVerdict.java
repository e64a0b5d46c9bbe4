package io.waspada.ingest.inbox;

import io.waspada.ingest.api.Problem;
import io.waspada.ingest.domain.IngestEvent;

/** What the door made of one inbox record: an event to write, or a refusal for the agency's rejects topic. */
sealed interface InboxVerdict {

    record Accepted(IngestEvent event) implements InboxVerdict {
    }

    /** {@code eventId}: the report's, when it could be read (the reject's key), else null. */
    record Refused(String kind, String eventId, Problem problem) implements InboxVerdict {
    }
}
