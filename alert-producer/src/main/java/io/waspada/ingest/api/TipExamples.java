package io.waspada.ingest.api;

/** The tips endpoint's examples (#18), shown in the OpenAPI document; OpenApiDocumentTest validates them. */
final class TipExamples {

    static final String TIP = """
            {"eventId": "5e0f7a21-9c3b-4d12-8e6f-2a1b3c4d5e6f", "observedAt": "2026-11-20T03:15:00Z",
             "location": {"lat": 1.0043, "lon": 110.3670, "country": "MY", "region": "SARAWAK", "site": "TEBEDU"},
             "subjects": [
               {"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID", "sex": "F",
                "identifiers": [{"scheme": "PASSPORT", "value": "C7654321", "issuer": "ID"}]},
               {"type": "PHONE", "role": "SUSPECTED_FACILITATOR", "identifiers": [{"scheme": "PHONE", "value": "+62 813-1111-2222"}]}],
             "indicators": ["DOCUMENTS_HELD_BY_THIRD_PARTY"], "direction": "INBOUND",
             "notes": "Caller to the hotline: her sister's passport is kept by the agent who brought her across"}
            """;

    static final String TOO_MANY = """
            {"type": "https://waspada.io/problems/too-many-tips", "title": "Too many tips", "status": 429,
             "detail": "this organisation's rate is used up; nothing was written; resend after 2 s"}
            """;

    private TipExamples() {
    }
}
