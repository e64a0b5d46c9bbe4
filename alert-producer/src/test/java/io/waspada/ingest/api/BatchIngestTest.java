package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The batch endpoint: per-item answers in order; valid items are written even when others are refused. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class BatchIngestTest {

    private static JsonPath postBatch(String agency, String body) {
        return given().header("Authorization", TestCredentials.bearer(agency)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/events/batch").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void validItemsAreWrittenAndEachRefusedItemSaysWhy() {
        ObjectNode sighting = SampleBodies.sighting().put("kind", "SIGHTING");
        ObjectNode interception = SampleBodies.interception().put("kind", "INTERCEPTION").put("agency", "IMMIGRATION");
        ObjectNode invalid = SampleBodies.sighting().put("kind", "SIGHTING");
        invalid.with("location").put("lat", 123.0);
        ObjectNode foreign = SampleBodies.sighting().put("kind", "SIGHTING").put("agency", "RMP");
        ObjectNode kindless = SampleBodies.sighting();
        ArrayNode events = JsonNodeFactory.instance.arrayNode().add(sighting).add(invalid).add(interception).add(foreign).add(kindless);

        JsonPath result = postBatch("IMMIGRATION", JsonNodeFactory.instance.objectNode().set("events", events).toString());

        assertThat(result.getInt("accepted")).isEqualTo(2);
        assertThat(result.getInt("rejected")).isEqualTo(3);
        assertThat(result.getList("results.index", Integer.class)).containsExactly(0, 1, 2, 3, 4);
        assertThat(result.getList("results.status", Integer.class)).containsExactly(202, 422, 202, 403, 422);
        assertThat(result.getString("results[0].topic")).isEqualTo(Topics.SIGHTINGS.name());
        assertThat(result.getString("results[2].topic")).isEqualTo(Topics.INTERCEPTIONS.name());
        assertThat(result.getList("results[1].problem.violations.field", String.class)).containsExactly("events[1].location.lat");
        assertThat(result.getList("results[3].problem.violations.field", String.class)).containsExactly("events[3].agency");
        assertThat(result.getList("results[4].problem.violations.field", String.class)).containsExactly("events[4].kind");

        Set<String> sightings = keys(TopicScan.raw(Topics.SIGHTINGS));
        Set<String> interceptions = keys(TopicScan.raw(Topics.INTERCEPTIONS));
        assertThat(sightings).contains(id(sighting)).doesNotContain(id(invalid), id(foreign), id(kindless));
        assertThat(interceptions).contains(id(interception));
    }

    @Test
    void aBareArrayOfAThousandEventsIsWrittenCompletely() {
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ObjectNode event = (i % 4 == 0 ? SampleBodies.interception().put("kind", "INTERCEPTION")
                    : SampleBodies.sighting().put("kind", "SIGHTING")).put("agency", "MMEA");
            ids.add(id(event));
            events.add(event);
        }
        JsonPath result = postBatch("MMEA", events.toString());
        assertThat(result.getInt("accepted")).isEqualTo(1000);
        assertThat(result.getList("results.eventId", String.class)).containsExactlyElementsOf(ids);

        Set<String> written = keys(TopicScan.raw(Topics.SIGHTINGS));
        written.addAll(keys(TopicScan.raw(Topics.INTERCEPTIONS)));
        assertThat(written).containsAll(ids);
    }

    @Test
    void resendingABatchWritesNothingNew() {
        ArrayNode events = JsonNodeFactory.instance.arrayNode()
                .add(SampleBodies.sighting().put("kind", "SIGHTING"))
                .add(SampleBodies.sighting().put("kind", "SIGHTING"));
        JsonPath first = postBatch("IMMIGRATION", events.toString());
        JsonPath second = postBatch("IMMIGRATION", events.toString());
        assertThat(first.getList("results.duplicate", Boolean.class)).containsExactly(false, false);
        assertThat(second.getList("results.duplicate", Boolean.class)).containsExactly(true, true);
        assertThat(second.getList("results.offset", Long.class)).isEqualTo(first.getList("results.offset", Long.class));
        long copies = TopicScan.raw(Topics.SIGHTINGS).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(id((ObjectNode) events.get(0)))).count();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void anEventRepeatedWithinABatchIsWrittenOnce() {
        ObjectNode event = SampleBodies.sighting().put("kind", "SIGHTING");
        ObjectNode changed = event.deepCopy().put("notes", "another text under the same eventId");
        ArrayNode events = JsonNodeFactory.instance.arrayNode().add(event).add(event.deepCopy()).add(changed);
        JsonPath result = postBatch("IMMIGRATION", events.toString());
        assertThat(result.getList("results.status", Integer.class)).containsExactly(202, 202, 409);
        assertThat(result.getList("results.duplicate", Boolean.class)).containsExactly(false, true, null);
        assertThat(result.getLong("results[1].offset")).isEqualTo(result.getLong("results[0].offset"));
        long copies = TopicScan.raw(Topics.SIGHTINGS).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(id(event))).count();
        assertThat(copies).isEqualTo(1);
    }

    /** Items are read as the body is parsed; a body found malformed after them still writes none of them. */
    @Test
    void aBodyBrokenAfterItsValidItemsWritesNothing() {
        ObjectNode first = SampleBodies.sighting().put("kind", "SIGHTING");
        ObjectNode second = SampleBodies.sighting().put("kind", "SIGHTING");
        ArrayNode events = JsonNodeFactory.instance.arrayNode().add(first).add(second);
        String events2 = JsonNodeFactory.instance.arrayNode().add(SampleBodies.sighting().put("kind", "SIGHTING")).toString();
        for (String body : List.of("{\"events\": " + events + ", \"events\": " + events2 + "}",
                "{\"events\": " + events + ", \"x\": }", events + " []", "{\"events\": " + events)) {
            given().header("Authorization", TestCredentials.bearer("IMMIGRATION")).contentType(ContentType.JSON)
                    .body(body).when().post("/api/v1/events/batch").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().header("Authorization", TestCredentials.bearer("IMMIGRATION")).contentType(ContentType.JSON)
                .body("{\"events\": 5, \"more\": " + events + "}").when().post("/api/v1/events/batch").then()
                .statusCode(422);

        Set<String> written = keys(TopicScan.raw(Topics.SIGHTINGS));
        assertThat(written).doesNotContain(id(first), id(second));
    }

    private static String id(ObjectNode event) {
        return event.get("eventId").asText();
    }

    private static Set<String> keys(List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
    }
}
