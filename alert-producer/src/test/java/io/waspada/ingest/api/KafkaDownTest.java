package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With no broker to acknowledge, an event is never answered 202: the client gets 503 with Retry-After and a
 * problem saying a resend is safe (single posts and every item of a batch).
 */
@QuarkusTest
@TestProfile(KafkaDownTest.NoBroker.class)
@Timeout(120)
class KafkaDownTest {

    /** Points the service at a port nobody listens on, with short producer timeouts. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    // Nobody listens: any password will do, but the service refuses to start without one.
                    "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                            + "username=\"alert-producer\" password=\"nobody-listens\";",
                    "waspada.producer.max.block.ms", "1500",
                    "waspada.producer.request.timeout.ms", "1000",
                    "waspada.producer.delivery.timeout.ms", "2000");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aSingleEventIs503WithRetryAfter() {
        given().header("Authorization", TestCredentials.bearer("IMMIGRATION")).contentType(ContentType.JSON)
                .body(SampleBodies.sighting().toString()).when().post("/api/v1/sightings")
                .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json")
                .body("title", equalTo("Kafka is unavailable"));
    }

    @Test
    void everyItemOfABatchIs503AndTheAnswerCarriesRetryAfter() {
        var events = JsonNodeFactory.instance.arrayNode()
                .add(SampleBodies.sighting().put("kind", "SIGHTING"))
                .add(SampleBodies.interception().put("kind", "INTERCEPTION").put("agency", "IMMIGRATION"));
        JsonPath result = given().header("Authorization", TestCredentials.bearer("IMMIGRATION")).contentType(ContentType.JSON)
                .body(events.toString()).when().post("/api/v1/events/batch")
                .then().statusCode(200).header("Retry-After", "5").extract().jsonPath();
        assertThat(result.getInt("accepted")).isZero();
        assertThat(result.getList("results.status", Integer.class)).containsExactly(503, 503);
    }
}
