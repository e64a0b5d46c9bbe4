package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.kafka.local.KafkaTestResource;
import java.time.Instant;
import io.waspada.testing.BadTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every /api endpoint needs one agency's credential (API key or JWT); health, metrics and OpenAPI are open. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class AccessTest {

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/sightings"),
                Arguments.of("POST", "/api/v1/interceptions"),
                Arguments.of("POST", "/api/v1/events/batch"),
                Arguments.of("PUT", "/api/v1/watchlist/wl-1"),
                Arguments.of("DELETE", "/api/v1/watchlist/wl-1"),
                Arguments.of("GET", "/api/v1/watchlist"),
                Arguments.of("GET", "/api/v1/requests"),
                Arguments.of("GET", "/api/v1/requests/r-1"),
                Arguments.of("POST", "/api/v1/requests/r-1/answer"),
                Arguments.of("POST", "/api/v1/requests/r-1/decline"),
                Arguments.of("GET", "/api/v1/no-such-thing"));
    }

    static Stream<Arguments> badCredentials() {
        Map<String, Object> expired = claims("MMEA");
        expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        Map<String, Object> wrongIssuer = claims("MMEA");
        wrongIssuer.put("iss", "https://idp.elsewhere");
        Map<String, Object> wrongAudience = claims("MMEA");
        wrongAudience.put("aud", "someone-else");
        Map<String, Object> unknownAgency = claims("INTERPOL");
        Map<String, Object> noAgency = claims("MMEA");
        noAgency.remove("agency");
        Map<String, Object> noExpiry = claims("MMEA");
        noExpiry.remove("exp");
        String valid = TestCredentials.jwt("MMEA");
        String[] parts = valid.split("\\.");
        String unsigned = parts[0].replace(parts[0], "eyJhbGciOiJub25lIn0") + "." + parts[1] + ".";
        String tampered = parts[0] + "." + TestCredentials.jwt(claims("RMP")).split("\\.")[1] + "." + parts[2];
        return Stream.of(
                Arguments.of("no header", null),
                Arguments.of("empty bearer", "Bearer "),
                Arguments.of("basic auth", "Basic dXNlcjpwYXNz"),
                Arguments.of("unknown API key", "Bearer not-a-key"),
                Arguments.of("API key of another environment", "Bearer test-key-rmp"),
                Arguments.of("expired JWT", "Bearer " + TestCredentials.jwt(expired)),
                Arguments.of("JWT from another issuer", "Bearer " + TestCredentials.jwt(wrongIssuer)),
                Arguments.of("JWT for another audience", "Bearer " + TestCredentials.jwt(wrongAudience)),
                Arguments.of("JWT of an unknown agency", "Bearer " + TestCredentials.jwt(unknownAgency)),
                Arguments.of("JWT without agency", "Bearer " + TestCredentials.jwt(noAgency)),
                Arguments.of("JWT without expiry", "Bearer " + TestCredentials.jwt(noExpiry)),
                Arguments.of("alg none", "Bearer " + unsigned),
                Arguments.of("claims swapped under a valid signature", "Bearer " + tampered));
    }

    private static Map<String, Object> claims(String agency) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", TestCredentials.ISSUER);
        claims.put("aud", TestCredentials.AUDIENCE);
        claims.put("agency", agency);
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return claims;
    }

    @ParameterizedTest(name = "{0} {1} without a credential is 401")
    @MethodSource("endpoints")
    void everyApiEndpointNeedsACredential(String method, String path) {
        given().contentType(ContentType.JSON).body(SampleBodies.sighting().toString())
                .when().request(method, path)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    static Stream<Arguments> badTokensOnEveryEndpoint() throws Exception {
        List<BadTokens.BadToken> tokens = BadTokens.of(TestCredentials.privateKey(), TestCredentials.publicKeyPem(),
                TestCredentials.ISSUER, TestCredentials.AUDIENCE, Map.of("sub", "system@mmea", "agency", "MMEA"));
        return tokens.stream().flatMap(token -> endpoints().map(endpoint -> Arguments.of(token, endpoint.get()[0],
                endpoint.get()[1])));
    }

    @ParameterizedTest(name = "{0}: {1} {2} is 401")
    @MethodSource("badTokensOnEveryEndpoint")
    void theTenBadTokensAreRefusedOnEveryEndpoint(BadTokens.BadToken token, String method, String path) {
        var request = given().contentType(ContentType.JSON).body(SampleBodies.sighting().toString());
        if (token.token() != null) {
            request.header("Authorization", "Bearer " + token.token());
        }
        request.when().request(method, path).then().statusCode(401).contentType("application/problem+json");
    }

    /**
     * The access matrix's callers (officers, as the notifier and the timeline know them) at the agencies' door: an
     * officer's token is no agency credential, whatever its roles, so every endpoint answers 401 and nothing is
     * written or read. Their tokens are signed as the officers' identity provider signs them, with a key this service
     * does not trust for agencies.
     */
    @Test
    void theAccessMatrixHoldsForEveryKindOfOfficer() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.PrivateKey officerKey = generator.generateKeyPair().getPrivate();
        Map<String, List<String>> callers = new java.util.LinkedHashMap<>();
        callers.put("officer of another task force", List.of("LABOUR_INSPECTORATE", "officer", "investigator"));
        callers.put("officer", List.of("LAND_NORTH", "officer", "investigator"));
        callers.put("lead", List.of("LAND_NORTH", "officer", "lead", "investigator"));
        callers.put("ops", List.of("NTF_HQ", "ops", "officer"));
        callers.put("admin", List.of("NTF_HQ", "admin"));
        List<io.waspada.testing.AccessMatrix.Cell> cells = new java.util.ArrayList<>();
        for (Arguments endpoint : endpoints().filter(e -> !e.get()[1].equals("/api/v1/no-such-thing")).toList()) {
            String method = (String) endpoint.get()[0];
            String path = (String) endpoint.get()[1];
            callers.forEach((caller, spec) -> {
                Map<String, Object> claims = new HashMap<>(Map.of("upn", caller.replace(' ', '.'),
                        "taskForce", spec.get(0), "groups", spec.subList(1, spec.size()),
                        "handling", List.of("H0", "H1", "H2", "H3")));
                String token;
                try {
                    token = BadTokens.rs256(officerKey, "waspada", "waspada-notifier", claims, java.time.Duration.ofHours(1));
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
                int status = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                        .body(SampleBodies.sighting().toString()).when().request(method, path).statusCode();
                cells.add(new io.waspada.testing.AccessMatrix.Cell(method + " " + path, caller,
                        io.waspada.testing.AccessMatrix.NOT_APPLICABLE, "401", Integer.toString(status)));
            });
        }
        io.waspada.testing.AccessMatrix.verify("alert-producer", """
                ### alert-producer

                The agencies' door: every `/api` endpoint takes one agency's credential (API key or an agency
                identity provider's JWT) and nothing else, whatever the handling code of what is sent. Officers'
                tokens, of any role, are refused. An agency sees only its own watchlist entries, without their
                tokens (`WatchlistTest`), and only the follow-up requests about its own records: another agency's
                request is a 404 (`AgencyFollowUpTest`); bad agency credentials are in `AccessTest`. Generated by
                `AccessTest`.""", cells);
    }

    @Test
    void eachIdentityProviderSpeaksOnlyForItsOwnAgencies() {
        given().header("Authorization", "Bearer " + TestCredentials.indonesianJwt("ID_POLRI"))
                .when().get("/api/v1/watchlist").then().statusCode(200);
        given().header("Authorization", "Bearer " + TestCredentials.indonesianJwt("RMP"))
                .when().get("/api/v1/watchlist").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestCredentials.jwt("MMEA"))
                .when().get("/api/v1/watchlist").then().statusCode(200);
    }

    @Test
    void anAgencyRotatingItsApiKeyHasBothKeysValid() {
        for (String key : List.of("test-key-MMEA", "test-key-MMEA-next")) {
            given().header("Authorization", "Bearer " + key).when().get("/api/v1/watchlist").then().statusCode(200);
        }
        given().header("Authorization", "Bearer test-key-RMP-next").when().get("/api/v1/watchlist")
                .then().statusCode(401);
    }

    @ParameterizedTest(name = "{0} is 401")
    @MethodSource("badCredentials")
    void invalidCredentialsAreRefused(String name, String authorization) {
        var request = given().contentType(ContentType.JSON).body(SampleBodies.sighting().toString());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.when().post("/api/v1/sightings").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void answersAreCountedPerAgency() {
        double before = ingestCount("LABOUR", "INTERCEPTION", "forbidden");
        // The sample is another agency's interception: refused for LABOUR, counted against LABOUR.
        given().header("Authorization", TestCredentials.bearer("LABOUR")).contentType(ContentType.JSON)
                .body(SampleBodies.interception().toString()).when().post("/api/v1/interceptions").then().statusCode(403);
        assertThat(ingestCount("LABOUR", "INTERCEPTION", "forbidden")).isEqualTo(before + 1);
    }

    private static double ingestCount(String agency, String kind, String outcome) {
        String series = "waspada_ingest_events_total{agency=\"" + agency + "\",kind=\"" + kind + "\",outcome=\""
                + outcome + "\"} ";
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series)).mapToDouble(line -> Double.parseDouble(line.substring(series.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series));
    }

    @Test
    void healthMetricsAndOpenApiNeedNoCredential() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("waspada_ingest_events_total{agency=\"RMP\",kind=\"SIGHTING\",outcome=\"accepted\"}"));
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/sightings"))
                .body(containsString("/api/v1/events/batch"))
                .body(containsString("/api/v1/watchlist/{id}"))
                .body(containsString("BUKIT_KAYU_HITAM"))
                .body(containsString("Kafka did not acknowledge in time"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void bothEventOperationsDocumentEveryAnswer() {
        var openApi = given().accept(ContentType.JSON).when().get("/q/openapi?format=json").then().statusCode(200);
        for (String path : new String[] {"/api/v1/sightings", "/api/v1/interceptions"}) {
            String responses = "paths.'" + path + "'.post.responses";
            openApi.body(responses + ".keySet()", org.hamcrest.Matchers.containsInAnyOrder(
                    "202", "400", "401", "403", "409", "413", "415", "422", "503"));
            openApi.body(responses + ".'422'.description", containsString("each violation names its field"));
        }
    }
}
