package io.waspada.ingest.api;

/** The problem answers as the service writes them (Problems, JsonBody, AgencyFilter), shown in the OpenAPI document. */
final class ProblemExamples {

    static final String MALFORMED = """
            {"type": "https://waspada.io/problems/malformed-json", "title": "The body is not valid JSON", "status": 400,
             "detail": "malformed JSON at line 1, column 12: Unexpected end-of-input",
             "violations": [{"field": "$", "rule": "json", "message": "malformed JSON at line 1, column 12: Unexpected end-of-input"}]}
            """;

    static final String UNAUTHORIZED = """
            {"type": "https://waspada.io/problems/unauthorized", "title": "Missing or invalid credential", "status": 401,
             "detail": "send Authorization: Bearer <agency API key or JWT>"}
            """;

    static final String FOREIGN_AGENCY = """
            {"type": "https://waspada.io/problems/foreign-agency", "title": "The body speaks for another agency",
             "status": 403, "detail": "'agency' names an agency other than the caller's credential; nothing was written",
             "violations": [{"field": "agency", "rule": "caller-agency", "message": "must be the agency of the credential (or left out)"}]}
            """;

    static final String NOT_OWNER = """
            {"type": "https://waspada.io/problems/not-owner", "title": "Owned by another agency", "status": 403,
             "detail": "watchlist entry wl-jju-4821 belongs to another agency; only it can change the entry"}
            """;

    static final String NO_ENTRY = """
            {"type": "https://waspada.io/problems/no-entry", "title": "No such entry", "status": 404,
             "detail": "watchlist entry wl-jju-4821 does not exist"}
            """;

    static final String CONFLICT = """
            {"type": "https://waspada.io/problems/event-id-conflict", "title": "eventId already used", "status": 409,
             "detail": "eventId 8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f was accepted earlier with different content; use a new eventId"}
            """;

    static final String TOO_LARGE = """
            {"type": "https://waspada.io/problems/body-too-large", "title": "The body is too large", "status": 413,
             "detail": "the limit is 2097152 bytes (a batch of 1,000 typical events is about 700 KB)"}
            """;

    static final String TOO_MANY_ITEMS = """
            {"type": "https://waspada.io/problems/too-many-items", "title": "Too many events in one batch", "status": 413,
             "detail": "at most 1000 events per batch (got 1200); nothing was written",
             "violations": [{"field": "events", "rule": "max-items", "message": "must have at most 1000 items"}]}
            """;

    static final String UNSUPPORTED_TYPE = """
            {"type": "https://waspada.io/problems/http-415", "title": "Unsupported content type", "status": 415,
             "detail": "send Content-Type: application/json"}
            """;

    static final String INVALID = """
            {"type": "https://waspada.io/problems/validation", "title": "The request breaks the event contract",
             "status": 422, "detail": "2 field(s) are invalid; nothing was written",
             "violations": [
               {"field": "subjects[0].identifiers[0].value", "rule": "passport",
                "message": "is not a valid PASSPORT: expected 5 to 20 letters or digits"},
               {"field": "location.lat", "rule": "range", "message": "must be between -90.0 and 90.0"}]}
            """;

    static final String INVALID_WATCHLIST = """
            {"type": "https://waspada.io/problems/validation", "title": "The request breaks the event contract",
             "status": 422, "detail": "1 field(s) are invalid; nothing was written",
             "violations": [{"field": "expiresAt", "rule": "future", "message": "must be in the future"}]}
            """;

    static final String UNAVAILABLE = """
            {"type": "https://waspada.io/problems/kafka-unavailable", "title": "Kafka is unavailable", "status": 503,
             "detail": "Kafka did not acknowledge the write in time; it is safe to resend"}
            """;

    private ProblemExamples() {
    }
}
