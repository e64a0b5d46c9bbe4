package io.waspada.ingest.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tokens are base64url(HMAC-SHA-256(key, SCHEME:value)) without padding, keyed, tagged with the key id. */
class PseudonymiserTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

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

    @Test
    void duringTheOverlapThePreviousKeyIsOfferedAndAfterItNot() {
        Pseudonymiser previous = new Pseudonymiser(KEY, "k1");
        Pseudonymiser next = new Pseudonymiser(OTHER_KEY, "k2");
        Instant until = Instant.parse("2027-03-01T00:00:00Z");
        Pseudonymiser during = next.rotatedFrom(previous, until,
                Clock.fixed(until.minusSeconds(1), ZoneOffset.UTC));
        assertThat(during.keyId()).isEqualTo("k2");
        assertThat(during.token("PHONE", "+60123456789")).isEqualTo(next.token("PHONE", "+60123456789"));
        assertThat(during.previous()).isNotNull();
        assertThat(during.previous().keyId()).isEqualTo("k1");
        assertThat(during.previous().token("PHONE", "+60123456789"))
                .isEqualTo(previous.token("PHONE", "+60123456789"));
        assertThat(next.rotatedFrom(previous, until, Clock.fixed(until, ZoneOffset.UTC)).previous())
                .as("the overlap is over").isNull();
        assertThat(next.previous()).as("no rotation").isNull();
    }

    @Test
    void aRotationNeedsTwoKeysWithTwoIdsAndOneStepAtATime() {
        Instant until = Instant.parse("2027-03-01T00:00:00Z");
        Clock clock = Clock.systemUTC();
        Pseudonymiser k1 = new Pseudonymiser(KEY, "k1");
        assertThatThrownBy(() -> new Pseudonymiser(OTHER_KEY, "k1").rotatedFrom(k1, until, clock))
                .hasMessageContaining("its own key id");
        assertThatThrownBy(() -> new Pseudonymiser(KEY, "k2").rotatedFrom(k1, until, clock))
                .hasMessageContaining("is the same key");
        Pseudonymiser k2 = new Pseudonymiser(OTHER_KEY, "k2").rotatedFrom(k1, until, clock);
        byte[] third = "abcdefghijabcdefghijabcdefghijab".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new Pseudonymiser(third, "k3").rotatedFrom(k2, until, clock))
                .hasMessageContaining("Only one previous key");
    }

    @Test
    void theConfigurationNamesWhatARotationLacks() {
        Pseudonymiser current = new Pseudonymiser(OTHER_KEY, "k2");
        String previousKey = Base64.getEncoder().encodeToString(KEY);
        assertThat(PseudonymiserProducer.rotation(current, Optional.empty(), Optional.of(" "), Optional.empty(),
                Clock.systemUTC())).isSameAs(current);
        assertThatThrownBy(() -> PseudonymiserProducer.rotation(current, Optional.of(previousKey),
                Optional.of("k1"), Optional.empty(), Clock.systemUTC()))
                .hasMessageContaining("missing: previous-until");
        assertThatThrownBy(() -> PseudonymiserProducer.rotation(current, Optional.of(previousKey),
                Optional.empty(), Optional.of("2027-03-01T00:00:00Z"), Clock.systemUTC()))
                .hasMessageContaining("missing: previous-key-id");
        assertThatThrownBy(() -> PseudonymiserProducer.rotation(current, Optional.of(previousKey),
                Optional.of("k1"), Optional.of("next March"), Clock.systemUTC()))
                .hasMessageContaining("ISO-8601 instant");
        Pseudonymiser rotated = PseudonymiserProducer.rotation(current, Optional.of(previousKey), Optional.of("k1"),
                Optional.of("2027-03-01T00:00:00Z"), Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(rotated.previous().keyId()).isEqualTo("k1");
        assertThat(rotated.previousUntil()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    }
}
