package io.waspada.notifier.api;

/** The notifier's problem answers as it writes them (Problem), shown in the OpenAPI document. */
final class ProblemExamples {

    static final String BAD_FILTER = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "one of [OPEN, ACKNOWLEDGED, RESOLVED]", "field": "status"}
            """;

    static final String BAD_SILENCE = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "comment is required: say why alerts are silenced", "field": "comment"}
            """;

    static final String BAD_ROUTING = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "handling must be one of H0, H1, H2, H3, not 'H9'", "field": "handling"}
            """;

    static final String BAD_SIGN_IN = """
            {"type": "about:blank", "title": "Invalid request", "status": 400, "detail": "password is required",
             "field": "password"}
            """;

    static final String WRONG_PASSWORD = """
            {"type": "about:blank", "title": "Unauthorized", "status": 401, "detail": "wrong username or password"}
            """;

    static final String NO_TOKEN = "{\"type\": \"about:blank\", \"title\": \"Unauthorized\", \"status\": 401, "
            + "\"detail\": \"" + SecurityProblems.NO_TOKEN + "\"}";

    static final String TOKEN_REFUSED = "{\"type\": \"about:blank\", \"title\": \"Unauthorized\", \"status\": 401, "
            + "\"detail\": \"" + SecurityProblems.TOKEN_REFUSED + "\"}";

    /** The start of a 403 for a token without the endpoint's role; the roles follow. */
    private static final String ROLE_MISSING = "{\"type\": \"about:blank\", \"title\": \"Forbidden\", \"status\": 403, "
            + "\"detail\": \"" + SecurityProblems.ROLE_MISSING + ": one of ";

    /** The 403 of a token without any of the roles {@code admin, officer, ops}. */
    static final String NOT_AN_OFFICER = ROLE_MISSING + "admin, officer, ops\"}";

    /** The 403 of a token without any of the roles {@code admin, lead, ops}. */
    static final String NEITHER_LEAD_NOR_OPS = ROLE_MISSING + "admin, lead, ops\"}";

    /** The 403 of a token without any of the roles {@code admin, ops}. */
    static final String NOT_OPS_ROLE = ROLE_MISSING + "admin, ops\"}";

    static final String NOT_LEAD = """
            {"type": "about:blank", "title": "Forbidden", "status": 403,
             "detail": "resolving an alert closes it for every task force that has it: role 'lead' is required; acknowledge it for your task force instead"}
            """;

    static final String NOT_OPS = """
            {"type": "about:blank", "title": "Forbidden", "status": 403, "detail": "the ops view needs the ops or admin role"}
            """;

    static final String OTHER_TASK_FORCE = """
            {"type": "about:blank", "title": "Forbidden", "status": 403,
             "detail": "a lead silences alerts for their own task force (LAND_EAST) only"}
            """;

    static final String NO_ALERT = """
            {"type": "about:blank", "title": "Not found", "status": 404, "detail": "no alert 3b9d8e5e-1f0a-3c2b-9d4e-7a6b5c4d3e2f"}
            """;

    static final String NO_SILENCE = """
            {"type": "about:blank", "title": "Not found", "status": 404, "detail": "no silence 6a1f0c52-3a4b-4d1e-9c1f-4b2a7f0e9d10"}
            """;

    static final String NO_DEAD_LETTER = """
            {"type": "about:blank", "title": "Not found", "status": 404, "detail": "no dead letter dl-5c2e9a10"}
            """;

    static final String NO_DEMO_OFFICERS = """
            {"type": "about:blank", "title": "Not found", "status": 404,
             "detail": "password sign-in is only for the local platform's demo officers: sign in at your identity provider and use its token"}
            """;

    static final String ALREADY = """
            {"type": "about:blank", "title": "Conflict", "status": 409,
             "detail": "alert 3b9d8e5e-1f0a-3c2b-9d4e-7a6b5c4d3e2f is already ACKNOWLEDGED for LAND_EAST"}
            """;

    static final String NOT_CLEARED = """
            {"type": "about:blank", "title": "Conflict", "status": 409,
             "detail": "receiver LAND_EAST is no longer cleared for the latest handling code of every alert in dead letter dl-5c2e9a10"}
            """;

    static final String THROTTLED = """
            {"type": "about:blank", "title": "Too many requests", "status": 429,
             "detail": "too many failed sign-ins: try again later"}
            """;

    static final String AUDIT_DOWN = """
            {"type": "about:blank", "title": "Service unavailable", "status": 503,
             "detail": "the audit cannot be written now, so the silence was not made; try again"}
            """;

    private ProblemExamples() {
    }
}
