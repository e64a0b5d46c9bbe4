package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One officer asks at most waspada.follow-up.ask.per-hour (20) follow-up requests an hour, across alerts: the next is a
 * 429 problem with Retry-After, nothing is asked, and the refusal is on the access audit once per refusal window;
 * another officer of the same task force still asks.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
class FollowUpAskLimitTest {

    @Test
    void theTwentyFirstAskInAnHourIsRefusedAuditedOnceAndWritesNothing() {
        String username = uniqueId("officer.limit");
        String busy = token(username, "NORTH", "officer");
        String first = uniqueId("fu-limit-a");
        String second = uniqueId("fu-limit-b");
        for (String id : new String[] {first, second}) {
            send(alert(id, 1, "KEDAH", Severity.MEDIUM, uniqueId("tok"), Handling.H1));
            await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(busy).get("/api/v1/alerts/" + id)
                    .statusCode() == 200);
        }
        for (int i = 0; i < 20; i++) {
            ask(busy, i % 2 == 0 ? first : second).then().statusCode(201);
        }
        Response refused = ask(busy, first);
        refused.then().statusCode(429).contentType("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3500L, 3600L);
        ask(busy, second).then().statusCode(429);
        assertThat(given().auth().oauth2(busy).get("/api/v1/alerts/" + first + "/requests").jsonPath()
                .getList("requestId")).as("nothing asked").hasSize(10);
        assertThat(given().auth().oauth2(busy).get("/api/v1/alerts/" + second + "/requests").jsonPath()
                .getList("requestId")).hasSize(10);

        ask(token(uniqueId("officer.other"), "NORTH", "officer"), first).then().statusCode(201);

        var audited = TopicClients.readUntil(SharedKafka.connection(), Topics.ACCESS_AUDIT, records -> false,
                Duration.ofSeconds(5)).stream().filter(r -> username.equals(r.key()))
                .filter(r -> r.value().contains("follow-up.ask-limit")).toList();
        assertThat(audited).as("two refusals in one window: audited once").hasSize(1);
        assertThat(audited.get(0).value()).contains(first);
    }

    private static Response ask(String token, String alertId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("eventId", "ev-" + alertId + "-1",
                "question", "Who sponsored her?", "reason", "Labour case", "urgency", "NORMAL"))
                .post("/api/v1/alerts/" + alertId + "/requests");
    }
}
