package io.waspada.e2e.door;

import io.waspada.e2e.platform.Platform;
import io.waspada.inbox.AgencyReport;
import io.waspada.inbox.ReportIdentifier;
import io.waspada.inbox.ReportLocation;
import io.waspada.inbox.ReportSubject;
import io.waspada.kafka.KafkaConnection;
import io.waspada.schemas.AvroSerde;
import io.waspada.topics.AgencyTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** An agency system on the platform's Kafka door: its principal, its producer, reports of one passport at a site. */
final class AgencyDoor {

    static final AvroSerde<AgencyReport> REPORTS = new AvroSerde<>(AgencyReport.class, List.of());

    private AgencyDoor() {
    }

    /** How {@code agency}'s system connects: as {@code agency-<slug>}, with the password the broker made. */
    static KafkaConnection connection(Platform platform, String agency) {
        try {
            String password = Files.readString(platform.workDir().resolve("kafka/principals/"
                    + AgencyTopics.principal(agency) + ".password")).strip();
            return KafkaConnection.scram(platform.bootstrapServers(), "SASL_PLAINTEXT", AgencyTopics.principal(agency),
                    password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaProducer<String, byte[]> producer(Platform platform, String agency) {
        return new KafkaProducer<>(connection(platform, agency).with(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5)),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A sighting of one person by passport at a border site. */
    static AgencyReport sighting(String passport, String site, double lat, double lon, String country, String region,
            Instant observedAt) {
        return AgencyReport.newBuilder().setKind("SIGHTING").setEventId(UUID.randomUUID().toString())
                .setObservedAt(observedAt)
                .setLocation(ReportLocation.newBuilder().setLat(lat).setLon(lon).setCountry(country).setRegion(region)
                        .setSite(site).build())
                .setSubjects(List.of(ReportSubject.newBuilder().setType("PERSON").setRole("SUSPECTED_VICTIM")
                        .setNationality("ID").setAgeBand("ADULT").setIdentifiers(List.of(ReportIdentifier.newBuilder()
                                .setScheme("PASSPORT").setValue(passport).setIssuer("ID").build())).build()))
                .setHandling("H1").setSourceReliability("B").setInformationAccuracy(2).build();
    }
}
