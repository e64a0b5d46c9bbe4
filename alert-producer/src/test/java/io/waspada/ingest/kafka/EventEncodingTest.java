package io.waspada.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.EventKind;
import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Handling;
import io.waspada.avro.Identifier;
import io.waspada.avro.Interception;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.ingest.domain.IngestEvent;
import io.waspada.schemas.AvroSerdes;
import io.waspada.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The events written field by field are byte for byte what the topics' serdes write, for every optional field set
 * and left out, every symbol of the enums, text beyond ASCII, numbers at the edges, and as many items as a body may
 * have; and their fingerprints are those of the serdes' bytes.
 */
class EventEncodingTest {

    private final EventEncoding encoding = new EventEncoding();

    @Test
    void sightingsAreWrittenAsTheirSerdeWritesThem() throws Exception {
        for (Sighting sighting : sightings()) {
            assertThat(encoding.sighting(sighting)).as(sighting.toString())
                    .isEqualTo(AvroSerdes.SIGHTING.serialize("t", sighting));
        }
    }

    @Test
    void interceptionsAreWrittenAsTheirSerdeWritesThem() throws Exception {
        for (Sighting sighting : sightings()) {
            for (Outcome outcome : Outcome.values()) {
                for (String caseReference : new String[] {null, "RMP/PG/2026/0142", "kes bernombor é 𝄞"}) {
                    Interception interception = interception(sighting, outcome, caseReference);
                    assertThat(encoding.interception(interception)).as(interception.toString())
                            .isEqualTo(AvroSerdes.INTERCEPTION.serialize("t", interception));
                }
            }
        }
    }

    @Test
    void anEventIsEncodedWithItsTopicAndTheFingerprintOfThoseBytes() {
        Sighting sighting = sightings().get(0);
        EncodedEvent encoded = encoding.encode(new IngestEvent(EventKind.SIGHTING, sighting.getEventId(), sighting));

        assertThat(encoded.topic).isEqualTo("tip.sightings.v1");
        assertThat(encoded.bytes).isEqualTo(AvroSerdes.SIGHTING.serialize("t", sighting));
        assertThat(encoded.content).isEqualTo(Fingerprint.of(AvroSerdes.SIGHTING.serialize("t", sighting),
                sighting.getReceivedAt()));
        Interception interception = interception(sighting, Outcome.SEIZED, null);
        EncodedEvent other = encoding.encode(new IngestEvent(EventKind.INTERCEPTION, sighting.getEventId(), interception));
        assertThat(other.topic).isEqualTo("tip.interceptions.v1");
        assertThat(other.content).isEqualTo(Fingerprint.of(AvroSerdes.INTERCEPTION.serialize("t", interception),
                interception.getReceivedAt()));
    }

    private static List<Sighting> sightings() {
        List<Sighting> all = new ArrayList<>();
        for (Handling handling : Handling.values()) {
            Sighting sighting = Fixtures.sighting(UUID.randomUUID().toString(), Fixtures.passport("tok-" + handling));
            sighting.setHandling(handling);
            all.add(sighting);
        }
        Sighting sparse = Fixtures.sighting(UUID.randomUUID().toString(), Fixtures.passport("tok"));
        sparse.setLocation(new Location(-90.0, -180.0, "ID", "KALIMANTAN_BARAT", null));
        sparse.setSubjects(List.of(Subject.newBuilder().setType("PHONE").setRole("UNKNOWN").setIdentifiers(List.of(
                Identifier.newBuilder().setScheme("PHONE").setToken("tok-phone").setKeyId("k1").setIssuer(null).build()))
                .build(), Subject.newBuilder().setType("VESSEL").setIdentifiers(List.of()).build()));
        sparse.setIndicators(List.of());
        sparse.setReceivedAt(null);
        sparse.setObservedAt(Instant.parse("1969-07-20T20:17:40Z"));
        sparse.setInformationAccuracy(Integer.MAX_VALUE);
        all.add(sparse);
        Sighting tip = Fixtures.sighting(UUID.randomUUID().toString(), Fixtures.passport("tok-tip"));
        tip.setSource(io.waspada.avro.EventSource.TIP);
        all.add(tip);
        Sighting full = Fixtures.sighting(UUID.randomUUID().toString(), Fixtures.passport("tok"));
        full.setNotes("Dibawa oleh ejen — pasport ditahan, ümlaut, 漢字, 𝄞, [masked-PHONE]");
        full.setAgency("ID_IMIGRASI");
        full.setLocation(new Location(90.0, 180.0, "MY", "SABAH", "TAWAU_PORT"));
        List<Subject> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(Fixtures.victim(Fixtures.passport("tok-" + i), Fixtures.passport("other-" + i)));
        }
        full.setSubjects(many);
        full.setInformationAccuracy(-1);
        full.setReceivedAt(Instant.parse("2026-11-20T03:15:00.123Z"));
        full.setNotes("x".repeat(2000));
        full.setFlags(List.of(new Flag(FlagKind.INFORM_ONLY, "ID", "ID_IMIGRASI"), new Flag(FlagKind.COVERT, null,
                "ID_IMIGRASI"), new Flag(FlagKind.PROTECT_VICTIM, null, "ID_IMIGRASI")));
        all.add(full);
        Sighting accented = Fixtures.sighting(UUID.randomUUID().toString(), Fixtures.passport("tok"));
        accented.setNotes("é");
        accented.setDirection("");
        all.add(accented);
        return all;
    }

    private static Interception interception(Sighting sighting, Outcome outcome, String caseReference) {
        return Interception.newBuilder().setEventId(sighting.getEventId()).setAgency(sighting.getAgency())
                .setObservedAt(sighting.getObservedAt()).setLocation(sighting.getLocation())
                .setSubjects(sighting.getSubjects()).setIndicators(sighting.getIndicators())
                .setDirection(sighting.getDirection()).setNotes(sighting.getNotes()).setHandling(sighting.getHandling())
                .setSourceReliability(sighting.getSourceReliability())
                .setInformationAccuracy(sighting.getInformationAccuracy()).setOutcome(outcome)
                .setPersonsCount(outcome.ordinal() * 40_000).setCaseReference(caseReference)
                .setReceivedAt(sighting.getReceivedAt()).setFlags(sighting.getFlags()).build();
    }
}
