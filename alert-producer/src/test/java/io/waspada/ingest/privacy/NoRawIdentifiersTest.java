package io.waspada.ingest.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waspada.avro.Sighting;
import io.waspada.ingest.support.RawIdentifiers;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Posts events and watchlist entries carrying every identifier scheme (in several spellings), then reads the raw
 * bytes of every topic and the service's log: no raw or normalised identifier value is there, only tokens, and a
 * token is the agreed HMAC-SHA-256 of SCHEME:normalised value.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class NoRawIdentifiersTest {

    @Test
    void noTopicAndNoLogLineHoldsARawIdentifier() throws IOException {
        ObjectNode sighting = RawIdentifiers.asSubjects(SampleBodies.sighting());
        sighting.put("notes", "no identifiers here");
        post("/api/v1/sightings", sighting).then().statusCode(202);

        ObjectNode interception = sighting.deepCopy().put("eventId", UUID.randomUUID().toString()).put("outcome", "RESCUED");
        interception.remove("agency");
        post("/api/v1/interceptions", interception).then().statusCode(202);

        ObjectNode batchItem = sighting.deepCopy().put("eventId", UUID.randomUUID().toString()).put("kind", "SIGHTING");
        post("/api/v1/events/batch", JsonNodeFactory.instance.objectNode().set("events",
                JsonNodeFactory.instance.arrayNode().add(batchItem))).then().statusCode(200);

        given().header("Authorization", TestCredentials.bearer("IMMIGRATION")).contentType(ContentType.JSON)
                .body(SampleBodies.watchlistEntry("wxy-7788").toString())
                .when().put("/api/v1/watchlist/imm-" + UUID.randomUUID()).then().statusCode(202);

        // An invalid identifier is refused; its value must not be echoed back or logged either.
        ObjectNode invalid = SampleBodies.sighting();
        ((ObjectNode) invalid.withArray("subjects").get(0).withArray("identifiers").get(0)).put("value", "Q!7");
        String answer = post("/api/v1/sightings", invalid).then().statusCode(422).extract().asString();
        assertThat(answer).doesNotContain("Q!7");

        List<byte[]> everything = new ArrayList<>();
        for (Topic<?, ?> topic : List.of(Topics.SIGHTINGS, Topics.INTERCEPTIONS, Topics.WATCHLIST)) {
            for (ConsumerRecord<byte[], byte[]> record : TopicScan.raw(topic)) {
                everything.add(record.key());
                if (record.value() != null) {
                    everything.add(record.value());
                }
            }
        }
        String allBytes = everything.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1))
                .reduce("", String::concat);
        String log = Files.readString(Path.of("target/alert-producer-test.log"), StandardCharsets.UTF_8);
        for (RawIdentifiers.Raw raw : RawIdentifiers.RAW) {
            for (String form : raw.forms()) {
                assertThat(allBytes).as("topics hold %s %s", raw.scheme(), form).doesNotContain(form);
                assertThat(log).as("log holds %s %s", raw.scheme(), form).doesNotContain(form);
            }
        }
        assertThat(log).doesNotContain("Q!7");
    }

    @Test
    void tokensAreTheAgreedHmacOfTheNormalisedValueWhateverTheSpelling() {
        Pseudonymiser independent = Pseudonymiser.fromBase64("ka6JZ/6AuUa/DLFuH6UtED0QOBctMiWlr01x5Nt+N80=", "test");
        Map<String, String> spellings = Map.of("+60 12-987 6543", "MY", "0060129876543", "MY", "012 987 6543", "MY");
        List<String> ids = new ArrayList<>();
        for (var spelling : spellings.entrySet()) {
            ObjectNode body = SampleBodies.sighting();
            ids.add(body.get("eventId").asText());
            ObjectNode phone = (ObjectNode) body.withArray("subjects").get(1).withArray("identifiers").get(0);
            phone.put("value", spelling.getKey()).put("issuer", spelling.getValue());
            post("/api/v1/sightings", body).then().statusCode(202);
        }
        List<String> tokens = TopicScan.all(Topics.SIGHTINGS).stream().filter(r -> ids.contains(r.key()))
                .map(ConsumerRecord::value).map(Sighting::getSubjects)
                .map(s -> s.get(1).getIdentifiers().get(0).getToken()).distinct().toList();
        assertThat(tokens).containsExactly(independent.token("PHONE", "+60129876543"));
    }

    private static io.restassured.response.Response post(String path, ObjectNode body) {
        return given().header("Authorization", TestCredentials.bearer("IMMIGRATION")).contentType(ContentType.JSON)
                .body(body.toString()).when().post(path);
    }
}
