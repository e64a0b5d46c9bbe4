package io.waspada.ingest.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.ingest.privacy.Pseudonymiser;
import io.waspada.ingest.support.AgencyInbox;
import io.waspada.ingest.support.RawIdentifiers;
import io.waspada.ingest.support.Reports;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.schemas.ReleasedSchemas;
import io.waspada.topics.AgencyTopics;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agencies' Kafka door through the real broker, as the agencies' own principals: a report becomes the agency's
 * pseudonymised event (the same tokens as over HTTP), a bad one a reject with the HTTP API's problem details and its
 * position, which only that agency can read; an undecodable record does not stop the door; no raw identifier leaves
 * the inbox.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(180)
class InboxDoorTest {

    private static final Pseudonymiser TEST_KEY =
            Pseudonymiser.fromBase64("ka6JZ/6AuUa/DLFuH6UtED0QOBctMiWlr01x5Nt+N80=", "test");

    @Test
    void aSightingReportBecomesTheAgencysPseudonymisedEvent() throws Exception {
        ObjectNode body = SampleBodies.sighting();
        body.remove("agency");
        String eventId = body.get("eventId").asText();
        AgencyInbox.publish("agency-rmp", "RMP", eventId, Reports.encode("SIGHTING", body));

        Sighting sighting = TopicScan.awaitOne(Topics.SIGHTINGS, eventId);
        assertThat(sighting.getAgency()).isEqualTo("RMP");
        assertThat(sighting.getSubjects().get(0).getIdentifiers().get(0).getToken())
                .isEqualTo(TEST_KEY.token("PASSPORT", SampleBodies.PASSPORT));
        assertThat(sighting.getLocation().getSite()).isEqualTo("BUKIT_KAYU_HITAM");
        assertThat(sighting.getIndicators()).containsExactly("DOCUMENTS_HELD_BY_THIRD_PARTY", "UNACCOMPANIED_MINOR");
        assertThat(sighting.getReceivedAt()).isNotNull();
    }

    @Test
    void anInterceptionReportGivesTheSameEventAsTheSameBodyOverHttp() throws Exception {
        ObjectNode overHttp = SampleBodies.interception();
        overHttp.remove("agency");
        overHttp.putArray("flags").addObject().put("kind", "INFORM_ONLY").put("jurisdiction", "ID");
        ObjectNode overKafka = overHttp.deepCopy().put("eventId", UUID.randomUUID().toString());
        given().header("Authorization", TestCredentials.bearer("LABOUR")).contentType(ContentType.JSON)
                .body(overHttp.toString()).when().post("/api/v1/interceptions").then().statusCode(202);
        AgencyInbox.publish("agency-labour", "LABOUR", overKafka.get("eventId").asText(),
                Reports.encode("INTERCEPTION", overKafka));

        Interception fromKafka = TopicScan.awaitOne(Topics.INTERCEPTIONS, overKafka.get("eventId").asText());
        Interception fromHttp = TopicScan.awaitOne(Topics.INTERCEPTIONS, overHttp.get("eventId").asText());
        fromKafka.setEventId(fromHttp.getEventId());
        fromKafka.setReceivedAt(fromHttp.getReceivedAt());
        assertThat(fromKafka).isEqualTo(fromHttp);
        assertThat(fromKafka.getAgency()).isEqualTo("LABOUR");
        assertThat(fromKafka.getFlags()).singleElement().satisfies(flag -> assertThat(flag.getAgency())
                .isEqualTo("LABOUR"));
    }

    /** An agency system built against the first released AgencyReport (no flags) keeps publishing with it. */
    @Test
    void aReportWrittenWithTheFirstReleasedSchemaIsStillRead() throws Exception {
        ObjectNode body = SampleBodies.sighting();
        body.remove("agency");
        String eventId = body.get("eventId").asText();
        AgencyInbox.publish("agency-rmp", "RMP", eventId,
                Reports.encodeAs(ReleasedSchemas.inbox().get("v1"), "SIGHTING", body));

        Sighting sighting = TopicScan.awaitOne(Topics.SIGHTINGS, eventId);
        assertThat(sighting.getAgency()).isEqualTo("RMP");
        assertThat(sighting.getFlags()).isEmpty();
    }

    @Test
    void aBadReportIsRejectedWithTheHttpProblemDetailsAndItsPositionAndNothingIsWritten() throws Exception {
        ObjectNode body = SampleBodies.sighting();
        body.remove("agency");
        ((ObjectNode) body.get("location")).put("lat", 95.0);
        ((ObjectNode) body.withArray("subjects").get(0).withArray("identifiers").get(0)).put("value", "Q!7");
        body.withArray("indicators").add("NOT_AN_INDICATOR");
        body.put("handling", "H9");
        String eventId = body.get("eventId").asText();

        JsonNode overHttp = SampleBodies.parse(given().header("Authorization", TestCredentials.bearer("MMEA"))
                .contentType(ContentType.JSON).body(body.toString()).when().post("/api/v1/sightings")
                .then().statusCode(422).extract().asString());
        RecordMetadata position = AgencyInbox.publish("agency-mmea", "MMEA", eventId, Reports.encode("SIGHTING", body));

        JsonNode reject = AgencyInbox.awaitReject("MMEA", r -> eventId.equals(r.path("eventId").asText()));
        assertThat(reject.get("status").asInt()).isEqualTo(422);
        assertThat(reject.get("type").asText()).isEqualTo(overHttp.get("type").asText());
        assertThat(reject.get("violations")).isEqualTo(overHttp.get("violations"));
        assertThat(reject.get("violations").findValuesAsText("field"))
                .contains("location.lat", "subjects[0].identifiers[0].value", "handling");
        assertThat(reject.get("kind").asText()).isEqualTo("SIGHTING");
        assertThat(reject.get("report").get("topic").asText()).isEqualTo("tip.inbox.mmea.v1");
        assertThat(reject.get("report").get("partition").asInt()).isEqualTo(position.partition());
        assertThat(reject.get("report").get("offset").asLong()).isEqualTo(position.offset());
        assertThat(reject.toString()).doesNotContain("Q!7");
        assertThat(TopicScan.all(Topics.SIGHTINGS)).noneMatch(r -> eventId.equals(r.key()));
    }

    @Test
    void anUndecodableRecordIsRejectedAndTheReportsAfterItStillGoThrough() throws Exception {
        String marker = UUID.randomUUID().toString();
        RecordMetadata garbage = AgencyInbox.publish("agency-customs", "CUSTOMS", marker,
                "{\"passport\": \"A7777777\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode body = SampleBodies.sighting();
        body.remove("agency");
        AgencyInbox.publish("agency-customs", "CUSTOMS", body.get("eventId").asText(), Reports.encode("SIGHTING", body));

        JsonNode reject = AgencyInbox.awaitReject("CUSTOMS", r -> r.path("report").path("offset").asLong(-1)
                == garbage.offset() && r.path("report").path("partition").asInt(-1) == garbage.partition());
        assertThat(reject.get("status").asInt()).isEqualTo(400);
        assertThat(reject.get("type").asText()).endsWith("/undecodable-report");
        assertThat(reject.has("eventId")).isFalse();
        assertThat(reject.toString()).doesNotContain("A7777777");
        assertThat(TopicScan.awaitOne(Topics.SIGHTINGS, body.get("eventId").asText()).getAgency()).isEqualTo("CUSTOMS");
    }

    @Test
    void onlyTheAgencyWritesItsInboxAndReadsItsRejectsAndOpsNeverReadsAnInbox() {
        ObjectNode body = SampleBodies.sighting();
        byte[] report = Reports.encode("SIGHTING", body);
        assertThatThrownBy(() -> AgencyInbox.publish("agency-mmea", "RMP", "x", report))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertReadDenied("agency-mmea", AgencyTopics.rejects("RMP").name());
        assertReadDenied("agency-rmp", Topics.SIGHTINGS.name());
        assertReadDenied("ops", AgencyTopics.inbox("RMP").name());
        assertReadDenied("alert-producer", AgencyTopics.rejects("RMP").name());
        readAll("ops", AgencyTopics.rejects("RMP").name()); // ops may see what was refused, never a report itself
        readAll("agency-rmp", AgencyTopics.rejects("RMP").name());
        // Its own transactional ids only: agency-rmp must not fence agency-rmp-gof's producers.
        initTransactions("agency-rmp", "agency-rmp.pipeline");
        assertThatThrownBy(() -> initTransactions("agency-rmp", "agency-rmp-gof.pipeline"))
                .isInstanceOf(TransactionalIdAuthorizationException.class);
    }

    private static void initTransactions(String principal, String transactionalId) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(SharedKafka.principal(principal).with(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId, ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000)),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
        }
    }

    @Test
    void noRawIdentifierLeavesTheInbox() throws Exception {
        ObjectNode valid = RawIdentifiers.asSubjects(SampleBodies.sighting());
        valid.remove("agency");
        ObjectNode invalid = valid.deepCopy().put("eventId", UUID.randomUUID().toString()).put("handling", "H7");
        // An agency's headers are free bytes too: only a well-formed traceparent goes on with the report.
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
        headers.add("tracestate", ("passport=" + RawIdentifiers.RAW.get(0).value()).getBytes(StandardCharsets.UTF_8));
        headers.add("x-agency-note", RawIdentifiers.RAW.get(1).value().getBytes(StandardCharsets.UTF_8));
        RecordHeaders forged = new RecordHeaders();
        forged.add("traceparent", ("00-" + RawIdentifiers.RAW.get(2).value()).getBytes(StandardCharsets.UTF_8));
        AgencyInbox.publish("agency-apm", "APM", valid.get("eventId").asText(), Reports.encode("SIGHTING", valid),
                headers);
        AgencyInbox.publish("agency-apm", "APM", invalid.get("eventId").asText(), Reports.encode("SIGHTING", invalid),
                forged);
        TopicScan.awaitOne(Topics.SIGHTINGS, valid.get("eventId").asText());
        ConsumerRecord<byte[], byte[]> written = TopicScan.raw(Topics.SIGHTINGS).stream()
                .filter(r -> valid.get("eventId").asText().equals(new String(r.key(), StandardCharsets.UTF_8)))
                .findFirst().orElseThrow();
        assertThat(written.headers().toArray()).extracting(h -> h.key()).containsExactly("traceparent");
        assertThat(new String(written.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                .isEqualTo(traceparent);
        AgencyInbox.awaitReject("APM", r -> invalid.get("eventId").asText().equals(r.path("eventId").asText()));

        StringBuilder everything = new StringBuilder();
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String topic : topics) {
                if (topic.startsWith(AgencyTopics.INBOX_PREFIX)) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : TopicScan.raw(new Topic<>(topic, null, null, null))) {
                    Optional.ofNullable(record.key()).ifPresent(k -> everything.append(new String(k,
                            StandardCharsets.ISO_8859_1)));
                    Optional.ofNullable(record.value()).ifPresent(v -> everything.append(new String(v,
                            StandardCharsets.ISO_8859_1)));
                    record.headers().forEach(h -> everything.append(h.key()).append(new String(h.value(),
                            StandardCharsets.ISO_8859_1)));
                }
            }
        }
        for (RawIdentifiers.Raw raw : RawIdentifiers.RAW) {
            for (String form : raw.forms()) {
                assertThat(everything.toString()).as("a topic holds %s %s", raw.scheme(), form).doesNotContain(form);
            }
        }
    }

    /** {@code principal} may not read {@code topic}: its reads fail with a TopicAuthorizationException (within 20 s). */
    private static void assertReadDenied(String principal, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.principal(principal).with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            while (System.nanoTime() < deadline) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                consumer.poll(Duration.ofMillis(200));
            }
        } catch (TopicAuthorizationException denied) {
            assertThat(denied.unauthorizedTopics()).contains(topic);
            return;
        }
        throw new AssertionError(principal + " could read " + topic + " for 20 s");
    }

    /** Reads {@code topic} to its end as {@code principal} without a consumer group (assign). */
    private static void readAll(String principal, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.principal(principal).with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // To the end as it is now: a refusal surfaces from poll (or position), however long the first fetch takes.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + " not read to its end in 20 s as " + principal);
                }
                consumer.poll(Duration.ofMillis(200));
            }
        }
    }
}
