package io.waspada.correlation;

import static io.restassured.RestAssured.given;
import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.waspada.avro.Handling;
import io.waspada.avro.Sighting;
import io.waspada.correlation.testing.Officers;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.testing.BadTokens;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read an identifier's timeline, and what they see: every endpoint refuses a missing or bad officer token,
 * the timeline needs the investigator role, shows only evidence and alerts within the caller's handling clearance,
 * and every answer is on the access audit (tip.access-audit.v1) with what was shown and withheld.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "stream-processor"))
@Timeout(180)
class TimelineAccessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final List<String> ENDPOINTS = List.of("/api/v1/entities/Pabc/timeline", "/api/v1/rules");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KafkaStreams streams;

    private final KafkaConnection kafka = SharedKafka.connection();
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void streamsRunning() {
        await().atMost(DEADLINE).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    static List<BadTokens.BadToken> badTokens() {
        return BadTokens.of(Officers.privateKey(), Officers.publicKeyPem(), Officers.ISSUER, Officers.AUDIENCE,
                Officers.claims("officer.north", "NORTH", List.of("officer", "investigator", "ops", "admin"),
                        List.of("H0", "H1", "H2", "H3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void everyEndpointRefusesIt(BadTokens.BadToken bad) {
        for (String endpoint : ENDPOINTS) {
            RequestSpecification request = given();
            if (bad.token() != null) {
                request = request.header("Authorization", "Bearer " + bad.token());
            }
            var answer = request.get(endpoint);
            assertThat(answer.statusCode()).as("%s on %s", bad.name(), endpoint).isEqualTo(401);
            assertThat(answer.contentType()).as("%s on %s", bad.name(), endpoint).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getInt("status")).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).as("%s on %s", bad.name(), endpoint).startsWith("Bearer");
        }
    }

    @Test
    void aTokenForTheNotifierOnlyIsRefused() throws Exception {
        String notifierOnly = BadTokens.rs256(Officers.privateKey(), Officers.ISSUER, "waspada-notifier",
                Officers.claims("officer.north", "NORTH", List.of("investigator"), List.of("H0")), Duration.ofHours(1));
        given().header("Authorization", "Bearer " + notifierOnly).get(ENDPOINTS.get(0)).then().statusCode(401);
    }

    @Test
    void opsMayReadTheRulesButNotAPersonsTimeline() {
        String ops = Officers.token("ops", "NTF_HQ", List.of("ops", "officer"), List.of("H0", "H1", "H2", "H3"));
        given().header("Authorization", "Bearer " + ops).get("/api/v1/rules").then().statusCode(200);
        given().header("Authorization", "Bearer " + ops).get(ENDPOINTS.get(0)).then().statusCode(403);
    }

    @Test
    void theTimelineShowsOnlyWhatTheCallerIsClearedForAndEveryAnswerIsAudited() throws Exception {
        String token = "A" + run;
        Sighting restricted = sighting("r2-" + run, "IMMIGRATION", now, TEBEDU, person(passport(token)));
        restricted.setHandling(Handling.H3);
        send(sighting("r1-" + run, "ID_IMIGRASI", now.minusSeconds(3600), ENTIKONG, person(passport(token))),
                restricted);
        String cleared = Officers.token("officer.hq." + run, "NTF_HQ", List.of("officer", "investigator"),
                List.of("H0", "H1", "H2", "H3"));
        String border = Officers.token("officer.north." + run, "LAND_NORTH", List.of("officer", "investigator"),
                List.of("H0", "H1"));
        String noClaim = Officers.token("officer.plain." + run, "LAND_NORTH", List.of("investigator"), null);

        JsonPath full = await().atMost(DEADLINE).until(() -> timeline(cleared, token),
                answer -> answer.getList("events").size() == 2 && answer.getList("alerts").size() == 1);
        assertThat(full.getString("alerts[0].handling")).isEqualTo("H3");

        JsonPath partial = timeline(border, token);
        assertThat(partial.getList("events.eventId")).containsExactly("r1-" + run);
        assertThat(partial.getList("alerts")).as("an alert carrying H3 evidence is H3").isEmpty();
        assertThat(timeline(noClaim, token).getList("events")).as("no handling claim: H0 only").isEmpty();

        List<JsonNode> audit = auditOf(token, 3);
        JsonNode borderRead = audit.stream().filter(r -> r.path("actor").asText().equals("officer.north." + run))
                .findFirst().orElseThrow();
        assertThat(borderRead.path("service").asText()).isEqualTo("stream-processor");
        assertThat(borderRead.path("action").asText()).isEqualTo("ENTITY_TIMELINE");
        assertThat(borderRead.path("taskForce").asText()).isEqualTo("LAND_NORTH");
        assertThat(borderRead.path("cleared").toString()).isEqualTo("[\"H0\",\"H1\"]");
        assertThat(borderRead.path("shown").asInt()).isEqualTo(1);
        assertThat(borderRead.path("withheld").asInt()).isEqualTo(2);
        assertThat(borderRead.path("outcome").asText()).isEqualTo("SERVED");
        assertThat(borderRead.path("at").asText()).isNotBlank();
        assertThat(audit).filteredOn(r -> r.path("actor").asText().equals("officer.hq." + run))
                .as("every answer, also the ones polled while the alert formed").isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("withheld").asInt()).isZero());
    }

    /** The kinds of caller of the access matrix, with the clearances the demo officers have. */
    private enum Caller {
        OTHER_TASK_FORCE("officer of another task force", "officer.labour", "LABOUR_INSPECTORATE",
                List.of("officer", "investigator"), List.of("H0", "H1")),
        OFFICER("officer", "officer.north", "LAND_NORTH", List.of("officer", "investigator"), List.of("H0", "H1", "H2")),
        LEAD("lead", "lead.north", "LAND_NORTH", List.of("officer", "lead", "investigator"), List.of("H0", "H1", "H2")),
        OPS("ops", "ops", "NTF_HQ", List.of("ops", "officer"), List.of("H0", "H1", "H2", "H3")),
        ADMIN("admin", "admin", "NTF_HQ", List.of("admin"), List.of("H0", "H1", "H2", "H3"));

        final String label;
        final String token;
        final List<String> cleared;
        final boolean investigates;

        Caller(String label, String username, String taskForce, List<String> roles, List<String> cleared) {
            this.label = label;
            this.token = Officers.token(username, taskForce, roles, cleared);
            this.cleared = cleared;
            this.investigates = roles.contains("investigator") || roles.contains("admin");
        }
    }

    @Test
    void theAccessMatrixHoldsCellByCell() {
        // One identifier seen four times, once at each handling code.
        String subject = "M" + run;
        List<Handling> codes = List.of(Handling.H0, Handling.H1, Handling.H2, Handling.H3);
        Sighting[] events = new Sighting[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            events[i] = sighting("m-" + codes.get(i) + "-" + run, "IMMIGRATION", now.minusSeconds(3600L * (i + 1)),
                    ENTIKONG, person(passport(subject)));
            events[i].setHandling(codes.get(i));
        }
        send(events);
        await().atMost(DEADLINE).until(() -> timeline(Caller.ADMIN.token, subject).getList("events").size() == 4);

        List<io.waspada.testing.AccessMatrix.Cell> cells = new java.util.ArrayList<>();
        for (Caller caller : Caller.values()) {
            var answer = given().header("Authorization", "Bearer " + caller.token)
                    .get("/api/v1/entities/" + subject + "/timeline");
            List<String> shown = answer.statusCode() == 200 ? answer.jsonPath().getList("events.handling") : List.of();
            for (Handling code : codes) {
                String expected = !caller.investigates ? "403" : caller.cleared.contains(code.name()) ? "200 shown" : "200 withheld";
                String actual = answer.statusCode() != 200 ? Integer.toString(answer.statusCode())
                        : shown.contains(code.name()) ? "200 shown" : "200 withheld";
                cells.add(new io.waspada.testing.AccessMatrix.Cell("GET /api/v1/entities/{token}/timeline", caller.label,
                        code.name(), expected, actual));
            }
        }
        for (Caller caller : Caller.values()) {
            cells.add(new io.waspada.testing.AccessMatrix.Cell("GET /api/v1/rules", caller.label,
                    io.waspada.testing.AccessMatrix.NOT_APPLICABLE, "200", Integer.toString(given()
                            .header("Authorization", "Bearer " + caller.token).get("/api/v1/rules").statusCode())));
        }
        io.waspada.testing.AccessMatrix.verify("stream-processor", """
                ### stream-processor

                One identifier with four pieces of evidence, one at each handling code. The timeline is not per task
                force: it shows what the caller's `handling` claim clears and needs the investigator role (or admin).
                Callers carry the demo officers' clearances: another task force's officer (LABOUR_INSPECTORATE, H0-H1),
                an officer and a lead of LAND_NORTH (H0-H2), ops and an admin (NTF_HQ, H0-H3). Every answer is written
                to `tip.access-audit.v1` first. Generated by `TimelineAccessTest`; no token at all is a `401`.""", cells);
    }

    private JsonPath timeline(String officerToken, String token) {
        return given().header("Authorization", "Bearer " + officerToken)
                .get("/api/v1/entities/" + token + "/timeline").then().statusCode(200).extract().jsonPath();
    }

    private List<JsonNode> auditOf(String token, int atLeast) {
        List<ConsumerRecord<String, String>> records = TopicClients.readUntil(kafka, Topics.ACCESS_AUDIT,
                read -> read.stream().filter(r -> r.value().contains("\"" + token + "\"")).count() >= atLeast,
                DEADLINE);
        return records.stream().map(r -> parse(r.value())).filter(r -> token.equals(r.path("subject").asText()))
                .toList();
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(Sighting... events) {
        try (KafkaProducer<String, Sighting> producer = TopicClients.producer(kafka, Topics.SIGHTINGS)) {
            for (Sighting event : events) {
                producer.send(new ProducerRecord<>(Topics.SIGHTINGS.name(), event.getEventId(), event));
            }
        }
    }
}
