package io.waspada.ingest.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tokens are base64url(HMAC-SHA-256(key, SCHEME:value)) without padding, keyed, tagged with the key id. */
class PseudonymiserTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void tokenIsTheAgreedHmac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("PASSPORT:C1234567".getBytes(StandardCharsets.UTF_8)));
        Pseudonymiser pseudonymiser = new Pseudonymiser(KEY, "k1");
        assertThat(pseudonymiser.token("PASSPORT", "C1234567")).isEqualTo(expected).hasSize(43);
        assertThat(pseudonymiser.keyId()).isEqualTo("k1");
    }

    @Test
    void theSchemeSeparatesEqualValuesAndTheKeySeparatesDeployments() {
        Pseudonymiser a = new Pseudonymiser(KEY, "k1");
        Pseudonymiser b = new Pseudonymiser("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII), "k2");
        assertThat(a.token("PLATE", "1234567")).isNotEqualTo(a.token("IMO", "1234567"));
        assertThat(a.token("PLATE", "JJU4821")).isNotEqualTo(b.token("PLATE", "JJU4821"));
    }

    @Test
    void aShortKeyOrAMissingKeyIdIsRefused() {
        assertThatThrownBy(() -> new Pseudonymiser(new byte[16], "k1")).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new Pseudonymiser(KEY, " ")).hasMessageContaining("key id");
    }

    @Test
    void configurationAcceptsStandardAndUrlSafeBase64() {
        String standard = Base64.getEncoder().encodeToString(KEY);
        String urlSafe = Base64.getUrlEncoder().encodeToString(KEY);
        assertThat(Pseudonymiser.fromBase64(standard, "k1").token("PHONE", "+60123456789"))
                .isEqualTo(Pseudonymiser.fromBase64(urlSafe, "k1").token("PHONE", "+60123456789"));
    }
}
