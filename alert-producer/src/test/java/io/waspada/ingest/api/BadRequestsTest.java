package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.waspada.ingest.support.JsonPaths;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.topics.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad bodies at the real HTTP endpoints: a table of every error class, plus seeded random type mutations of a
 * valid event (single and batch). Each answer is problem+json naming the field; afterwards the topics are read
 * to their end and none of these events is there.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(180)
class BadRequestsTest {

    private static final Set<String> POSTED_EVENT_IDS = ConcurrentHashMap.newKeySet();

    record Case(String name, String path, Consumer<ObjectNode> mutation, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case sighting(String name, Consumer<ObjectNode> mutation, String field) {
        return new Case(name, "/api/v1/sightings", mutation, 422, field);
    }

    static ObjectNode subject(ObjectNode body, int index) {
        return (ObjectNode) body.withArray("subjects").get(index);
    }

    static ObjectNode identifier(ObjectNode body, int subject) {
        return (ObjectNode) subject(body, subject).withArray("identifiers").get(0);
    }

    static Stream<Case> invalidEvents() {
        String future = Instant.now().plus(10, ChronoUnit.MINUTES).toString();
        return Stream.of(
                sighting("eventId missing", b -> b.remove("eventId"), "eventId"),
                sighting("eventId not a UUID", b -> b.put("eventId", "event-42"), "eventId"),
                sighting("eventId a number", b -> b.put("eventId", 42), "eventId"),
                sighting("observedAt missing", b -> b.remove("observedAt"), "observedAt"),
                sighting("observedAt unparseable", b -> b.put("observedAt", "yesterday"), "observedAt"),
                sighting("observedAt without zone", b -> b.put("observedAt", "2026-11-20T03:15:00"), "observedAt"),
                sighting("observedAt 10 minutes ahead", b -> b.put("observedAt", future), "observedAt"),
                sighting("location missing", b -> b.remove("location"), "location"),
                sighting("lat out of range", b -> b.with("location").put("lat", 91.0), "location.lat"),
                sighting("lon out of range", b -> b.with("location").put("lon", -180.5), "location.lon"),
                sighting("lat as a string", b -> b.with("location").put("lat", "6.43"), "location.lat"),
                sighting("country not ISO", b -> b.with("location").put("country", "XX"), "location.country"),
                sighting("country lower case", b -> b.with("location").put("country", "my"), "location.country"),
                sighting("region missing", b -> b.with("location").remove("region"), "location.region"),
                sighting("subjects empty", b -> b.putArray("subjects"), "subjects"),
                sighting("subjects missing", b -> b.remove("subjects"), "subjects"),
                sighting("subjects an object", b -> b.putObject("subjects"), "subjects"),
                sighting("51 subjects", b -> {
                    ArrayNode subjects = b.putArray("subjects");
                    for (int i = 0; i < 51; i++) {
                        subjects.addObject().put("type", "PERSON");
                    }
                }, "subjects"),
                sighting("unknown subject type", b -> subject(b, 0).put("type", "ALIEN"), "subjects[0].type"),
                sighting("unknown role", b -> subject(b, 0).put("role", "BOSS"), "subjects[0].role"),
                sighting("nationality not ISO", b -> subject(b, 0).put("nationality", "Indonesian"), "subjects[0].nationality"),
                sighting("identifiers not an array", b -> subject(b, 0).put("identifiers", "C1234567"), "subjects[0].identifiers"),
                sighting("unknown identifier scheme", b -> identifier(b, 0).put("scheme", "SSN"), "subjects[0].identifiers[0].scheme"),
                sighting("identifier value missing", b -> identifier(b, 0).remove("value"), "subjects[0].identifiers[0].value"),
                sighting("passport too short", b -> identifier(b, 0).put("value", "C1"), "subjects[0].identifiers[0].value"),
                sighting("phone without country code", b -> identifier(b, 1).put("value", "812345678"), "subjects[1].identifiers[0].value"),
                sighting("MMSI of 8 digits", b -> identifier(b, 2).put("value", "52501234"), "subjects[2].identifiers[0].value"),
                sighting("IMO with a wrong check digit", b -> identifier(b, 2).put("scheme", "IMO").put("value", "IMO 9074728"),
                        "subjects[2].identifiers[0].value"),
                sighting("MyKad of 10 digits", b -> identifier(b, 0).put("scheme", "NATIONAL_ID").put("issuer", "MY")
                        .put("value", "9001011234"), "subjects[0].identifiers[0].value"),
                sighting("unknown indicator", b -> b.withArray("indicators").add("LOOKS_NERVOUS"), "indicators[2]"),
                sighting("unknown handling code", b -> b.put("handling", "H9"), "handling"),
                sighting("handling missing", b -> b.remove("handling"), "handling"),
                sighting("unknown source reliability", b -> b.put("sourceReliability", "Z"), "sourceReliability"),
                sighting("information accuracy 5", b -> b.put("informationAccuracy", 5), "informationAccuracy"),
                sighting("information accuracy as a string", b -> b.put("informationAccuracy", "2"), "informationAccuracy"),
                sighting("notes over 2000 characters", b -> b.put("notes", "x".repeat(2001)), "notes"),
                sighting("unknown field", b -> b.put("passportNumber", "C1234567"), "passportNumber"),
                sighting("unknown agency", b -> b.put("agency", "FBI"), "agency"),
                sighting("unknown direction", b -> b.put("direction", "SIDEWAYS"), "direction"),
                sighting("kind of another endpoint", b -> b.put("kind", "INTERCEPTION"), "kind"),
                sighting("unknown flag", b -> b.putArray("flags").addObject().put("kind", "SECRET"), "flags[0].kind"),
                sighting("flag as a string", b -> b.putArray("flags").add("COVERT"), "flags[0]"),
                sighting("inform-only flag without jurisdiction", b -> b.putArray("flags").addObject()
                        .put("kind", "INFORM_ONLY"), "flags[0].jurisdiction"),
                sighting("inform-only flag with a jurisdiction not ISO", b -> b.putArray("flags").addObject()
                        .put("kind", "INFORM_ONLY").put("jurisdiction", "Malaysia"), "flags[0].jurisdiction"),
                sighting("covert flag with a jurisdiction", b -> b.putArray("flags").addObject()
                        .put("kind", "COVERT").put("jurisdiction", "MY"), "flags[0].jurisdiction"),
                sighting("the same flag twice", b -> {
                    ArrayNode flags = b.putArray("flags");
                    flags.addObject().put("kind", "INFORM_ONLY").put("jurisdiction", "ID");
                    flags.addObject().put("kind", "INFORM_ONLY").put("jurisdiction", "ID");
                }, "flags[1]"),
                sighting("five flags", b -> {
                    ArrayNode flags = b.putArray("flags");
                    for (String country : List.of("ID", "MY", "TH", "PH", "SG")) {
                        flags.addObject().put("kind", "INFORM_ONLY").put("jurisdiction", country);
                    }
                }, "flags"),
                sighting("a flag naming its agency", b -> b.putArray("flags").addObject().put("kind", "COVERT")
                        .put("agency", "RMP"), "flags[0].agency"),
                new Case("interception without outcome", "/api/v1/interceptions", b -> b.put("agency", "IMMIGRATION"), 422, "outcome"),
                new Case("interception with unknown outcome", "/api/v1/interceptions",
                        b -> b.put("agency", "IMMIGRATION").put("outcome", "VANISHED"), 422, "outcome"),
                new Case("interception with negative persons", "/api/v1/interceptions",
                        b -> b.put("agency", "IMMIGRATION").put("outcome", "RESCUED").put("personsCount", -1), 422, "personsCount"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void invalidEventIsRefusedNamingTheField(Case c) {
        ObjectNode body = SampleBodies.sighting();
        POSTED_EVENT_IDS.add(body.get("eventId").asText());
        c.mutation().accept(body);
        Response response = post(c.path(), body.toString(), "application/json");
        assertProblem(response, c.status(), c.field());
    }

    static Stream<Arguments> malformedBodies() {
        String id = java.util.UUID.randomUUID().toString();
        POSTED_EVENT_IDS.add(id);
        return Stream.of(
                Arguments.of("truncated JSON", "{\"eventId\": \"" + id + "\", ", 400),
                Arguments.of("empty body", "", 400),
                Arguments.of("a bare string", "\"hello\"", 422),
                Arguments.of("an array instead of an object", "[{\"eventId\": \"" + id + "\"}]", 422),
                Arguments.of("duplicate keys", "{\"eventId\": \"" + id + "\", \"eventId\": \"" + id + "\"}", 400),
                Arguments.of("trailing garbage", SampleBodies.sighting().put("eventId", id) + " x", 400),
                Arguments.of("single quotes", "{'eventId': '" + id + "'}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedJsonIsABadRequest(String name, String body, int status) {
        Response response = post("/api/v1/sightings", body, "application/json");
        assertProblem(response, status, "$");
        assertThat(response.asString()).doesNotContain("hello");
    }

    @Test
    void wrongContentTypeIs415() {
        ObjectNode body = SampleBodies.sighting();
        POSTED_EVENT_IDS.add(body.get("eventId").asText());
        post("/api/v1/sightings", body.toString(), "text/plain").then().statusCode(415)
                .contentType("application/problem+json");
        post("/api/v1/events/batch", body.toString(), "application/xml").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void bodyOverTheLimitIs413() {
        ObjectNode body = SampleBodies.sighting();
        POSTED_EVENT_IDS.add(body.get("eventId").asText());
        body.put("padding", "x".repeat(2_100_000));
        post("/api/v1/sightings", body.toString(), "application/json").then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void batchOfMoreThan1000EventsIs413AndWritesNothing() {
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 1001; i++) {
            ObjectNode event = SampleBodies.sighting().put("kind", "SIGHTING");
            event.remove("notes");
            POSTED_EVENT_IDS.add(event.get("eventId").asText());
            events.add(event);
        }
        ObjectNode batch = JsonNodeFactory.instance.objectNode().set("events", events);
        assertProblem(post("/api/v1/events/batch", batch.toString(), "application/json"), 413, "events");
    }

    @Test
    void batchWithoutEventsIs422() {
        assertProblem(post("/api/v1/events/batch", "{\"items\": []}", "application/json"), 422, "events");
    }

    /** Seeded random type mutations: every typed field of a valid event, given a value of another JSON type. */
    @Test
    void anyFieldOfTheWrongTypeIsRefusedNamingIt() {
        Random random = new Random(20261129);
        List<List<Object>> paths = JsonPaths.of(SampleBodies.sighting());
        for (int i = 0; i < 150; i++) {
            ObjectNode body = SampleBodies.sighting();
            POSTED_EVENT_IDS.add(body.get("eventId").asText());
            List<Object> path = paths.get(random.nextInt(paths.size()));
            JsonNode replacement = wrongType(JsonPaths.at(body, path), random);
            set(body, path, replacement);
            String field = render(path);
            if (random.nextInt(3) == 0) {
                body.put("kind", "SIGHTING");
                ObjectNode batch = JsonNodeFactory.instance.objectNode();
                batch.putArray("events").add(body);
                Response response = post("/api/v1/events/batch", batch.toString(), "application/json");
                response.then().statusCode(200);
                assertThat(response.jsonPath().getInt("accepted")).as(field).isZero();
                assertThat(response.jsonPath().getInt("results[0].status")).as(field).isEqualTo(422);
                assertThat(response.jsonPath().getList("results[0].problem.violations.field", String.class))
                        .as("batch, %s := %s", field, replacement).contains("events[0]." + field);
            } else {
                assertProblem(post("/api/v1/sightings", body.toString(), "application/json"), 422, field);
            }
        }
    }

    @AfterAll
    static void nothingReachedKafka() {
        Set<String> written = Stream.concat(TopicScan.raw(Topics.SIGHTINGS).stream(), TopicScan.raw(Topics.INTERCEPTIONS).stream())
                .map(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).collect(Collectors.toSet());
        assertThat(POSTED_EVENT_IDS).hasSizeGreaterThan(190);
        assertThat(written).doesNotContainAnyElementsOf(POSTED_EVENT_IDS);
    }

    private static Response post(String path, String body, String contentType) {
        return given().header("Authorization", TestCredentials.bearer("IMMIGRATION")).contentType(contentType)
                .body(body).when().post(path);
    }

    private static void assertProblem(Response response, int status, String field) {
        response.then().statusCode(status).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getList("violations.field", String.class)).as(response.asString()).contains(field);
    }



    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = JsonPaths.at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static JsonNode wrongType(JsonNode original, Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> options = new ArrayList<>(List.of(f.textNode("x"), f.numberNode(7), f.booleanNode(true),
                f.arrayNode(), f.objectNode()));
        options.removeIf(o -> o.getNodeType() == original.getNodeType());
        return options.get(random.nextInt(options.size()));
    }

    private static String render(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(step);
            }
        }
        return out.toString();
    }
}
