package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waspada.avro.Interception;
import io.waspada.avro.Outcome;
import io.waspada.avro.Sighting;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.topics.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Single-event ingest against the real broker: 202 only after the write, idempotent resends, 403/409 write nothing. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class EventIngestTest {

    static Response post(String path, String agency, ObjectNode body) {
        return given().header("Authorization", TestCredentials.bearer(agency)).contentType(ContentType.JSON)
                .body(body.toString()).when().post(path);
    }

    @Test
    void sightingIsAcceptedAfterTheBrokerWroteItWithTokensInsteadOfValues() {
        ObjectNode body = SampleBodies.sighting();
        String eventId = body.get("eventId").asText();
        Response response = post("/api/v1/sightings", "IMMIGRATION", body);
        response.then().statusCode(202).body("eventId", equalTo(eventId)).body("topic", equalTo(Topics.SIGHTINGS.name()))
                .body("partition", notNullValue()).body("offset", notNullValue()).body("duplicate", equalTo(false));

        ConsumerRecord<String, Sighting> record = only(TopicScan.all(Topics.SIGHTINGS), eventId);
        assertThat(record.partition()).isEqualTo(response.jsonPath().getInt("partition"));
        assertThat(record.offset()).isEqualTo(response.jsonPath().getLong("offset"));
        Sighting sighting = record.value();
        assertThat(sighting.getAgency()).isEqualTo("IMMIGRATION");
        assertThat(sighting.getReceivedAt()).isNotNull();
        assertThat(sighting.getSubjects()).hasSize(3);
        var passport = sighting.getSubjects().get(0).getIdentifiers().get(0);
        assertThat(passport.getScheme()).isEqualTo("PASSPORT");
        assertThat(passport.getKeyId()).isEqualTo("test");
        assertThat(passport.getToken()).matches("[A-Za-z0-9_-]{43}").doesNotContain(SampleBodies.PASSPORT);
        assertThat(sighting.getIndicators()).containsExactly("DOCUMENTS_HELD_BY_THIRD_PARTY", "UNACCOMPANIED_MINOR");
    }

    /** A raw identifier typed into free text is masked before it reaches Kafka, and counted. */
    @Test
    void identifiersTypedIntoFreeTextNeverReachTheTopic() {
        ObjectNode body = SampleBodies.interception();
        body.put("notes", "Minor said agent " + SampleBodies.PHONE + " kept passport " + SampleBodies.PASSPORT);
        body.put("caseReference", "RMP/KDH/" + SampleBodies.MMSI);
        String eventId = body.get("eventId").asText();
        double before = masked("notes", "passport");
        post("/api/v1/interceptions", "RMP", body).then().statusCode(202);

        Interception interception = only(TopicScan.all(Topics.INTERCEPTIONS), eventId).value();
        assertThat(interception.getNotes()).isEqualTo("Minor said agent [masked-phone] kept passport [masked-passport]");
        assertThat(interception.getCaseReference()).isEqualTo("RMP/KDH/[masked-mmsi]");
        assertThat(masked("notes", "passport")).isEqualTo(before + 1);
    }

    private static double masked(String field, String kind) {
        String series = "waspada_free_text_masked_total{field=\"" + field + "\",kind=\"" + kind + "\"} ";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series)).mapToDouble(line -> Double.parseDouble(line.substring(series.length())))
                .findFirst().orElse(0);
    }

    @Test
    void interceptionCarriesOutcomeCountAndEvaluationCodes() {
        ObjectNode body = SampleBodies.interception();
        body.remove("agency");
        String eventId = body.get("eventId").asText();
        post("/api/v1/interceptions", "RMP", body).then().statusCode(202).body("topic", equalTo(Topics.INTERCEPTIONS.name()));

        Interception interception = only(TopicScan.all(Topics.INTERCEPTIONS), eventId).value();
        assertThat(interception.getAgency()).isEqualTo("RMP");
        assertThat(interception.getOutcome()).isEqualTo(Outcome.RESCUED);
        assertThat(interception.getPersonsCount()).isEqualTo(3);
        assertThat(interception.getHandling().name()).isEqualTo("H2");
        assertThat(interception.getSourceReliability()).isEqualTo("B");
        assertThat(interception.getInformationAccuracy()).isEqualTo(2);
        assertThat(interception.getCaseReference()).isEqualTo("RMP/KDH/2026/0142");
        assertThat(interception.getFlags()).isEmpty();
    }

    /** Jurisdiction flags reach the topic as given, each set by the caller's agency (the body cannot name another). */
    @Test
    void jurisdictionFlagsAreWrittenWithTheCallersAgency() {
        ObjectNode body = SampleBodies.interception();
        body.remove("agency");
        body.putArray("flags").addObject().put("kind", "INFORM_ONLY").put("jurisdiction", "ID");
        body.withArray("flags").addObject().put("kind", "COVERT");
        String eventId = body.get("eventId").asText();
        post("/api/v1/interceptions", "MMEA", body).then().statusCode(202);

        Interception interception = only(TopicScan.all(Topics.INTERCEPTIONS), eventId).value();
        assertThat(interception.getFlags()).extracting(f -> f.getKind().name(), f -> f.getJurisdiction(),
                f -> f.getAgency()).containsExactly(tuple("INFORM_ONLY", "ID", "MMEA"), tuple("COVERT", null, "MMEA"));
    }

    @Test
    void resendingTheSameEventIsAcceptedAsADuplicateAndWrittenOnce() {
        ObjectNode body = SampleBodies.sighting();
        String eventId = body.get("eventId").asText();
        Response first = post("/api/v1/sightings", "IMMIGRATION", body);
        first.then().statusCode(202).body("duplicate", equalTo(false));
        post("/api/v1/sightings", "IMMIGRATION", body).then().statusCode(202)
                .body("duplicate", equalTo(true))
                .body("offset", equalTo(first.jsonPath().getInt("offset")));

        only(TopicScan.all(Topics.SIGHTINGS), eventId);
    }

    @Test
    void aDifferentEventUnderAnAcceptedEventIdIsAConflict() {
        ObjectNode body = SampleBodies.sighting();
        post("/api/v1/sightings", "IMMIGRATION", body).then().statusCode(202);
        body.put("notes", "something else");
        post("/api/v1/sightings", "IMMIGRATION", body).then().statusCode(409)
                .contentType("application/problem+json").body("title", equalTo("eventId already used"));
    }

    @Test
    void aBodyNamingAnotherAgencyIsForbiddenAndNothingIsWritten() {
        ObjectNode body = SampleBodies.sighting();
        body.put("agency", "RMP");
        post("/api/v1/sightings", "IMMIGRATION", body).then().statusCode(403)
                .contentType("application/problem+json").body("violations.field", hasItem("agency"));
        assertThat(TopicScan.all(Topics.SIGHTINGS)).noneMatch(r -> r.key().equals(body.get("eventId").asText()));
    }

    @Test
    void aJwtFromTheAgencyIdentityProviderAuthenticatesItsAgency() {
        ObjectNode body = SampleBodies.interception();
        body.put("agency", "MMEA");
        given().header("Authorization", "Bearer " + TestCredentials.jwt("MMEA")).contentType(ContentType.JSON)
                .body(body.toString()).when().post("/api/v1/interceptions").then().statusCode(202);
        assertThat(only(TopicScan.all(Topics.INTERCEPTIONS), body.get("eventId").asText()).value().getAgency())
                .isEqualTo("MMEA");
    }

    static <V> ConsumerRecord<String, V> only(List<ConsumerRecord<String, V>> records, String eventId) {
        List<ConsumerRecord<String, V>> matching = records.stream().filter(r -> r.key().equals(eventId)).toList();
        assertThat(matching).as("records keyed " + eventId).hasSize(1);
        return matching.get(0);
    }
}
