package io.waspada.ingest.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.EventKind;
import io.waspada.avro.Identifier;
import io.waspada.avro.Sighting;
import io.waspada.ingest.domain.EventReader;
import io.waspada.ingest.domain.EventReading;
import io.waspada.ingest.domain.IdentifierScheme;
import io.waspada.ingest.domain.WatchlistReader;
import io.waspada.ingest.support.SampleBodies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reading during a key rotation's overlap (new key "test-2", previous key the test profile's "test"): every identifier,
 * in events (both doors read through {@link EventReader}) and in watchlist entries, carries its token under both keys,
 * the previous token being the one written before the rotation; after the overlap, the new key's token only.
 */
class KeyRotationIngestTest {

    static final String TEST_KEY = "ka6JZ/6AuUa/DLFuH6UtED0QOBctMiWlr01x5Nt+N80=";
    static final String NEW_KEY = "0y7yOzyFyWzqEcCr9gqXqQ0vQ9X7jq4oJv1m3bZb0lY=";
    static final Instant UNTIL = Instant.parse("2099-01-01T00:00:00Z");

    private final Pseudonymiser before = Pseudonymiser.fromBase64(TEST_KEY, "test");
    private final Pseudonymiser after = Pseudonymiser.fromBase64(NEW_KEY, "test-2");

    @Test
    void duringTheOverlapAnEventCarriesEachIdentifiersTokenUnderBothKeys() {
        Sighting sighting = read(after.rotatedFrom(before, UNTIL, Clock.systemUTC()));

        Identifier passport = sighting.getSubjects().get(0).getIdentifiers().get(0);
        String normalised = normalised("PASSPORT", SampleBodies.PASSPORT, "ID");
        assertThat(passport.getKeyId()).isEqualTo("test-2");
        assertThat(passport.getToken()).isEqualTo(after.token("PASSPORT", normalised));
        assertThat(passport.getPrevious().getKeyId()).isEqualTo("test");
        assertThat(passport.getPrevious().getToken()).as("what was written before the rotation")
                .isEqualTo(before.token("PASSPORT", normalised))
                .isEqualTo(read(before).getSubjects().get(0).getIdentifiers().get(0).getToken());
        assertThat(sighting.getSubjects()).allSatisfy(subject -> assertThat(subject.getIdentifiers())
                .allSatisfy(identifier -> assertThat(identifier.getPrevious()).isNotNull()));
    }

    @Test
    void afterTheOverlapOnlyTheNewKeysToken() {
        Sighting sighting = read(after.rotatedFrom(before, UNTIL, Clock.fixed(UNTIL, ZoneOffset.UTC)));

        assertThat(sighting.getSubjects()).allSatisfy(subject -> assertThat(subject.getIdentifiers())
                .allSatisfy(identifier -> {
                    assertThat(identifier.getKeyId()).isEqualTo("test-2");
                    assertThat(identifier.getPrevious()).isNull();
                }));
    }

    @Test
    void duringTheOverlapAWatchlistEntryCarriesItsTokenUnderBothKeys() {
        WatchlistReader reader = new WatchlistReader(after.rotatedFrom(before, UNTIL, Clock.systemUTC()),
                Clock.systemUTC());
        Identifier plate = reader.read("rmp-1", SampleBodies.watchlistEntry("JJU 4821"), "RMP").entry()
                .getIdentifier();

        String normalised = normalised("PLATE", "JJU 4821", "MY");
        assertThat(plate.getKeyId()).isEqualTo("test-2");
        assertThat(plate.getToken()).isEqualTo(after.token("PLATE", normalised));
        assertThat(plate.getPrevious().getKeyId()).isEqualTo("test");
        assertThat(plate.getPrevious().getToken()).isEqualTo(before.token("PLATE", normalised));
    }

    private static Sighting read(Pseudonymiser pseudonymiser) {
        EventReader reader = new EventReader(pseudonymiser, Set.of("IMMIGRATION"), Clock.systemUTC());
        EventReading reading = reader.read(EventKind.SIGHTING, SampleBodies.sighting(), "IMMIGRATION");
        assertThat(reading).isInstanceOf(EventReading.Valid.class);
        return (Sighting) ((EventReading.Valid) reading).event().value();
    }

    private static String normalised(String scheme, String value, String issuer) {
        return IdentifierScheme.of(scheme).orElseThrow().normalise(value, issuer).orElseThrow();
    }
}
