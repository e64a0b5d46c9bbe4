package io.waspada.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waspada.avro.Sighting;
import io.waspada.inbox.AgencyReport;
import io.waspada.ingest.domain.EventReader;
import io.waspada.ingest.privacy.Pseudonymiser;
import io.waspada.ingest.support.Reports;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TopicScan;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.schemas.AvroSerde;
import io.waspada.topics.AgencyTopics;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A door for an agency whose topics do not exist stays shut and holds up nobody: the other agencies' reports go
 * through, and the door stays alive. (Agencies of their own, which no other door of this JVM reads, on the real broker.)
 */
// A @QuarkusTest like the others, so it shares their broker: SharedKafka outside Quarkus' class loader would be a
// second in-process broker in this JVM, which does not start.
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class InboxDoorOpeningTest {

    @Test
    void anAgencyWithoutItsTopicsIsNotReadAndTheOthersAre() throws Exception {
        String open = "OPENDOOR" + (System.nanoTime() % 100_000);
        String shut = "SHUTDOOR" + (System.nanoTime() % 100_000);
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            new TopicCreator(admin).create(AgencyTopics.all(List.of(open)));
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .doesNotContain(AgencyTopics.inbox(shut).name(), AgencyTopics.rejects(shut).name());
        }
        EventReader events = new EventReader(Pseudonymiser.fromBase64("ka6JZ/6AuUa/DLFuH6UtED0QOBctMiWlr01x5Nt+N80=",
                "test"), Set.of(open, shut), Clock.systemUTC());
        try (InboxDoor door = new InboxDoor(SharedKafka.connection(), "opening-test-" + System.nanoTime(),
                List.of(shut, open), new InboxReader(new AvroSerde<>(AgencyReport.class, List.of()), events),
                Clock.systemUTC(), new SimpleMeterRegistry())) {
            door.start();
            ObjectNode body = SampleBodies.sighting();
            body.remove("agency");
            String eventId = body.get("eventId").asText();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(SharedKafka.connection().with(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(AgencyTopics.inbox(open).name(), eventId,
                        Reports.encode("SIGHTING", body))).get(30, TimeUnit.SECONDS);
            }

            Sighting sighting = TopicScan.awaitOne(Topics.SIGHTINGS, eventId);
            assertThat(sighting.getAgency()).isEqualTo(open);
            assertThat(door.alive()).isTrue();
        }
    }
}
