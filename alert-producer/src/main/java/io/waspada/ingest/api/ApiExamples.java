package io.waspada.ingest.api;

/**
 * Request and answer examples from the domain, shown in the OpenAPI document and Swagger UI. OpenApiDocumentTest
 * validates each against its schema and sends every request example to the running service, which must accept it.
 */
final class ApiExamples {

    static final String SIGHTING = """
            {"eventId": "8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", "agency": "IMMIGRATION",
             "observedAt": "2026-11-20T03:15:00Z",
             "location": {"lat": 6.4300, "lon": 100.4200, "country": "MY", "region": "KEDAH", "site": "BUKIT_KAYU_HITAM"},
             "subjects": [
               {"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID", "sex": "F", "ageBand": "MINOR",
                "identifiers": [{"scheme": "PASSPORT", "value": "C1234567", "issuer": "ID"}]},
               {"type": "PHONE", "role": "SUSPECTED_FACILITATOR", "identifiers": [{"scheme": "PHONE", "value": "+62 812-3456-7890"}]}],
             "indicators": ["DOCUMENTS_HELD_BY_THIRD_PARTY", "UNACCOMPANIED_MINOR"],
             "direction": "INBOUND", "notes": "Travelling with an adult who is not a relative",
             "handling": "H2", "sourceReliability": "B", "informationAccuracy": 2,
             "flags": [{"kind": "PROTECT_VICTIM"}]}
            """;

    static final String INTERCEPTION = """
            {"eventId": "3f2a9c4e-1b7d-4e0a-8c55-0d6e2f9a7b11", "agency": "MMEA",
             "observedAt": "2026-11-21T22:40:00Z",
             "location": {"lat": 4.2448, "lon": 117.8810, "country": "MY", "region": "SABAH", "site": "TAWAU"},
             "subjects": [
               {"type": "VESSEL", "role": "SUSPECTED_FACILITATOR", "identifiers": [{"scheme": "MMSI", "value": "525012345"}]},
               {"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID", "sex": "M", "ageBand": "ADULT"}],
             "indicators": ["DECEPTIVE_RECRUITMENT", "DEBT_BONDAGE"], "direction": "INBOUND",
             "handling": "H1", "sourceReliability": "A", "informationAccuracy": 2,
             "outcome": "RESCUED", "personsCount": 14, "caseReference": "MMEA/TWU/2026/0311",
             "flags": [{"kind": "INFORM_ONLY", "jurisdiction": "ID"}]}
            """;

    static final String BATCH = """
            {"events": [
              {"kind": "SIGHTING", "eventId": "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", "observedAt": "2026-11-20T03:15:00Z",
               "location": {"lat": 1.0043, "lon": 110.3670, "country": "MY", "region": "SARAWAK", "site": "TEBEDU"},
               "subjects": [{"type": "PERSON", "role": "SUSPECTED_VICTIM",
                             "identifiers": [{"scheme": "PASSPORT", "value": "B7654321", "issuer": "ID"}]}],
               "handling": "H2"},
              {"kind": "INTERCEPTION", "eventId": "1c2d3e4f-5061-4728-93a4-b5c6d7e8f901", "observedAt": "2026-11-20T09:00:00Z",
               "location": {"lat": 1.5535, "lon": 110.3593, "country": "MY", "region": "SARAWAK"},
               "subjects": [{"type": "VEHICLE", "role": "SUSPECTED_FACILITATOR",
                             "identifiers": [{"scheme": "PLATE", "value": "QAA 1234 B", "issuer": "MY"}]}],
               "handling": "H1", "outcome": "ARRESTED"}]}
            """;

    static final String WATCHLIST_ENTRY = """
            {"identifier": {"scheme": "PLATE", "value": "JJU 4821", "issuer": "MY"},
             "reason": "Van used to move workers across the causeway", "severity": "HIGH",
             "expiresAt": "2099-12-31T00:00:00Z", "flags": [{"kind": "COVERT"}]}
            """;

    static final String ACCEPTED = """
            {"eventId": "8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", "topic": "tip.sightings.v1", "partition": 4,
             "offset": 18211, "duplicate": false}
            """;

    static final String BATCH_RESULT = """
            {"accepted": 1, "rejected": 1, "results": [
              {"index": 0, "eventId": "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", "status": 202, "topic": "tip.sightings.v1",
               "partition": 2, "offset": 9120, "duplicate": false},
              {"index": 1, "eventId": "1c2d3e4f-5061-4728-93a4-b5c6d7e8f901", "status": 422,
               "problem": {"type": "https://waspada.io/problems/validation", "title": "The request breaks the event contract",
                           "status": 422, "detail": "1 field(s) are invalid; nothing was written",
                           "violations": [{"field": "events[1].outcome", "rule": "required", "message": "is required"}]}}]}
            """;

    static final String WATCHLIST = """
            [{"entryId": "wl-jju-4821", "owningAgency": "RMP", "identifier": {"scheme": "PLATE", "keyId": "k1", "issuer": "MY"},
              "reason": "Van used to move workers across the causeway", "severity": "HIGH",
              "createdAt": "2026-11-20T03:15:00.120Z", "expiresAt": "2099-12-31T00:00:00Z", "flags": [{"kind": "COVERT"}]}]
            """;

    static final String CHANGE = """
            {"entryId": "wl-jju-4821", "topic": "tip.watchlist.v1", "partition": 1, "offset": 77, "created": true,
             "removed": false}
            """;

    static final String REMOVED = """
            {"entryId": "wl-jju-4821", "topic": "tip.watchlist.v1", "partition": 1, "offset": 78, "created": false,
             "removed": true}
            """;

    private ApiExamples() {
    }
}
