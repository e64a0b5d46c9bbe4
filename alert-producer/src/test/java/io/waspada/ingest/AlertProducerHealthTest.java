package io.waspada.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.kafka.local.KafkaTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service starts against the real in-process broker and says so on its health and metrics endpoints. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class AlertProducerHealthTest {

    @Test
    void isReadyWithKafkaReachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka connection health check"))
                .body(containsString("watchlist view loaded"));
    }

    @Test
    void isAliveWithItsKafkaDoorOpen() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("kafka-door"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                // The producer's own Kafka metrics, independent of any other service (ops dashboards, alert rules).
                .body(containsString("kafka_producer_record_error_rate"))
                // The Kafka door's reports, per agency, at zero from the start.
                .body(containsString("waspada_inbox_reports_total{agency=\"RMP\",outcome=\"rejected\"}"));
    }
}
