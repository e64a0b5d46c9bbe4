package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.waspada.notifier.auth.DemoOfficers;
import io.waspada.notifier.auth.OfficerTokens;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every officer endpoint and the WebSocket refuse a token that is missing or not this issuer's, for this audience,
 * unexpired and properly signed: one row per (bad token, endpoint). The endpoints answer a problem document with the
 * Bearer challenge, never repeating the token. A socket is closed when its token expires.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class TokenRefusalTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET", "/api/v1/alerts"},
            new String[] {"GET", "/api/v1/alerts/any-id"},
            new String[] {"GET", "/api/v1/alerts/any-id/history"},
            new String[] {"GET", "/api/v1/alerts/any-id/cap"},
            new String[] {"POST", "/api/v1/alerts/any-id/ack"},
            new String[] {"POST", "/api/v1/alerts/any-id/resolve"},
            new String[] {"POST", "/api/v1/alerts/any-id/verification"},
            new String[] {"GET", "/api/v1/silences"},
            new String[] {"POST", "/api/v1/silences"},
            new String[] {"DELETE", "/api/v1/silences/any-id"},
            new String[] {"GET", "/api/v1/dead-letters"},
            new String[] {"POST", "/api/v1/dead-letters/any-id/replay"},
            new String[] {"GET", "/api/v1/ops/overview"},
            new String[] {"GET", "/api/v1/task-forces"},
            new String[] {"POST", "/api/v1/routing/test"});

    @TestHTTPResource("/")
    URI base;

    /** Tokens that must be refused, each named; null is "no token at all". */
    static Stream<Arguments> badTokens() throws Exception {
        PrivateKey ours = TestAlerts.privateKey();
        String valid = TestAlerts.token("officer.north", "NORTH", "officer", "ops", "admin");
        String payload = valid.split("\\.")[1];
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String publicPem;
        try (InputStream in = TokenRefusalTest.class.getClassLoader().getResourceAsStream("keys/test-public.pem")) {
            publicPem = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("not a JWT", "not-a-jwt"),
                Arguments.of("signed by another key", DemoOfficers.token(rsa.generateKeyPair().getPrivate(),
                        "officer.north", "NORTH", Set.of("officer", "ops", "admin"), Duration.ofHours(1))),
                Arguments.of("alg none", segment("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + "."),
                Arguments.of("HS256 keyed with the public key", hs256(payload, publicPem.getBytes(StandardCharsets.UTF_8))),
                Arguments.of("all-zero ES256 signature", segment("{\"alg\":\"ES256\",\"typ\":\"JWT\"}") + "." + payload
                        + "." + B64.encodeToString(new byte[64])),
                Arguments.of("expired", officer(DemoOfficers.ISSUER, DemoOfficers.AUDIENCE)
                        .issuedAt(System.currentTimeMillis() / 1000 - 7200)
                        .expiresAt(System.currentTimeMillis() / 1000 - 3600).sign(ours)),
                Arguments.of("wrong audience", officer(DemoOfficers.ISSUER, "another-service")
                        .expiresIn(Duration.ofHours(1)).sign(ours)),
                Arguments.of("no audience", officer(DemoOfficers.ISSUER, null).expiresIn(Duration.ofHours(1)).sign(ours)),
                Arguments.of("wrong issuer", officer("https://evil.example", DemoOfficers.AUDIENCE)
                        .expiresIn(Duration.ofHours(1)).sign(ours)));
    }

    /** An officer token with every role, from this issuer for this audience (none when null), signed by the caller. */
    private static JwtClaimsBuilder officer(String issuer, String audience) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer).upn("officer.north").groups(Set.of("officer", "ops", "admin"))
                .claim(OfficerTokens.TASK_FORCE_CLAIM, "NORTH");
        return audience == null ? claims : claims.audience(audience);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void everyEndpointAndTheWebSocketRefuseIt(String name, String token) throws Exception {
        for (String[] endpoint : ENDPOINTS) {
            RequestSpecification request = given().contentType("application/json").body("{}");
            if (token != null) {
                request = request.header("Authorization", "Bearer " + token);
            }
            var answer = request.request(endpoint[0], endpoint[1]);
            String where = name + " on " + endpoint[0] + " " + endpoint[1];
            assertThat(answer.statusCode()).as(where).isEqualTo(401);
            assertThat(answer.contentType()).as(where).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getInt("status")).as(where).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).as(where).startsWith("Bearer");
            if (token != null) {
                assertThat(answer.asString()).as(where).doesNotContain(token);
            }
        }
        String query = token == null ? "" : "access_token=" + token;
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws/alerts?" + query),
                        new FeedClient()).get(10, TimeUnit.SECONDS))
                .as("%s on the WebSocket", name).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void theRightTokenIsAcceptedSoTheRefusalsAreAboutTheToken() {
        given().header("Authorization", "Bearer " + TestAlerts.token("officer.north", "NORTH", "officer"))
                .get("/api/v1/alerts").then().statusCode(200);
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() throws Exception {
        String shortLived = TestAlerts.token(Duration.ofSeconds(3), "officer.north", "NORTH", "officer");
        FeedClient feed = FeedClient.connect(base, "access_token=" + shortLived);
        await().atMost(Duration.ofSeconds(10)).until(feed::backlogComplete);
        await("closed at expiry").atMost(Duration.ofSeconds(15)).until(() -> feed.closeCode() != -1);
        assertThat(feed.closeCode()).isEqualTo(1008);
        assertThat(feed.closeReason()).isEqualTo("token expired: sign in again");

        // The follow-up requests' socket too: a token once valid is not a stream for ever.
        String alsoShortLived = TestAlerts.token(Duration.ofSeconds(3), "officer.north", "NORTH", "officer");
        FeedClient followUps = FeedClient.connect(base, "/ws/follow-ups", "access_token=" + alsoShortLived);
        await("follow-ups closed at expiry").atMost(Duration.ofSeconds(15)).until(() -> followUps.closeCode() != -1);
        assertThat(followUps.closeCode()).isEqualTo(1008);
        assertThat(followUps.closeReason()).isEqualTo("token expired: sign in again");
    }

    private static String segment(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String payload, byte[] secret) throws Exception {
        String signingInput = segment("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    }
}
