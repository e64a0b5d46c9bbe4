package io.waspada.ingest.followup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.followup.FollowUpRequest;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agency's side of follow-up requests through the real broker and HTTP: the notifier's request state is read from
 * {@code tip.follow-ups.v1}; only the owning agency lists, answers or declines it (a third agency gets 404 and never
 * sees it); a reply is on {@code tip.follow-up-answers.v1} with the credential's agency before the 202, identifiers
 * masked; a closed request (or one already replied to) is a 409; bad replies are 422 naming the field.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class AgencyFollowUpTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void onlyTheOwnerSeesAnswersAndDeclinesItsRequestsAndAClosedOneIsRefused() throws Exception {
        FollowUpRequest asked = plant("IMMIGRATION", FollowUpRequest.Status.OPEN);
        String id = asked.requestId();
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(list("IMMIGRATION", null)).contains(id));
        list("IMMIGRATION", null).then().statusCode(200)
                .body("find { it.requestId == '" + id + "' }.question", equalTo(asked.question()))
                .body("find { it.requestId == '" + id + "' }.eventId", equalTo(asked.eventId()));
        String own = list("IMMIGRATION", null).asString();
        assertThat(own).doesNotContain("officer.north").doesNotContain("handledAnswers");

        // A third agency never sees it, not even that it exists.
        assertThat(ids(list("RMP", null))).doesNotContain(id);
        given().header("Authorization", TestCredentials.bearer("RMP")).get("/api/v1/requests/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        reply("RMP", id, "answer", "{\"text\":\"not ours\"}").then().statusCode(404);
        reply("RMP", id, "decline", "{\"reason\":\"not ours\"}").then().statusCode(404);

        // Bad replies name the field; nothing is written.
        reply("IMMIGRATION", id, "answer", "{}").then().statusCode(422)
                .body("violations.field", hasItem("text"));
        reply("IMMIGRATION", id, "answer", "{\"text\":\"x\",\"fields\":{\"boat\":7}}").then().statusCode(422)
                .body("violations.field", hasItem("fields.boat"));
        reply("IMMIGRATION", id, "answer", "{\"text\":\"" + "x".repeat(4001) + "\"}").then().statusCode(422)
                .body("violations.rule", hasItem("max-length"));

        reply("IMMIGRATION", id, "answer",
                "{\"text\":\"Entered with passport A12345678 at 03:10\",\"fields\":{\"gate\":\"B4\",\"sponsor\":\"PT Maju\"}}")
                .then().statusCode(202).body("requestId", equalTo(id)).body("kind", equalTo("ANSWER"));
        // Replied once: a second reply is refused at once, before the notifier has closed it.
        reply("IMMIGRATION", id, "answer", "{\"text\":\"again\"}").then().statusCode(409)
                .contentType("application/problem+json");
        reply("IMMIGRATION", id, "decline", "{\"reason\":\"changed our mind\"}").then().statusCode(409);
        assertThat(ids(list("IMMIGRATION", "OPEN"))).doesNotContain(id);

        List<ConsumerRecord<String, String>> answers = TopicClients.readUntil(SharedKafka.connection(),
                Topics.FOLLOW_UP_ANSWERS, rs -> rs.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(20));
        List<FollowUpAnswer> mine = answers.stream().filter(r -> id.equals(r.key())).map(r -> read(r.value())).toList();
        assertThat(mine).singleElement().satisfies(a -> {
            assertThat(a.agency()).isEqualTo("IMMIGRATION");
            assertThat(a.kind()).isEqualTo(FollowUpAnswer.Kind.ANSWER);
            assertThat(a.text()).doesNotContain("A12345678").contains("03:10");
            assertThat(a.fields()).containsEntry("gate", "B4").containsEntry("sponsor", "PT Maju");
        });

        // A request the notifier has closed is refused too.
        FollowUpRequest closed = plant("IMMIGRATION", FollowUpRequest.Status.DECLINED);
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(list("IMMIGRATION", null)).contains(closed.requestId()));
        reply("IMMIGRATION", closed.requestId(), "answer", "{\"text\":\"late\"}").then().statusCode(409);
    }

    @Test
    void theOwnerDeclinesWithAReason() {
        FollowUpRequest asked = plant("MMEA", FollowUpRequest.Status.OPEN);
        String id = asked.requestId();
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(list("MMEA", "OPEN")).contains(id));
        reply("MMEA", id, "decline", "{}").then().statusCode(422).body("violations.field", hasItem("reason"));
        reply("MMEA", id, "decline", "{\"reason\":\"Under H0 restriction: ask through liaison\"}").then().statusCode(202)
                .body("kind", equalTo("DECLINE"));
        List<ConsumerRecord<String, String>> answers = TopicClients.readUntil(SharedKafka.connection(),
                Topics.FOLLOW_UP_ANSWERS, rs -> rs.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(20));
        assertThat(answers.stream().filter(r -> id.equals(r.key())).map(r -> read(r.value())).toList())
                .singleElement().satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(FollowUpAnswer.Kind.DECLINE);
                    assertThat(a.reason()).isEqualTo("Under H0 restriction: ask through liaison");
                    assertThat(a.agency()).isEqualTo("MMEA");
                });
    }

    @Test
    void theListComesAPageAtATimeNewestFirstFollowingTheNextLinkAndBadPagingNamesTheField() {
        List<String> planted = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            planted.add(0, plant("LABOUR", FollowUpRequest.Status.OPEN).requestId());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(list("LABOUR", null)).containsAll(planted));
        List<String> all = ids(list("LABOUR", null));
        List<String> paged = new java.util.ArrayList<>();
        Response page = given().header("Authorization", TestCredentials.bearer("LABOUR")).queryParam("limit", 2)
                .get("/api/v1/requests");
        int pages = 1;
        while (true) {
            page.then().statusCode(200);
            assertThat(ids(page)).hasSizeLessThanOrEqualTo(2);
            paged.addAll(ids(page));
            String link = page.header("Link");
            if (link == null) {
                break;
            }
            assertThat(link).startsWith("</api/v1/requests?limit=2&cursor=").endsWith(">; rel=\"next\"");
            page = given().header("Authorization", TestCredentials.bearer("LABOUR"))
                    .get(link.substring(1, link.indexOf('>')));
            pages++;
        }
        assertThat(paged).as("every request once, newest first, as the whole list").isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 1) / 2);
        assertThat(paged.subList(0, 5)).isEqualTo(planted);

        for (String limit : List.of("0", "201", "ten")) {
            given().header("Authorization", TestCredentials.bearer("LABOUR")).queryParam("limit", limit)
                    .get("/api/v1/requests").then().statusCode(422).contentType("application/problem+json")
                    .body("violations.field", hasItem("limit"));
        }
        given().header("Authorization", TestCredentials.bearer("LABOUR")).queryParam("cursor", "not-ours")
                .get("/api/v1/requests").then().statusCode(422).body("violations.field", hasItem("cursor"));
    }

    @Test
    void aRequestTheNotifierTombstonesIsGoneForTheAgency() throws Exception {
        FollowUpRequest asked = plant("CUSTOMS", FollowUpRequest.Status.ANSWERED);
        String id = asked.requestId();
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(list("CUSTOMS", null)).contains(id));
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(), Topics.FOLLOW_UPS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UPS.name(), id, null)).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !ids(list("CUSTOMS", null)).contains(id));
        given().header("Authorization", TestCredentials.bearer("CUSTOMS")).get("/api/v1/requests/" + id)
                .then().statusCode(404);
        reply("CUSTOMS", id, "answer", "{\"text\":\"late\"}").then().statusCode(404);
    }

    private static FollowUpRequest plant(String agency, FollowUpRequest.Status status) {
        Instant now = Instant.now();
        FollowUpRequest request = new FollowUpRequest(UUID.randomUUID().toString(), "alert-" + UUID.randomUUID(),
                "WATCHLIST_HIT", "HIGH", "H1", "ev-" + UUID.randomUUID(), agency, "Who was travelling with her?",
                "Possible facilitator", FollowUpRequest.Urgency.NORMAL, "NORTH", "officer.north", now,
                now.plus(Duration.ofHours(72)), status, null,
                status == FollowUpRequest.Status.DECLINED ? "no" : null, null, null, null, List.of());
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(), Topics.FOLLOW_UPS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UPS.name(), request.requestId(),
                    JSON.writeValueAsString(request))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return request;
    }

    private static FollowUpAnswer read(String json) {
        try {
            return JSON.readValue(json, FollowUpAnswer.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response list(String agency, String status) {
        var request = given().header("Authorization", TestCredentials.bearer(agency));
        if (status != null) {
            request = request.queryParam("status", status);
        }
        return request.get("/api/v1/requests");
    }

    private static List<String> ids(Response response) {
        return response.jsonPath().getList("requestId", String.class);
    }

    private static Response reply(String agency, String id, String what, String body) {
        return given().header("Authorization", TestCredentials.bearer(agency)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/requests/" + id + "/" + what);
    }
}
