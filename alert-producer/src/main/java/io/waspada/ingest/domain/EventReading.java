package io.waspada.ingest.domain;

import java.util.List;

/** What reading one event body gave: a valid event, the violations, or a body speaking for another agency. */
public sealed interface EventReading {

    record Valid(IngestEvent event) implements EventReading {
    }

    record Invalid(List<Violation> violations) implements EventReading {
    }

    /** The body names a known agency other than the caller's: refused (403), whatever else it says. */
    record ForeignAgency(String field, String eventId) implements EventReading {
    }
}
