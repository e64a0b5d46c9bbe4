package io.waspada.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waspada.ingest.support.IdentityProvider;
import io.waspada.testing.BadTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Agency tokens against real identity providers (local HTTP servers publishing a JWKS): one provider per country,
 * each speaking only for its own agencies; a key rotated in with an overlap and withdrawn; the ten bad tokens.
 */
class AgencyTokensTest {

    private static final String AUDIENCE = "waspada-ingest";

    @Test
    void eachCountrysProviderSpeaksOnlyForItsOwnAgencies() {
        try (IdentityProvider malaysia = IdentityProvider.start("https://idp.gov.my", Duration.ofMinutes(10))
                .key("my-1", "RSA").publish("my-1");
                IdentityProvider indonesia = IdentityProvider.start("https://idp.go.id", Duration.ofMinutes(10))
                        .key("id-1", "EC").publish("id-1");
                IdentityProvider stranger = IdentityProvider.start("https://idp.example", Duration.ofMinutes(10))
                        .key("x-1", "RSA").publish("x-1")) {
            AgencyTokens tokens = new AgencyTokens(List.of(
                    new TrustedIssuer("my", malaysia.issuer(), malaysia.jwksUrl(), AUDIENCE, Set.of("RMP", "MMEA"), 10, 1),
                    new TrustedIssuer("id", indonesia.issuer(), indonesia.jwksUrl(), AUDIENCE, Set.of("ID_POLRI"), 10, 1)));

            assertThat(tokens.agencyOf(malaysia.token("my-1", "RMP", AUDIENCE))).contains("RMP");
            assertThat(tokens.agencyOf(indonesia.token("id-1", "ID_POLRI", AUDIENCE))).as("ES256").contains("ID_POLRI");
            assertThat(tokens.agencyOf(indonesia.token("id-1", "RMP", AUDIENCE)))
                    .as("Indonesia's provider speaking for a Malaysian agency").isEmpty();
            assertThat(tokens.agencyOf(malaysia.token("my-1", "RMP", "another-service"))).isEmpty();
            assertThat(tokens.agencyOf(stranger.token("x-1", "RMP", AUDIENCE))).as("an issuer nobody trusts").isEmpty();
            assertThat(stranger.fetches()).as("an untrusted issuer's keys are never fetched").isZero();
            // A token naming Malaysia's issuer but signed by the stranger's key.
            assertThat(tokens.agencyOf(stranger.sign("x-1", Map.of("iss", malaysia.issuer(), "aud", AUDIENCE,
                    "sub", "s", "agency", "RMP", "exp", System.currentTimeMillis() / 1000 + 600)))).isEmpty();
        }
    }

    @Test
    void aRotatedKeyIsAcceptedDuringTheOverlapAndRefusedOnceWithdrawn() {
        try (IdentityProvider malaysia = IdentityProvider.start("https://idp.gov.my", Duration.ofSeconds(1))
                .key("2026-11", "RSA").publish("2026-11").key("2026-12", "RSA")) {
            AgencyTokens tokens = new AgencyTokens(List.of(new TrustedIssuer("my", malaysia.issuer(),
                    malaysia.jwksUrl(), AUDIENCE, Set.of("MMEA"), 10, 1)));
            String oldKey = malaysia.token("2026-11", "MMEA", AUDIENCE);
            String newKey = malaysia.token("2026-12", "MMEA", AUDIENCE);
            assertThat(tokens.agencyOf(oldKey)).contains("MMEA");
            assertThat(tokens.agencyOf(newKey)).as("signed by a key not yet published").isEmpty();

            malaysia.publish("2026-12"); // the overlap: both keys valid
            await("the new key accepted once published (an unknown kid or the cache's expiry fetches the JWKS again)")
                    .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> tokens.agencyOf(newKey).isPresent());
            assertThat(tokens.agencyOf(oldKey)).contains("MMEA");

            malaysia.withdraw("2026-11");
            await("the withdrawn key refused once the JWKS cache (max-age 1 s) expires").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200)).until(() -> tokens.agencyOf(oldKey).isEmpty());
            assertThat(tokens.agencyOf(newKey)).contains("MMEA");
            assertThat(tokens.agencyOf(malaysia.token("2026-12", "MMEA", AUDIENCE))).contains("MMEA");
        }
    }

    @Test
    void aProviderIsRefusedAtStartWhenItsKeysCouldBeForgedOrAreBroken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrustedIssuer("my", "https://idp.gov.my",
                "http://idp.gov.my/jwks.json", AUDIENCE, Set.of("RMP"), 10, 1)).hasMessageContaining("https");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrustedIssuer("my", "https://idp.gov.my",
                "https://idp.gov.my/jwks.json", AUDIENCE, Set.of("RMP"), 10, 0)).hasMessageContaining("at least a minute");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AgencyTokens(List.of(new TrustedIssuer("my",
                "https://idp.gov.my", "{\"keys\": \"not a list\"}", AUDIENCE, Set.of("RMP"), 10, 1))))
                .hasMessageContaining("neither a PEM public key nor a JWKS");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AgencyTokens(List.of(new TrustedIssuer("my",
                "https://idp.gov.my", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", AUDIENCE,
                Set.of("RMP"), 10, 1)))).hasMessageContaining("neither an RSA nor an EC public key");
    }

    @Test
    void theTenBadTokensAreRefused() {
        try (IdentityProvider malaysia = IdentityProvider.start("https://idp.gov.my", Duration.ofMinutes(10))
                .key("my-1", "RSA").publish("my-1")) {
            AgencyTokens tokens = new AgencyTokens(List.of(new TrustedIssuer("my", malaysia.issuer(),
                    malaysia.jwksUrl(), AUDIENCE, Set.of("RMP"), 10, 1)));
            List<BadTokens.BadToken> bad = BadTokens.of(malaysia.privateKey("my-1"), malaysia.publicKeyPem("my-1"),
                    malaysia.issuer(), AUDIENCE, Map.of("sub", "system@rmp", "agency", "RMP"));
            for (BadTokens.BadToken token : bad) {
                if (token.token() != null) {
                    assertThat(tokens.agencyOf(token.token())).as(token.name()).isEmpty();
                }
            }
            assertThat(bad).hasSize(10);
        }
    }
}
