package io.waspada.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.testing.Fixtures;
import io.waspada.topics.Topics;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint taken from the written bytes is the SHA-256 of the record encoded without receivedAt, whatever
 * receivedAt is; the same content gives the same fingerprint, other content another.
 */
class FingerprintTest {

    private static final List<Instant> RECEIVED = List.of(Instant.EPOCH, Instant.ofEpochMilli(1),
            Instant.ofEpochMilli(63), Instant.ofEpochMilli(64), Instant.parse("2026-11-20T03:15:00.123Z"),
            Instant.parse("1969-12-31T23:59:59.999Z"), Instant.ofEpochMilli(Long.MAX_VALUE / 4),
            Instant.ofEpochMilli(-Long.MAX_VALUE / 4));

    @Test
    void isTheHashOfTheSightingWithoutReceivedAt() throws Exception {
        Sighting sighting = Fixtures.sighting("8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", Fixtures.passport("tok"));
        sighting.setReceivedAt(null);
        byte[] content = Topics.SIGHTINGS.valueSerde().serializer().serialize("t", sighting);
        Fingerprint expected = Fingerprint.of(content, null);
        assertThat(expected.toString()).isEqualTo("sha256:" + java.util.HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(content)));
        for (Instant received : RECEIVED) {
            sighting.setReceivedAt(received);
            byte[] written = Topics.SIGHTINGS.valueSerde().serializer().serialize("t", sighting);
            assertThat(Fingerprint.of(written, received)).as("received %s", received).isEqualTo(expected);
        }
    }

    @Test
    void isTheHashOfTheInterceptionWithoutReceivedAt() {
        Interception interception = Fixtures.interception("8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", Fixtures.passport("tok"));
        interception.setReceivedAt(null);
        Fingerprint expected = Fingerprint.of(Topics.INTERCEPTIONS.valueSerde().serializer().serialize("t", interception), null);
        for (Instant received : RECEIVED) {
            interception.setReceivedAt(received);
            byte[] written = Topics.INTERCEPTIONS.valueSerde().serializer().serialize("t", interception);
            assertThat(Fingerprint.of(written, received)).isEqualTo(expected).hasSameHashCodeAs(expected);
        }
    }

    @Test
    void otherContentHasAnotherFingerprint() {
        Sighting one = Fixtures.sighting("8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", Fixtures.passport("tok"));
        Sighting other = Fixtures.sighting("8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", Fixtures.passport("tol"));
        Instant received = Instant.parse("2026-11-20T03:15:00Z");
        one.setReceivedAt(received);
        other.setReceivedAt(received);

        assertThat(Fingerprint.of(Topics.SIGHTINGS.valueSerde().serializer().serialize("t", one), received))
                .isNotEqualTo(Fingerprint.of(Topics.SIGHTINGS.valueSerde().serializer().serialize("t", other), received));
    }

    @Test
    void aSchemaWhereReceivedAtIsNotLastIsRefused() {
        Fingerprint.requireReceivedAtLast(Sighting.getClassSchema());
        Fingerprint.requireReceivedAtLast(Interception.getClassSchema());
        Schema later = SchemaBuilder.record("Later").fields().optionalLong("receivedAt").requiredString("added")
                .endRecord();

        assertThatThrownBy(() -> Fingerprint.requireReceivedAtLast(later)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("receivedAt");
    }
}
