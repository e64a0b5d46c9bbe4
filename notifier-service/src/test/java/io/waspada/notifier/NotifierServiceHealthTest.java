package io.waspada.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service starts against the real in-process broker and says so on its health and metrics endpoints. */
@QuarkusTest
@QuarkusTestResource(value = io.waspada.notifier.it.NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class NotifierServiceHealthTest {

    @Test
    void isReadyWithKafkaReachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka connection health check"))
                .body(containsString("alert view rebuilt from tip.alerts.v1"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("waspada_notifier_websocket_connections"))
                .body(containsString("waspada_notifier_alerts"));
    }
}
