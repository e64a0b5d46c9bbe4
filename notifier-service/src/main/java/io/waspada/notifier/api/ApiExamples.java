package io.waspada.notifier.api;

/** Requests and answers of the notifier API as it writes them, shown in the OpenAPI document (OpenApiDocumentTest checks them). */
final class ApiExamples {

    private static final String ALERT_ID = """
            "alertId": "3b9d8e5e-1f0a-3c2b-9d4e-7a6b5c4d3e2f", "type": "CROSS_BORDER_MOVEMENT", "severity": "HIGH",
            """;

    private static final String ALERT_REST = """
            "title": "Identifier seen in ID and MY within 72 h",
            "summary": "A passport token seen by ID_IMIGRASI at ENTIKONG, then by IMMIGRATION at TEBEDU, 2 h 5 min apart",
            "labels": {"type": "CROSS_BORDER_MOVEMENT", "severity": "HIGH", "region": "SARAWAK", "domain": "trafficking",
                       "countries": "ID,MY", "agencies": "ID_IMIGRASI,IMMIGRATION", "handling": "H2",
                       "flags": "PROTECT_VICTIM", "subject": "Xq3v0kPj8mE2c9YwT1aB5nR7uL4sD6fG0hJ2kM8pQ1w"},
            "subjectToken": "Xq3v0kPj8mE2c9YwT1aB5nR7uL4sD6fG0hJ2kM8pQ1w",
            "firstSeen": "2026-11-20T01:10:00Z", "lastSeen": "2026-11-20T03:15:00Z", "eventCount": 2,
            "evidence": [
              {"eventId": "6f1e2d3c-4b5a-4978-8c6d-5e4f3a2b1c0d", "kind": "SIGHTING", "agency": "ID_IMIGRASI",
               "observedAt": "2026-11-20T01:10:00Z",
               "location": {"lat": 1.0336, "lon": 110.3591, "country": "ID", "region": "KALIMANTAN_BARAT", "site": "ENTIKONG"},
               "indicators": ["DECEPTIVE_RECRUITMENT"], "handling": "H0", "flags": []},
              {"eventId": "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", "kind": "SIGHTING", "agency": "IMMIGRATION",
               "observedAt": "2026-11-20T03:15:00Z",
               "location": {"lat": 1.0043, "lon": 110.3670, "country": "MY", "region": "SARAWAK", "site": "TEBEDU"},
               "indicators": [], "handling": "H2",
               "flags": [{"kind": "PROTECT_VICTIM", "jurisdiction": null, "agency": "IMMIGRATION",
                          "notice": "PROTECT THE VICTIM FIRST (IMMIGRATION): a victim is involved; their safety comes before any other action."}]}],
            "taskForces": ["LAND_EAST", "NTF_HQ"], "version": 2, "handling": "H2",
            "createdAt": "2026-11-20T03:15:02.114Z", "updatedAt": "2026-11-20T03:15:02.114Z",
            "flags": [{"kind": "PROTECT_VICTIM", "jurisdiction": null, "agency": "IMMIGRATION",
                       "notice": "PROTECT THE VICTIM FIRST (IMMIGRATION): a victim is involved; their safety comes before any other action."}]""";

    static final String PAGE = "{\"items\": [{" + ALERT_ID + "\"status\": \"OPEN\", " + ALERT_REST
            + "}], \"page\": 0, \"size\": 50, \"total\": 1}";

    static final String ACKNOWLEDGED = "{" + ALERT_ID + "\"status\": \"ACKNOWLEDGED\", " + ALERT_REST + """
            , "acknowledgement": {"by": "officer.east", "taskForce": "LAND_EAST", "at": "2026-11-20T03:20:41Z",
                                  "comment": "Team sent to Tebedu", "version": 2}}""";

    static final String HISTORY = """
            [{"eventId": "c0a8e1f2-0d3c-4b5a-9e8f-7a6b5c4d3e21", "action": "ROUTED", "alertVersion": 2,
              "at": "2026-11-20T03:15:02.300Z", "actor": "notifier-service", "taskForce": "LAND_EAST",
              "attributes": {"route": "root.routes[1]"}},
             {"eventId": "d1b9f2a3-1e4d-4c6b-8f90-8b7c6d5e4f32", "action": "ACKED", "alertVersion": 2,
              "at": "2026-11-20T03:20:41Z", "actor": "officer.east", "taskForce": "LAND_EAST",
              "detail": "Team sent to Tebedu", "attributes": {}}]
            """;

    static final String CAP = """
            <?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\
            <identifier>waspada:3b9d8e5e-1f0a-3c2b-9d4e-7a6b5c4d3e2f:2</identifier><sender>waspada</sender>\
            <sent>2026-11-20T03:15:02+00:00</sent><status>Actual</status><msgType>Update</msgType><scope>Restricted</scope>\
            <restriction>H2</restriction>...</alert>""";

    static final String COMMENT = """
            {"comment": "Team sent to Tebedu"}
            """;

    static final String NEW_SILENCE = """
            {"matchers": ["subject=\\"TAWAU\\"", "type=\\"GROUP_CROSSING\\""], "startsAt": "2026-11-20T03:00:00Z",
             "endsAt": "2026-11-20T07:00:00Z", "comment": "Planned joint operation in Tawau", "taskForce": "LAND_EAST"}
            """;

    static final String SILENCE = """
            {"id": "6a1f0c52-3a4b-4d1e-9c1f-4b2a7f0e9d10", "matchers": ["subject=\\"TAWAU\\"", "type=\\"GROUP_CROSSING\\""],
             "startsAt": "2026-11-20T03:00:00Z", "endsAt": "2026-11-20T07:00:00Z", "createdBy": "ops.aminah",
             "comment": "Planned joint operation in Tawau", "updatedAt": "2026-11-20T03:00:00Z",
             "taskForce": "LAND_EAST", "expiredBy": null}
            """;

    static final String SILENCES = "[" + SILENCE + "]";

    static final String ROUTING_TEST = """
            {"labels": {"type": "GROUP_CROSSING", "severity": "HIGH", "region": "KEDAH", "countries": "MY"},
             "handling": "H1"}
            """;

    static final String ROUTING_RESULT = """
            {"handling": "H1", "receivers": [
              {"receiver": "LAND_NORTH", "name": "Land border north (RMP GOF / Immigration, Perlis-Kedah-Kelantan)",
               "route": "root.routes[0]", "line": 14, "cleared": true, "groupBy": ["region", "type"],
               "groupWait": "30s", "groupInterval": "5m", "repeatInterval": "4h",
               "escalationDeadlines": {"CRITICAL": "15m", "HIGH": "1h", "MEDIUM": "never", "LOW": "never"}}]}
            """;

    static final String TASK_FORCES = """
            [{"id": "LAND_EAST", "name": "Land border east (RMP GOF / Immigration, Sarawak-Sabah)",
              "handling": ["H0", "H1", "H2"], "escalation": ["NTF_HQ"], "channels": ["websocket", "webhook"],
              "webhookUrl": "https://tf-east.example.gov.my/waspada", "emailTo": []}]
            """;

    static final String DEAD_LETTER = """
            {"id": "dl-5c2e9a10", "receiver": "LAND_EAST", "notificationId": "n-7f3a2b1c",
             "alerts": ["3b9d8e5e-1f0a-3c2b-9d4e-7a6b5c4d3e2f:2"],
             "body": "{\\"receiver\\":\\"LAND_EAST\\",\\"alerts\\":[]}", "attempts": 8,
             "lastError": "HTTP 503 from https://tf-east.example.gov.my/waspada", "deadAt": "2026-11-20T04:02:11Z"}
            """;

    static final String DEAD_LETTERS = "[" + DEAD_LETTER + "]";

    static final String CREDENTIALS = """
            {"username": "officer.east", "password": "the password ./waspada local printed"}
            """;

    static final String SESSION = """
            {"token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyLmVhc3QifQ.c2lnbmF0dXJl", "username": "officer.east",
             "taskForce": "LAND_EAST", "roles": ["officer"]}
            """;

    static final String METHODS = """
            {"identityProvider": false, "password": true}
            """;

    private ApiExamples() {
    }
}
