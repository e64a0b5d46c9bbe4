package io.waspada.notifier.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Production sign-in against Quarkus' OIDC test server (a real HTTP OpenID provider: discovery, JWKS, an authorization
 * endpoint with a login page, a token endpoint): the officers' identity provider is the only issuer trusted, its
 * access tokens open the officer APIs and the WebSocket, a token signed with the local demo key does not, and the
 * console signs in through the authorization code flow and gets the provider's access token.
 */
@QuarkusTest
@TestProfile(IdentityProviderSignInTest.WithIdentityProvider.class)
@Timeout(120)
class IdentityProviderSignInTest {

    static final String ISSUER = "https://server.example.com";
    static final String CLIENT = "waspada-console";

    /** The notifier in production mode: the test provider is its identity provider, the console signs in there. */
    public static class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "waspada.officers.public-key-location", "/no/local/key",
                    "quarkus.oidc.console.tenant-enabled", "true",
                    "quarkus.oidc.console.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc.console.client-id", CLIENT,
                    "quarkus.oidc.console.credentials.secret", "console-secret-of-at-least-32-characters!");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @OidcWireMock
    WireMockServer provider;

    @TestHTTPResource("/")
    URI base;

    private String accessToken;

    @BeforeEach
    void theProviderIssuesOfficerTokens() {
        accessToken = providerToken("officer.north", "NORTH", Set.of("officer"), "waspada-notifier");
        String idToken = Jwt.preferredUserName("officer.north").issuer(ISSUER).audience(CLIENT).subject("officer-north")
                .expiresIn(Duration.ofMinutes(10)).jws().keyId("1").sign("privateKey.jwk");
        provider.stubFor(post("/auth/realms/quarkus/token").withRequestBody(containing("authorization_code"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"access_token\": \""
                        + accessToken + "\", \"id_token\": \"" + idToken + "\", \"token_type\": \"Bearer\", "
                        + "\"expires_in\": 600}")));
    }

    /** An access token of the identity provider (its JWKS key "1"), for an officer of {@code taskForce}. */
    static String providerToken(String username, String taskForce, Set<String> roles, String audience) {
        return Jwt.upn(username).preferredUserName(username).subject(username).groups(roles).issuer(ISSUER)
                .audience(audience).claim("taskForce", taskForce).expiresIn(Duration.ofMinutes(10))
                .jws().keyId("1").sign("privateKey.jwk");
    }

    @Test
    void theProvidersTokensAreTheOnlyOnesTrusted() {
        given().header("Authorization", "Bearer " + accessToken).get("/api/v1/alerts").then().statusCode(200);
        given().header("Authorization", "Bearer " + providerToken("officer.north", "NORTH", Set.of("officer"),
                "another-service")).get("/api/v1/alerts").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        given().get("/api/v1/alerts").then().statusCode(401).contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(401));
        given().header("Authorization", "Bearer " + providerToken("officer.north", "NORTH", Set.of("visitor"),
                "waspada-notifier")).get("/api/v1/alerts").then().statusCode(403)
                .contentType("application/problem+json").body("status", org.hamcrest.Matchers.equalTo(403));
        // The local demo key is not trusted once an identity provider is configured.
        given().header("Authorization", "Bearer " + TestAlerts.token("officer.north", "NORTH", "officer"))
                .get("/api/v1/alerts").then().statusCode(401);
        given().get("/api/v1/session/methods").then().statusCode(200)
                .body("identityProvider", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void theWebSocketTakesTheProvidersToken() throws Exception {
        try (FeedClient feed = FeedClient.connect(base, "access_token=" + accessToken)) {
            await().atMost(Duration.ofSeconds(10)).until(feed::backlogComplete);
        }
    }

    @Test
    void theConsoleSignsInThroughTheAuthorizationCodeFlowAndGetsTheProvidersAccessToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // 1. The console's sign-in link: quarkus-oidc sends the browser to the provider's authorization endpoint.
        HttpResponse<String> toProvider = get(browser, base.resolve("/auth/oidc/sign-in"));
        assertThat(toProvider.statusCode()).isEqualTo(302);
        URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(provider.baseUrl() + "/auth/realms/quarkus")
                .contains("response_type=code", "client_id=" + CLIENT, "code_challenge=");
        // 2. The provider's login page; the officer signs in there (the test provider accepts anyone).
        HttpResponse<String> loginPage = get(browser, authorize);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        Map<String, String> query = query(authorize);
        HttpResponse<String> back = get(browser, URI.create(provider.baseUrl() + "/login?state="
                + enc(query.get("state")) + "&redirect_uri=" + enc(query.get("redirect_uri"))));
        assertThat(back.statusCode()).isEqualTo(302);
        // 3. Back at the notifier with the code: it exchanges the code, keeps the session, returns to the sign-in page.
        HttpResponse<String> exchanged = get(browser, URI.create(back.headers().firstValue("Location").orElseThrow()));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(302);
        HttpResponse<String> page = get(browser, base.resolve(exchanged.headers().firstValue("Location").orElseThrow()));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        Matcher token = Pattern.compile("name=\"waspada-token\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as(page.body()).isTrue();
        // 4. The console then calls the APIs with the provider's access token.
        assertThat(token.group(1)).isEqualTo(accessToken);
        given().header("Authorization", "Bearer " + token.group(1)).get("/api/v1/alerts").then().statusCode(200);
    }

    @Test
    void withoutASessionTheSignInPageSendsTheBrowserToTheProviderNotIntoTheConsole() throws Exception {
        HttpClient stranger = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> answer = get(stranger, base.resolve("/auth/oidc/sign-in"));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.body()).doesNotContain("waspada-token");
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
