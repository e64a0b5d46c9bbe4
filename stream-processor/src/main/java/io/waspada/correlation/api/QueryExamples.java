package io.waspada.correlation.api;

/** Answers of the query API as the service writes them, shown in the OpenAPI document (OpenApiDocumentTest checks them). */
final class QueryExamples {

    static final String RULES = """
            {"grace": "PT24H", "graceMs": 86400000, "maxAlertEvidence": 100, "rules": [
              {"name": "CROSS_BORDER_MOVEMENT", "keyedBy": "token", "window": "PT72H", "windowMs": 259200000, "threshold": 2,
               "fires": "the same identifier is seen in threshold+ countries, or at threshold+ border sites by 2+ agencies, within the window", "form": "condition"},
              {"name": "GROUP_CROSSING", "keyedBy": "site", "window": "PT2H", "windowMs": 7200000, "threshold": 5,
               "fires": "threshold+ persons with trafficking indicators cross the same border site within the window", "form": "condition"},
              {"name": "REPEAT_CROSSING", "keyedBy": "token", "window": "PT168H", "windowMs": 604800000, "threshold": 3,
               "fires": "one person is seen at threshold+ different border sites within the window", "form": "condition"},
              {"name": "MINOR_OUTBOUND_NO_RETURN", "keyedBy": "token", "window": "PT168H", "windowMs": 604800000,
               "threshold": 1, "fires": "a minor is sighted going outbound at a border site and no return (inbound event) or rescue (interception, RESCUED) names the same token within the window",
               "form": "absence"}]}
            """;

    static final String TIMELINE = """
            {"token": "Xq3v0kPj8mE2c9YwT1aB5nR7uL4sD6fG0hJ2kM8pQ1w", "servedBy": "10.0.4.12:8082",
             "events": [
               {"eventId": "6f1e2d3c-4b5a-4978-8c6d-5e4f3a2b1c0d", "kind": "SIGHTING", "agency": "ID_IMIGRASI",
                "observedAt": "2026-11-20T01:10:00Z", "country": "ID", "region": "KALIMANTAN_BARAT", "site": "ENTIKONG",
                "indicators": ["DECEPTIVE_RECRUITMENT"], "handling": "H0", "outcome": null},
               {"eventId": "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", "kind": "SIGHTING", "agency": "IMMIGRATION",
                "observedAt": "2026-11-20T03:15:00Z", "country": "MY", "region": "SARAWAK", "site": "TEBEDU",
                "indicators": [], "handling": "H2", "outcome": null}],
             "alerts": [
               {"alertId": "3b9d8e5e-1f0a-3c2b-9d4e-7a6b5c4d3e2f", "type": "CROSS_BORDER_MOVEMENT", "version": 2,
                "severity": "HIGH", "windowStart": "2026-11-19T00:00:00Z", "eventCount": 2, "handling": "H2"}]}
            """;

    static final String BAD_TOKEN = """
            {"type": "about:blank", "title": "Invalid token", "status": 400,
             "detail": "token must be a base64url identifier token (1-128 characters)", "field": "token"}
            """;

    static final String NO_TOKEN = "{\"type\": \"about:blank\", \"title\": \"Unauthorized\", \"status\": 401, "
            + "\"detail\": \"" + SecurityProblems.NO_TOKEN + "\"}";

    static final String TOKEN_REFUSED = "{\"type\": \"about:blank\", \"title\": \"Unauthorized\", \"status\": 401, "
            + "\"detail\": \"" + SecurityProblems.TOKEN_REFUSED + "\"}";

    /** The start of a 403 for a token without the endpoint's role; the roles follow. */
    private static final String ROLE_MISSING = "{\"type\": \"about:blank\", \"title\": \"Forbidden\", \"status\": 403, "
            + "\"detail\": \"" + SecurityProblems.ROLE_MISSING + ": one of ";

    /** The 403 of the timeline for a token without the investigator (or admin) role. */
    static final String NOT_AN_INVESTIGATOR = ROLE_MISSING + "admin, investigator\"}";

    /** The 403 of the rules for a token with none of their roles. */
    static final String NO_OFFICER_ROLE = ROLE_MISSING + "admin, investigator, officer, ops\"}";

    static final String OWNER_UNREACHABLE = """
            {"type": "about:blank", "title": "Owner unreachable", "status": 502,
             "detail": "The instance owning this token (10.0.4.13:8082) did not answer"}
            """;

    static final String AUDIT_UNAVAILABLE = """
            {"type": "about:blank", "title": "Audit unavailable", "status": 503,
             "detail": "Every query is audited before it is answered, and the audit cannot be written now; try again"}
            """;

    private QueryExamples() {
    }
}
