package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.waspada.ingest.domain.EventReader;
import io.waspada.ingest.domain.IdentifierScheme;
import io.waspada.ingest.domain.SubjectReader;
import io.waspada.ingest.domain.Vocabulary;
import io.waspada.ingest.domain.WatchlistReader;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.testing.OpenApiCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenAPI document the running service serves is one an integrator can trust: real schemas for every body, the
 * problem schema on every error, every example valid against its schema, every request example accepted by the live
 * service, and the documented vocabularies and limits those of the readers.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode document() throws Exception {
        return JSON.readTree(given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void everyBodyHasARealSchemaEveryErrorIsAProblemAndEveryExampleIsValid() throws Exception {
        JsonNode document = document();
        // The document as served, for review next to the test report.
        JSON.writerWithDefaultPrettyPrinter().writeValue(java.nio.file.Path.of("target", "openapi.json").toFile(), document);
        OpenApiCheck check = OpenApiCheck.of(document);
        assertThat(check.problems()).isEmpty();
        assertThat(check.requestExamples()).extracting(OpenApiCheck.RequestExample::path)
                .contains("/api/v1/sightings", "/api/v1/interceptions", "/api/v1/events/batch", "/api/v1/watchlist/{id}",
                        "/api/v1/tips");
        assertThat(check.examplesChecked()).isGreaterThan(20);
    }

    @Test
    void everyDocumentedRequestExampleIsAcceptedByTheService() throws Exception {
        List<OpenApiCheck.RequestExample> examples = OpenApiCheck.of(document()).requestExamples();
        assertThat(examples).isNotEmpty();
        for (OpenApiCheck.RequestExample example : examples) {
            JsonNode body = withFreshEventIds(example.value());
            String agency = body.path("agency").asText("RMP");
            String path = example.path().replace("{id}", "wl-" + UUID.randomUUID());
            // Tips (#18) are posted with an organisation's key, everything else with an agency's.
            String credential = example.path().equals("/api/v1/tips") ? TipIngestTest.organisationKey("TENAGANITA")
                    : TestCredentials.bearer(agency);
            Response response = given().header("Authorization", credential)
                    .contentType(example.mediaType()).body(body.toString())
                    .when().request(example.method(), path);
            String what = example.method() + " " + example.path() + " example " + example.name() + ": "
                    + response.asString();
            if (example.path().endsWith("/batch")) {
                assertThat(response.statusCode()).as(what).isEqualTo(200);
                assertThat(response.jsonPath().getInt("rejected")).as(what).isZero();
                assertThat(response.jsonPath().getList("results.status", Integer.class)).as(what)
                        .isNotEmpty().containsOnly(202);
            } else {
                assertThat(response.statusCode()).as(what).isEqualTo(202);
            }
        }
    }

    /**
     * An example's expiry must lie in the future for the live post above (and INTEGRATING.md's tested examples) to be
     * a 202: it is fixed far ahead (2099) rather than computed, and this says so decades before it matters instead of
     * on the day it does.
     */
    @Test
    void everyDocumentedExpiryIsDecadesAhead() throws Exception {
        List<String> expiries = new ArrayList<>();
        for (OpenApiCheck.RequestExample example : OpenApiCheck.of(document()).requestExamples()) {
            JsonNode body = example.value().isTextual() ? new ObjectMapper().readTree(example.value().asText())
                    : example.value();
            if (body.has("expiresAt")) {
                expiries.add(body.path("expiresAt").asText());
            }
        }
        assertThat(expiries).as("the watchlist entry example").isNotEmpty();
        Matcher guide = Pattern.compile("\"expiresAt\": \"([^\"]+)\"")
                .matcher(Files.readString(Path.of("..", "docs", "INTEGRATING.md")));
        int before = expiries.size();
        while (guide.find()) {
            expiries.add(guide.group(1));
        }
        assertThat(expiries.size()).as("INTEGRATING.md's watchlist examples").isGreaterThan(before);
        Instant decadesAhead = ZonedDateTime.now(ZoneOffset.UTC).plusYears(20).toInstant();
        for (String expiry : expiries) {
            assertThat(Instant.parse(expiry)).isAfter(decadesAhead);
        }
    }

    @Test
    void theDocumentedVocabulariesAndLimitsAreTheReaders() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(values(schemas.at("/Subject/properties/type/enum"))).isEqualTo(Vocabulary.SUBJECT_TYPES);
        soft.assertThat(values(schemas.at("/Subject/properties/role/enum"))).isEqualTo(Vocabulary.ROLES);
        soft.assertThat(values(schemas.at("/Subject/properties/sex/enum"))).isEqualTo(Vocabulary.SEXES);
        soft.assertThat(values(schemas.at("/Subject/properties/ageBand/enum"))).isEqualTo(Vocabulary.AGE_BANDS);
        soft.assertThat(values(schemas.at("/Indicator/enum"))).isEqualTo(Vocabulary.INDICATORS);
        soft.assertThat(values(schemas.at("/Identifier/properties/scheme/enum"))).isEqualTo(
                Arrays.stream(IdentifierScheme.values()).map(Enum::name).collect(Collectors.toSet()));
        soft.assertThat(values(schemas.at("/WatchlistEntry/properties/severity/enum"))).isEqualTo(Vocabulary.SEVERITIES);
        soft.assertThat(values(schemas.at("/Interception/properties/outcome/enum"))).isEqualTo(Vocabulary.OUTCOMES);
        for (String event : List.of("Sighting", "Interception")) {
            JsonNode properties = schemas.path(event).path("properties");
            soft.assertThat(values(properties.at("/direction/enum"))).as(event).isEqualTo(Vocabulary.DIRECTIONS);
            soft.assertThat(values(properties.at("/handling/enum"))).as(event).isEqualTo(Vocabulary.HANDLING);
            soft.assertThat(values(properties.at("/sourceReliability/enum"))).as(event)
                    .isEqualTo(Vocabulary.SOURCE_RELIABILITY);
            soft.assertThat(properties.at("/subjects/maxItems").asInt()).as(event).isEqualTo(EventReader.MAX_SUBJECTS);
            soft.assertThat(properties.at("/notes/maxLength").asInt()).as(event).isEqualTo(EventReader.MAX_NOTES);
            soft.assertThat(properties.at("/indicators/maxItems").asInt()).as(event)
                    .isEqualTo(Vocabulary.INDICATORS.size() * 2);
        }
        soft.assertThat(schemas.at("/Interception/properties/caseReference/maxLength").asInt())
                .isEqualTo(EventReader.MAX_CASE_REFERENCE);
        soft.assertThat(schemas.at("/Subject/properties/identifiers/maxItems").asInt())
                .isEqualTo(SubjectReader.MAX_IDENTIFIERS);
        soft.assertThat(schemas.at("/Batch/properties/events/maxItems").asInt()).isEqualTo(BatchResource.MAX_ITEMS);
        soft.assertThat(schemas.at("/WatchlistEntry/properties/reason/maxLength").asInt())
                .isEqualTo(WatchlistReader.MAX_REASON);
        soft.assertAll();
    }

    /** A copy with a new UUID for every eventId, so each run writes new events instead of resending old ones. */
    private static JsonNode withFreshEventIds(JsonNode node) {
        JsonNode copy = node.deepCopy();
        replaceEventIds(copy);
        return copy;
    }

    private static void replaceEventIds(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("eventId")) {
            object.put("eventId", UUID.randomUUID().toString());
        }
        node.forEach(OpenApiDocumentTest::replaceEventIds);
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new java.util.HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
