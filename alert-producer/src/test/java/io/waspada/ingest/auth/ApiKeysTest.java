package io.waspada.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys are matched by their SHA-256 hash; configuration for unknown agencies or malformed hashes is refused. */
class ApiKeysTest {

    @Test
    void aKeyAuthenticatesTheAgencyWhoseHashMatches(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        Files.writeString(file, "# demo\nMMEA=" + ApiKeys.sha256Hex("sea-key") + "\n\n");
        ApiKeys keys = ApiKeys.ofLists(ApiKeys.readFile(file), Set.of("MMEA", "RMP"));
        assertThat(keys.agencyOf("sea-key")).contains("MMEA");
        assertThat(keys.agencyOf("sea-key ")).isEmpty();
        assertThat(keys.agencyOf("land-key")).isEmpty();
    }

    @Test
    void duringARotationAnAgencyHasTwoValidKeysButNeverThree(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        Files.writeString(file, "MMEA=" + ApiKeys.sha256Hex("old-sea-key") + "\n# rotating\nMMEA="
                + ApiKeys.sha256Hex("new-sea-key") + "\nRMP=" + ApiKeys.sha256Hex("land-key") + "\n");
        ApiKeys keys = ApiKeys.ofLists(ApiKeys.readFile(file), Set.of("MMEA", "RMP"));
        assertThat(keys.agencyOf("old-sea-key")).contains("MMEA");
        assertThat(keys.agencyOf("new-sea-key")).contains("MMEA");
        assertThat(keys.agencies()).isEqualTo(2);

        Files.writeString(file, "MMEA=" + ApiKeys.sha256Hex("a") + "\nMMEA=" + ApiKeys.sha256Hex("b") + "\nMMEA="
                + ApiKeys.sha256Hex("c") + "\n");
        assertThatThrownBy(() -> ApiKeys.ofLists(ApiKeys.readFile(file), Set.of("MMEA")))
                .hasMessageContaining("MMEA has 3 API keys; at most 2");
        assertThatThrownBy(() -> ApiKeys.ofLists(Map.of("MMEA", java.util.List.of(ApiKeys.sha256Hex("x")),
                "RMP", java.util.List.of(ApiKeys.sha256Hex("x"))), Set.of("MMEA", "RMP")))
                .hasMessageContaining("one API key is configured for both");
    }

    @Test
    void badConfigurationStopsTheStart() {
        assertThatThrownBy(() -> ApiKeys.of(Map.of("FBI", ApiKeys.sha256Hex("x")), Set.of("RMP")))
                .hasMessageContaining("unknown agency FBI");
        assertThatThrownBy(() -> ApiKeys.of(Map.of("RMP", "plain-text-key"), Set.of("RMP")))
                .hasMessageContaining("not 64 hex digits");
    }

    @Test
    void theAuthenticatorTakesBearerTokensOnly() {
        AgencyAuthenticator authenticator = new AgencyAuthenticator(
                ApiKeys.of(Map.of("RMP", ApiKeys.sha256Hex("k")), Set.of("RMP")), null, Set.of("RMP"));
        assertThat(authenticator.authenticate("Bearer k")).contains("RMP");
        assertThat(authenticator.authenticate("bearer k")).contains("RMP");
        assertThat(authenticator.authenticate("k")).isEmpty();
        assertThat(authenticator.authenticate(null)).isEmpty();
        assertThat(authenticator.authenticate("Bearer a.b.c")).as("no JWT configured").isEmpty();
    }
}
