package io.waspada.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.avro.Handling;
import io.waspada.avro.Identifier;
import io.waspada.avro.Location;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final Instant OBSERVED = Instant.parse("2026-11-20T03:15:00Z");

    @Test
    void roundTripsWithTheSingleObjectHeader() {
        Sighting sighting = sighting();

        byte[] bytes = AvroSerdes.SIGHTING.serialize("t", sighting);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(AvroSerdes.SIGHTING.deserialize("t", bytes)).isEqualTo(sighting);
    }

    /** Optional fields set and left null, written by the serde and by Avro's own specific model: the same bytes. */
    @Test
    void writesOptionalFieldsAsAvrosOwnModelDoes() throws Exception {
        Sighting full = sighting();
        full.setNotes("a note");
        full.setReceivedAt(OBSERVED.plusSeconds(5));
        Sighting sparse = sighting();
        sparse.getLocation().setSite(null);
        sparse.setSubjects(List.of(Subject.newBuilder().setType("PHONE").setRole("UNKNOWN")
                .setIdentifiers(List.of(new Identifier("PHONE", "tok-phone", "k1", null, null))).build()));
        for (Sighting sighting : List.of(full, sparse)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new BinaryMessageEncoder<Sighting>(org.apache.avro.specific.SpecificData.getForClass(Sighting.class),
                    Sighting.getClassSchema()).encode(sighting, out);

            assertThat(AvroSerdes.SIGHTING.serialize("t", sighting)).isEqualTo(out.toByteArray());
            assertThat(AvroSerdes.SIGHTING.deserialize("t", out.toByteArray())).isEqualTo(sighting);
        }
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(AvroSerdes.WATCHLIST_ENTRY.serialize("t", null)).isNull();
        assertThat(AvroSerdes.WATCHLIST_ENTRY.deserialize("t", null)).isNull();
    }

    @Test
    void theCurrentReaderDecodesARecordWrittenWithReleasedV1() throws Exception {
        Schema v1 = ReleasedSchemas.of("Sighting").get("v1");
        assertThat(v1.getField("receivedAt")).as("v1 predates receivedAt").isNull();
        GenericRecord old = v1Sighting(v1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);

        Sighting decoded = AvroSerdes.SIGHTING.deserialize("t", out.toByteArray());

        assertThat(decoded.getEventId()).isEqualTo("8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f");
        assertThat(decoded.getObservedAt()).isEqualTo(OBSERVED);
        assertThat(decoded.getSubjects().get(0).getIdentifiers().get(0).getToken()).isEqualTo("tok-passport");
        assertThat(decoded.getReceivedAt()).as("defaulted").isNull();
    }

    @Test
    void aReleasedV1ReaderDecodesWhatTheCurrentWriterWrites() throws Exception {
        Schema v1 = ReleasedSchemas.of("Sighting").get("v1");
        Sighting current = sighting();
        current.setReceivedAt(OBSERVED.plusSeconds(30));
        byte[] bytes = AvroSerdes.SIGHTING.serialize("t", current);

        BinaryMessageDecoder<GenericRecord> v1Reader = new BinaryMessageDecoder<>(GenericData.get(), v1);
        v1Reader.addSchema(Sighting.getClassSchema());
        GenericRecord read = v1Reader.decode(bytes);

        assertThat(read.get("eventId").toString()).isEqualTo(current.getEventId());
        assertThat(read.hasField("receivedAt")).isFalse();
    }

    @Test
    void aRecordFromAnUnknownSchemaFailsAsASerializationException() {
        Schema stranger = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Sighting\",\"namespace\":\"io.waspada.avro\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenericRecord record = new GenericRecordBuilder(stranger).set("x", 1).build();

        assertThatThrownBy(() -> {
            new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(record, out);
            AvroSerdes.SIGHTING.deserialize("tip.sightings.v1", out.toByteArray());
        }).isInstanceOf(SerializationException.class).hasMessageContaining("tip.sightings.v1");
        assertThatThrownBy(() -> AvroSerdes.SIGHTING.deserialize("t", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class);
    }

    private static Sighting sighting() {
        return Sighting.newBuilder()
                .setEventId("8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f")
                .setAgency("IMMIGRATION")
                .setObservedAt(OBSERVED)
                .setLocation(new Location(6.43, 100.42, "MY", "KEDAH", "BUKIT_KAYU_HITAM"))
                .setSubjects(List.of(Subject.newBuilder().setType("PERSON").setRole("SUSPECTED_VICTIM")
                        .setNationality("ID").setSex("F").setAgeBand("MINOR")
                        .setIdentifiers(List.of(new Identifier("PASSPORT", "tok-passport", "k1", "ID", null)))
                        .build()))
                .setIndicators(List.of("UNACCOMPANIED_MINOR"))
                .setDirection("INBOUND")
                .setHandling(Handling.H2)
                .setSourceReliability("B")
                .setInformationAccuracy(2)
                .build();
    }

    private static GenericRecord v1Sighting(Schema v1) {
        Schema location = v1.getField("location").schema();
        Schema subject = v1.getField("subjects").schema().getElementType();
        Schema identifier = subject.getField("identifiers").schema().getElementType();
        Schema handling = v1.getField("handling").schema();
        GenericRecord id = new GenericRecordBuilder(identifier)
                .set("scheme", "PASSPORT").set("token", "tok-passport").set("keyId", "k1").set("issuer", "ID").build();
        GenericRecord person = new GenericRecordBuilder(subject)
                .set("type", "PERSON").set("role", "SUSPECTED_VICTIM").set("identifiers", List.of(id)).build();
        return new GenericRecordBuilder(v1)
                .set("eventId", "8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f")
                .set("agency", "IMMIGRATION")
                .set("observedAt", OBSERVED.toEpochMilli())
                .set("location", new GenericRecordBuilder(location).set("lat", 6.43).set("lon", 100.42)
                        .set("country", "MY").set("region", "KEDAH").set("site", "BUKIT_KAYU_HITAM").build())
                .set("subjects", List.of(person))
                .set("handling", new GenericData.EnumSymbol(handling, "H2"))
                .build();
    }
}
