package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waspada.avro.EventSource;
import io.waspada.avro.Handling;
import io.waspada.avro.Sighting;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Civil-society tips (#18) against the real broker: an organisation's own key, a low-reliability sighting marked TIP
 * with tokens and scrubbed notes, idempotent resends, each credential kind refused on the other's endpoints, what
 * Waspada sets refused in the body, bad input naming the field, and the rate limit per organisation; nothing refused
 * is written.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class TipIngestTest {

    /** The %test profile's organisation keys. */
    static String organisationKey(String organisation) {
        return "Bearer test-org-key-" + organisation;
    }

    static ObjectNode tip() {
        ObjectNode body = SampleBodies.sighting();
        for (String set : new String[] {"agency", "handling", "sourceReliability", "informationAccuracy"}) {
            body.remove(set);
        }
        return body;
    }

    static Response post(String authorization, String path, ObjectNode body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body.toString())
                .when().post(path);
    }

    @Test
    void aTipIsWrittenAsALowReliabilitySightingFromTheOrganisationWithTokensAndScrubbedNotes() {
        ObjectNode body = tip();
        body.put("notes", "Caller says the agent on " + SampleBodies.PHONE + " keeps passport " + SampleBodies.PASSPORT);
        String eventId = body.get("eventId").asText();
        post(organisationKey("TENAGANITA"), "/api/v1/tips", body).then().statusCode(202)
                .body("eventId", equalTo(eventId)).body("topic", equalTo(Topics.SIGHTINGS.name()))
                .body("duplicate", equalTo(false));

        Sighting sighting = EventIngestTest.only(TopicScan.all(Topics.SIGHTINGS), eventId).value();
        assertThat(sighting.getSource()).isEqualTo(EventSource.TIP);
        assertThat(sighting.getAgency()).isEqualTo("TENAGANITA");
        assertThat(sighting.getSourceReliability()).isEqualTo("X");
        assertThat(sighting.getInformationAccuracy()).isEqualTo(4);
        assertThat(sighting.getHandling()).isEqualTo(Handling.H1);
        assertThat(sighting.getFlags()).isEmpty();
        var passport = sighting.getSubjects().get(0).getIdentifiers().get(0);
        assertThat(passport.getToken()).matches("[A-Za-z0-9_-]{43}").doesNotContain(SampleBodies.PASSPORT);
        assertThat(sighting.getNotes()).isEqualTo("Caller says the agent on [masked-phone] keeps passport [masked-passport]");
        assertThat(sighting.toString()).doesNotContain(SampleBodies.PASSPORT).doesNotContain("812-3456");
    }

    @Test
    void anAgencysEventIsMarkedAsAnAgencys() {
        ObjectNode body = SampleBodies.sighting();
        String eventId = body.get("eventId").asText();
        EventIngestTest.post("/api/v1/sightings", "IMMIGRATION", body).then().statusCode(202);
        assertThat(EventIngestTest.only(TopicScan.all(Topics.SIGHTINGS), eventId).value().getSource())
                .isEqualTo(EventSource.AGENCY);
    }

    @Test
    void resendingATipIsADuplicateAndOtherContentUnderItsEventIdAConflict() {
        ObjectNode body = tip();
        String eventId = body.get("eventId").asText();
        Response first = post(organisationKey("HOTLINE_MY"), "/api/v1/tips", body);
        first.then().statusCode(202).body("duplicate", equalTo(false));
        post(organisationKey("HOTLINE_MY"), "/api/v1/tips", body).then().statusCode(202)
                .body("duplicate", equalTo(true)).body("offset", equalTo(first.jsonPath().getInt("offset")));
        body.put("notes", "something else");
        post(organisationKey("HOTLINE_MY"), "/api/v1/tips", body).then().statusCode(409)
                .contentType("application/problem+json");
        EventIngestTest.only(TopicScan.all(Topics.SIGHTINGS), eventId);
    }

    @Test
    void anAgencyKeyIsNoOrganisationsAndAnOrganisationKeyNoAgencys() {
        ObjectNode body = tip();
        String eventId = body.get("eventId").asText();
        post(TestCredentials.bearer("IMMIGRATION"), "/api/v1/tips", body).then().statusCode(401)
                .contentType("application/problem+json");
        post("Bearer " + TestCredentials.jwt("IMMIGRATION"), "/api/v1/tips", body).then().statusCode(401);
        post(TestCredentials.bearer("IMMIGRATION"), "/api/v1/tips/", body).then().statusCode(401);
        given().contentType(ContentType.JSON).body(body.toString()).post("/api/v1/tips").then().statusCode(401);

        ObjectNode sighting = SampleBodies.sighting();
        sighting.remove("agency");
        post(organisationKey("TENAGANITA"), "/api/v1/sightings", sighting).then().statusCode(401);
        post(organisationKey("TENAGANITA"), "/api/v1/interceptions", SampleBodies.interception()).then().statusCode(401);
        assertThat(TopicScan.all(Topics.SIGHTINGS)).noneMatch(r -> r.key().equals(eventId)
                || r.key().equals(sighting.get("eventId").asText()));
    }

    @Test
    void whatWaspadaSetsForATipIsRefusedNamingEachFieldAndNothingIsWritten() {
        ObjectNode body = tip();
        body.put("sourceReliability", "A");
        body.put("informationAccuracy", 1);
        body.put("agency", "IMMIGRATION");
        body.put("handling", "H0");
        body.putArray("flags").addObject().put("kind", "COVERT");
        body.put("colour", "red");
        String eventId = body.get("eventId").asText();
        post(organisationKey("TENAGANITA"), "/api/v1/tips", body).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("sourceReliability", "informationAccuracy", "agency", "handling",
                        "flags", "colour"))
                .body("violations.rule", hasItems("set-by-waspada", "unknown-field"));
        assertThat(TopicScan.all(Topics.SIGHTINGS)).noneMatch(r -> r.key().equals(eventId));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        ObjectNode body = tip();
        body.remove("location");
        ((ObjectNode) body.withArray("subjects").get(0).withArray("identifiers").get(0)).put("value", "!!");
        String eventId = body.get("eventId").asText();
        post(organisationKey("TENAGANITA"), "/api/v1/tips", body).then().statusCode(422)
                .body("violations.field", hasItems("location", "subjects[0].identifiers[0].value"));
        ObjectNode many = tip();
        for (int i = 0; i < 10; i++) {
            many.withArray("subjects").addObject().put("type", "PERSON");
        }
        post(organisationKey("TENAGANITA"), "/api/v1/tips", many).then().statusCode(422)
                .body("violations.field", hasItem("subjects"));
        given().header("Authorization", organisationKey("TENAGANITA")).contentType(ContentType.JSON).body("{\"eventId\":")
                .post("/api/v1/tips").then().statusCode(400).contentType("application/problem+json");
        assertThat(TopicScan.all(Topics.SIGHTINGS)).noneMatch(r -> r.key().equals(eventId));
    }

    @Test
    void anOrganisationOverItsRateIsAnswered429WithRetryAfterAndOthersAreNot() {
        Response refused = null;
        for (int i = 0; i < 80 && refused == null; i++) {
            Response answer = post(organisationKey("RATE_PROBE"), "/api/v1/tips", tip());
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                assertThat(answer.statusCode()).isEqualTo(202);
            }
        }
        assertThat(refused).as("a 429 within 80 quick tips (burst 40, 2 a second)").isNotNull();
        refused.then().contentType("application/problem+json").body("status", equalTo(429));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        post(organisationKey("TENAGANITA"), "/api/v1/tips", tip()).then().statusCode(202);
    }

    @Test
    void aTipOver64KiBIsRefused413BeforeItIsBufferedDeclaredOrChunkedAndNothingIsWritten() throws Exception {
        ObjectNode body = tip();
        body.put("notes", "x".repeat(TipResource.MAX_BODY_BYTES));
        String eventId = body.get("eventId").asText();
        // Declared: refused on its Content-Length, before the body is read.
        post(organisationKey("TENAGANITA"), "/api/v1/tips", body).then().statusCode(413)
                .contentType("application/problem+json").body("type", endsWith("/body-too-large"));

        // Chunked (no Content-Length): refused once the read passes 64 KiB.
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> chunked = chunked(() -> new java.io.ByteArrayInputStream(bytes));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(chunked.body()).contains("body-too-large");

        // A chunked body far past the service's 4 MiB backstop still gets the tip's own problem: it was never
        // buffered whole (a buffered one would have hit the backstop's plain 413 first).
        java.net.http.HttpResponse<String> endless = chunked(() -> new java.io.InputStream() {
            private long left = 6L * 1024 * 1024;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(into, offset, offset + n, (byte) ' ');
                left -= n;
                return n;
            }
        });
        assertThat(endless.statusCode()).isEqualTo(413);
        assertThat(endless.body()).contains("body-too-large");
        assertThat(TopicScan.all(Topics.SIGHTINGS)).noneMatch(r -> r.key().equals(eventId));
        // A tip within the limit sent chunked is taken as any other.
        ObjectNode small = tip();
        byte[] smallBytes = small.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(chunked(() -> new java.io.ByteArrayInputStream(smallBytes)).statusCode()).isEqualTo(202);
    }

    /** POSTs a tip from {@code body} without Content-Length (chunked transfer encoding). */
    private static java.net.http.HttpResponse<String> chunked(java.util.function.Supplier<java.io.InputStream> body)
            throws Exception {
        java.net.URI uri = java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/tips");
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(uri)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Authorization", organisationKey("TENAGANITA")).header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(30))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(body)).build();
        return java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
