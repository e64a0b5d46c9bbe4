package io.waspada.notifier.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.waspada.notifier.auth.DemoOfficers;
import io.waspada.notifier.auth.OfficerTokens;
import io.waspada.notifier.it.FeedClient;
import io.waspada.notifier.it.NotifierTestResource;
import io.waspada.notifier.it.TestAlerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The security layer's refusals of the officer API are problem documents (RFC 9457) over real HTTP: no token and a
 * token not accepted are 401 with the Bearer challenge, a token without the role is 403 naming the roles; none repeats
 * the token. The console's pages and the WebSocket upgrade answer as they did.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class SecurityProblemsTest {

    private static final String ALERTS = "/api/v1/alerts";
    private static final String DEAD_LETTERS = "/api/v1/dead-letters";

    @TestHTTPResource("/")
    URI base;

    @Test
    void noTokenIs401WithTheChallengeAndAProblem() {
        for (String endpoint : List.of(ALERTS, DEAD_LETTERS, "/api/v1/ops/overview")) {
            Response answer = given().get(endpoint);
            assertProblem(answer, 401, "Unauthorized", SecurityProblems.NO_TOKEN);
            assertThat(answer.header("WWW-Authenticate")).as(endpoint).startsWith("Bearer");
        }
        // Whatever the call would have answered (CAP XML here), its refusal is a problem.
        assertProblem(given().accept("application/cap+xml").get(ALERTS + "/any-id/cap"), 401, "Unauthorized",
                SecurityProblems.NO_TOKEN);
        // A browser's navigation to the API is refused the same way: only the console's sign-in redirects.
        Response navigation = given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .redirects().follow(false).get(ALERTS);
        assertProblem(navigation, 401, "Unauthorized", SecurityProblems.NO_TOKEN);
    }

    @Test
    void aWrongTokenIs401WithTheChallengeAndAProblemThatDoesNotRepeatIt() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String foreign = DemoOfficers.token(rsa.generateKeyPair().getPrivate(), "officer.north", "NORTH",
                Set.of("officer", "ops"), Duration.ofHours(1));
        String otherAudience = Jwt.issuer(DemoOfficers.ISSUER).audience("another-service").upn("officer.north")
                .groups(Set.of("officer", "ops")).claim(OfficerTokens.TASK_FORCE_CLAIM, "NORTH")
                .expiresIn(Duration.ofHours(1)).sign(TestAlerts.privateKey());
        for (String token : List.of("not-a-jwt", foreign, otherAudience)) {
            for (String endpoint : List.of(ALERTS, DEAD_LETTERS)) {
                Response answer = with(token).get(endpoint);
                assertProblem(answer, 401, "Unauthorized", SecurityProblems.TOKEN_REFUSED);
                assertThat(answer.header("WWW-Authenticate")).as(endpoint).startsWith("Bearer");
                assertThat(answer.asString()).doesNotContain(token);
            }
        }
    }

    @Test
    void aValidTokenWithoutTheRoleIs403NamingTheRoles() {
        String officer = TestAlerts.token("officer.north", "NORTH", "officer");
        Response answer = with(officer).get(DEAD_LETTERS);
        assertProblem(answer, 403, "Forbidden", SecurityProblems.ROLE_MISSING + ": one of admin, ops");
        assertThat(answer.asString()).doesNotContain(officer);
        with(officer).get(ALERTS).then().statusCode(200);

        String visitor = TestAlerts.token("visitor", "NORTH", "visitor");
        assertProblem(with(visitor).get(ALERTS), 403, "Forbidden",
                SecurityProblems.ROLE_MISSING + ": one of admin, officer, ops");
        assertProblem(with(visitor).get("/api/v1/silences"), 403, "Forbidden",
                SecurityProblems.ROLE_MISSING + ": one of admin, lead, ops");
    }

    @Test
    void theDocumentedExamplesAreWhatTheServiceAnswers() {
        assertThat(given().get(ALERTS).asString()).isEqualToIgnoringWhitespace(ProblemExamples.NO_TOKEN);
        assertThat(with("not-a-jwt").get(ALERTS).asString()).isEqualToIgnoringWhitespace(ProblemExamples.TOKEN_REFUSED);
        String visitor = TestAlerts.token("visitor", "NORTH", "visitor");
        assertThat(with(visitor).get(ALERTS).asString()).isEqualToIgnoringWhitespace(ProblemExamples.NOT_AN_OFFICER);
        assertThat(with(visitor).get("/api/v1/silences").asString())
                .isEqualToIgnoringWhitespace(ProblemExamples.NEITHER_LEAD_NOR_OPS);
        assertThat(with(TestAlerts.token("officer.north", "NORTH", "officer")).get(DEAD_LETTERS).asString())
                .isEqualToIgnoringWhitespace(ProblemExamples.NOT_OPS_ROLE);
    }

    @Test
    void pagesAndTheWebSocketAnswerAsBefore() {
        given().accept("text/html").get("/").then().statusCode(200).contentType("text/html");
        given().accept("text/html").get("/ops.html").then().statusCode(200).contentType("text/html");
        String visitor = TestAlerts.token("visitor", "", "visitor");
        for (String query : List.of("", "access_token=not-a-jwt")) {
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws/alerts?" + query),
                            new FeedClient()).get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
        }
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws/alerts?access_token="
                        + visitor), new FeedClient()).get(10, TimeUnit.SECONDS))
                .as("a token without a task force").cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));
    }

    private static RequestSpecification with(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static void assertProblem(Response answer, int status, String title, String detail) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(answer.jsonPath().getString("type")).isEqualTo("about:blank");
        assertThat(answer.jsonPath().getString("title")).isEqualTo(title);
        assertThat(answer.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(answer.jsonPath().getString("detail")).isEqualTo(detail);
    }
}
