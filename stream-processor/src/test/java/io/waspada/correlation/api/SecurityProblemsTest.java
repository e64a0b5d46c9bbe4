package io.waspada.correlation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.waspada.correlation.testing.Officers;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.testing.BadTokens;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The security layer's refusals are problem documents (RFC 9457) over real HTTP: no token and a token not accepted
 * are 401 with the Bearer challenge, a token without the role is 403 naming the roles; none repeats the token.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "stream-processor"))
@Timeout(120)
class SecurityProblemsTest {

    private static final String TIMELINE = "/api/v1/entities/Pabc/timeline";
    private static final String RULES = "/api/v1/rules";

    @Test
    void noTokenIs401WithTheChallengeAndAProblem() {
        for (String endpoint : List.of(TIMELINE, RULES)) {
            Response answer = given().get(endpoint);
            assertProblem(answer, 401, "Unauthorized", SecurityProblems.NO_TOKEN);
            assertThat(answer.header("WWW-Authenticate")).as(endpoint).startsWith("Bearer");
        }
    }

    @Test
    void aWrongTokenIs401WithTheChallengeAndAProblemThatDoesNotRepeatIt() throws Exception {
        String foreign = BadTokens.rs256(anotherKey(), Officers.ISSUER, Officers.AUDIENCE,
                Officers.claims("officer.north", "NORTH", List.of("investigator"), List.of("H0")), Duration.ofHours(1));
        String notifierOnly = BadTokens.rs256(Officers.privateKey(), Officers.ISSUER, "waspada-notifier",
                Officers.claims("officer.north", "NORTH", List.of("investigator"), List.of("H0")), Duration.ofHours(1));
        for (String token : List.of("not-a-jwt", foreign, notifierOnly)) {
            for (String endpoint : List.of(TIMELINE, RULES)) {
                Response answer = with(token).get(endpoint);
                assertProblem(answer, 401, "Unauthorized", SecurityProblems.TOKEN_REFUSED);
                assertThat(answer.header("WWW-Authenticate")).as(endpoint).startsWith("Bearer");
                assertThat(answer.asString()).doesNotContain(token);
            }
        }
    }

    @Test
    void aValidTokenWithoutTheRoleIs403NamingTheRoles() {
        String ops = Officers.token("ops", "NTF_HQ", List.of("ops", "officer"), List.of("H0", "H1", "H2", "H3"));
        Response answer = with(ops).get(TIMELINE);
        assertProblem(answer, 403, "Forbidden", SecurityProblems.ROLE_MISSING + ": one of admin, investigator");
        assertThat(answer.asString()).doesNotContain(ops);
        with(ops).get(RULES).then().statusCode(200);

        String noRole = Officers.token("visitor", "NTF_HQ", List.of("visitor"), List.of("H0"));
        assertProblem(with(noRole).get(RULES), 403, "Forbidden",
                SecurityProblems.ROLE_MISSING + ": one of admin, investigator, officer, ops");
    }

    @Test
    void theDocumentedExamplesAreWhatTheServiceAnswers() {
        assertThat(given().get(RULES).asString()).isEqualToIgnoringWhitespace(QueryExamples.NO_TOKEN);
        assertThat(with("not-a-jwt").get(RULES).asString()).isEqualToIgnoringWhitespace(QueryExamples.TOKEN_REFUSED);
        String ops = Officers.token("ops", "NTF_HQ", List.of("ops"), List.of("H0"));
        assertThat(with(ops).get(TIMELINE).asString()).isEqualToIgnoringWhitespace(QueryExamples.NOT_AN_INVESTIGATOR);
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

    private static PrivateKey anotherKey() throws NoSuchAlgorithmException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return rsa.generateKeyPair().getPrivate();
    }
}
