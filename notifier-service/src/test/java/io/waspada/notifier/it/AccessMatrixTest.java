package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.notifier.view.AlertView;
import io.waspada.testing.AccessMatrix;
import io.waspada.testing.AccessMatrix.Cell;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notifier's access matrix: every HTTP endpoint and the WebSocket, called by an officer of another task force, an
 * officer and a lead of the task force the alert is routed to (NORTH, cleared for H0-H2), ops and an admin (both at
 * HQ, the root receiver), about alerts of each handling code. The expectations are the table below; every cell is
 * run against the running service and the table is rendered into {@code docs/access-matrix.md}.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
class AccessMatrixTest {

    /** The kinds of caller, as the matrix names them. */
    enum Caller {
        OTHER_TASK_FORCE("officer of another task force", token("officer.patient", "PATIENT", "officer")),
        OFFICER("officer", token("officer.north", "NORTH", "officer")),
        LEAD("lead", token("lead.north", "NORTH", "officer", "lead")),
        OPS("ops", token("ops", "HQ", "ops")),
        ADMIN("admin", token("admin", "HQ", "admin"));

        final String label;
        final String token;

        Caller(String label, String token) {
            this.label = label;
            this.token = token;
        }
    }

    /** The callers of the verification endpoint: the matrix's own, and an officer and a lead of the desk. */
    private static final Map<String, String> DESK_CALLERS = new java.util.LinkedHashMap<>();

    static {
        for (Caller caller : Caller.values()) {
            DESK_CALLERS.put(caller.label, caller.token);
        }
        DESK_CALLERS.put("officer of the verification desk", token("officer.desk", "DESK", "officer"));
        DESK_CALLERS.put("lead of the verification desk", token("lead.desk", "DESK", "officer", "lead"));
    }

    private static final Instant STARTED = Instant.now().minusSeconds(1);
    private static final List<Handling> CODES = List.of(Handling.H0, Handling.H1, Handling.H2, Handling.H3);

    @TestHTTPResource("/")
    URI base;
    @Inject
    AlertView view;

    /** Whether the caller may see an alert routed to NORTH at this code: NORTH's own people, up to its clearance. */
    private static boolean sees(Caller caller, Handling code) {
        return (caller == Caller.OFFICER || caller == Caller.LEAD) && code != Handling.H3;
    }

    private static boolean national(Caller caller) {
        return caller == Caller.OPS || caller == Caller.ADMIN;
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() throws Exception {
        Map<Handling, String> readable = new EnumMap<>(Handling.class);
        Map<String, String> fresh = new java.util.HashMap<>();
        Map<String, Handling> all = new java.util.HashMap<>();
        for (Handling code : CODES) {
            readable.put(code, uniqueId("matrix-" + code));
            all.put(readable.get(code), code);
            for (Caller caller : Caller.values()) {
                for (String action : List.of("ack", "resolve")) {
                    String id = uniqueId("matrix-" + action + "-" + caller + "-" + code);
                    fresh.put(action + caller + code, id);
                    all.put(id, code);
                }
            }
        }
        all.forEach((id, code) -> send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), code)));
        // Tip verification (#18): a fresh tip-only alert at the desk (DESK, cleared for H0-H2) per caller and code.
        Map<String, String> tips = new java.util.HashMap<>();
        for (Handling code : CODES) {
            for (String caller : DESK_CALLERS.keySet()) {
                String id = uniqueId("matrix-verify-" + code);
                tips.put(caller + code, id);
                send(TestAlerts.tipOnly(
                        alert(id, 1, "VERIFY", Severity.HIGH, uniqueId("tok"), code)));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> all.keySet().stream().allMatch(id -> view.highestVersion(id) == 1)
                && tips.values().stream().allMatch(id -> view.highestVersion(id) == 1));

        List<Cell> cells = new ArrayList<>();
        // Alert endpoints: one alert per handling code for reads; a fresh one per caller and code for actions.
        perAlert(cells, "GET /api/v1/alerts", (caller, code) -> sees(caller, code) ? "200 listed" : "200 not listed",
                (caller, code) -> listed(caller, readable.get(code)));
        for (String path : List.of("", "/history", "/cap", "/requests")) {
            perAlert(cells, "GET /api/v1/alerts/{id}" + path, (caller, code) -> sees(caller, code) ? "200" : "404",
                    (caller, code) -> status(given().auth().oauth2(caller.token)
                            .get("/api/v1/alerts/" + readable.get(code) + path)));
        }
        // Asking the evidence owner is an officer's act: ops and admin lack the role (403 before the alert is looked up).
        perAlert(cells, "POST /api/v1/alerts/{id}/requests", (caller, code) -> caller == Caller.OPS
                        || caller == Caller.ADMIN ? "403" : sees(caller, code) ? "201" : "404",
                (caller, code) -> status(post(caller, "/api/v1/alerts/" + readable.get(code) + "/requests",
                        Map.of("eventId", "ev-" + readable.get(code) + "-1", "question", "Who else was there?",
                                "reason", "access matrix", "urgency", "NORMAL"))));
        perAlert(cells, "POST /api/v1/alerts/{id}/ack", (caller, code) -> sees(caller, code) ? "200" : "404",
                (caller, code) -> status(post(caller, "/api/v1/alerts/" + fresh.get("ack" + caller + code) + "/ack", "{}")));
        perAlert(cells, "POST /api/v1/alerts/{id}/resolve",
                (caller, code) -> caller != Caller.LEAD ? "403" : sees(caller, code) ? "200" : "404",
                (caller, code) -> status(post(caller, "/api/v1/alerts/" + fresh.get("resolve" + caller + code) + "/resolve",
                        "{}")));
        // Deciding on a tip-only alert is the verification desk's lead's act: every other caller is refused before the
        // alert is looked up; the desk's lead sees only what the desk is cleared for.
        for (Handling code : CODES) {
            DESK_CALLERS.forEach((caller, token) -> cells.add(new Cell("POST /api/v1/alerts/{id}/verification", caller,
                    code.name(), caller.equals("lead of the verification desk") ? (code == Handling.H3 ? "404" : "200")
                            : "403",
                    status(given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body(Map.of("decision", "VERIFIED", "reason", "access matrix"))
                            .post("/api/v1/alerts/" + tips.get(caller + code) + "/verification")))));
        }
        // The WebSocket: the backlog at connection, then a new version of each alert pushed live. The view pushes a
        // version to every listener of the task forces that see it in one step, so once NORTH's officer has all three
        // new versions, any other socket that was going to get them has them too.
        Map<Caller, FeedClient> feeds = new EnumMap<>(Caller.class);
        Map<Caller, List<String>> backlogs = new EnumMap<>(Caller.class);
        try {
            for (Caller caller : Caller.values()) {
                FeedClient feed = FeedClient.connect(base, "access_token=" + caller.token);
                feeds.put(caller, feed);
                await().atMost(Duration.ofSeconds(20)).until(feed::backlogComplete);
                backlogs.put(caller, List.copyOf(feed.alertVersions()));
            }
            readable.forEach((code, id) -> send(alert(id, 2, "KEDAH", Severity.HIGH, uniqueId("tok"), code)));
            await().atMost(Duration.ofSeconds(20)).until(() -> feeds.get(Caller.OFFICER).alertVersions().containsAll(
                    List.of(readable.get(Handling.H0) + ":2", readable.get(Handling.H1) + ":2", readable.get(Handling.H2) + ":2"))
                    && readable.values().stream().allMatch(id -> view.highestVersion(id) == 2));
            perAlert(cells, "WS /ws/alerts backlog", (caller, code) -> sees(caller, code) ? "shown" : "not shown",
                    (caller, code) -> backlogs.get(caller).contains(readable.get(code) + ":1") ? "shown" : "not shown");
            perAlert(cells, "WS /ws/alerts live", (caller, code) -> sees(caller, code) ? "pushed" : "not pushed",
                    (caller, code) -> feeds.get(caller).alertVersions().contains(readable.get(code) + ":2")
                            ? "pushed" : "not pushed");
        } finally {
            for (FeedClient feed : feeds.values()) {
                feed.close();
            }
        }

        // Endpoints about no one alert: the role decides.
        String nationalSilence = given().auth().oauth2(Caller.OPS.token).contentType(ContentType.JSON)
                .body(silence()).post("/api/v1/silences").then().statusCode(201).extract().path("id");
        perCaller(cells, "GET /api/v1/silences", caller -> caller == Caller.LEAD || national(caller) ? "200" : "403",
                caller -> status(given().auth().oauth2(caller.token).get("/api/v1/silences")));
        perCaller(cells, "POST /api/v1/silences", caller -> caller == Caller.LEAD || national(caller) ? "201" : "403",
                caller -> status(post(caller, "/api/v1/silences", silence())));
        perCaller(cells, "DELETE /api/v1/silences/{national silence}",
                caller -> national(caller) ? "200" : caller == Caller.LEAD ? "404" : "403",
                caller -> status(given().auth().oauth2(caller.token).delete("/api/v1/silences/" + nationalSilence)));
        perCaller(cells, "GET /api/v1/dead-letters", caller -> national(caller) ? "200" : "403",
                caller -> status(given().auth().oauth2(caller.token).get("/api/v1/dead-letters")));
        perCaller(cells, "POST /api/v1/dead-letters/{id}/replay", caller -> national(caller) ? "404" : "403",
                caller -> status(post(caller, "/api/v1/dead-letters/no-such-letter/replay", "{}")));
        perCaller(cells, "GET /api/v1/ops/overview", caller -> national(caller) ? "200" : "403",
                caller -> status(given().auth().oauth2(caller.token).get("/api/v1/ops/overview")));
        perCaller(cells, "GET /api/v1/task-forces", caller -> "200",
                caller -> status(given().auth().oauth2(caller.token).get("/api/v1/task-forces")));
        perCaller(cells, "POST /api/v1/routing/test", caller -> "200",
                caller -> status(post(caller, "/api/v1/routing/test", Map.of("labels", Map.of("region", "KEDAH")))));

        AccessMatrix.verify("notifier-service", """
                ### notifier-service

                The alert is routed to NORTH (cleared for H0, H1, H2). Callers: an officer of another task force
                (PATIENT), an officer and a lead of NORTH, ops and an admin (both at HQ, the root receiver, as the demo
                officers are). Acknowledge and resolve act on a fresh alert per cell. The verification decision acts on
                a fresh tip-only alert per cell, routed to the verification desk (DESK, cleared for H0, H1, H2) alone;
                only the desk's lead may decide. `404` is exactly the answer for an alert that does not exist; `403` a
                missing role. Generated by `AccessMatrixTest`; no token at all is a `401` everywhere
                (`TokenRefusalTest`).""", cells);
    }

    private static void perAlert(List<Cell> cells, String endpoint, BiFunction<Caller, Handling, String> expected,
            BiFunction<Caller, Handling, String> probe) {
        for (Caller caller : Caller.values()) {
            for (Handling code : CODES) {
                cells.add(new Cell(endpoint, caller.label, code.name(), expected.apply(caller, code),
                        probe.apply(caller, code)));
            }
        }
    }

    private static void perCaller(List<Cell> cells, String endpoint, java.util.function.Function<Caller, String> expected,
            java.util.function.Function<Caller, String> probe) {
        for (Caller caller : Caller.values()) {
            cells.add(new Cell(endpoint, caller.label, AccessMatrix.NOT_APPLICABLE, expected.apply(caller),
                    probe.apply(caller)));
        }
    }

    private static String listed(Caller caller, String id) {
        // Only this test's alerts (updated since it started), newest first: the suite's others do not crowd them out.
        Response answer = given().auth().oauth2(caller.token).queryParam("since", STARTED.toString())
                .queryParam("size", 200).get("/api/v1/alerts");
        if (answer.statusCode() != 200) {
            return Integer.toString(answer.statusCode());
        }
        List<String> ids = answer.then().extract().path("items.alertId");
        return "200 " + (ids.contains(id) ? "listed" : "not listed");
    }

    private static Response post(Caller caller, String path, Object body) {
        return given().auth().oauth2(caller.token).contentType(ContentType.JSON).body(body).post(path);
    }

    private static String status(Response answer) {
        return Integer.toString(answer.statusCode());
    }

    private static Map<String, Object> silence() {
        return Map.of("matchers", List.of("subject=\"" + uniqueId("tok-matrix") + "\""),
                "endsAt", Instant.now().plus(Duration.ofHours(1)).toString(), "comment", "access matrix");
    }
}
