package io.waspada.correlation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.testing.OpenApiCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The query API's OpenAPI document, as the running service serves it: real schemas for every answer, the problem
 * schema on every error with a body, and every example valid against its schema.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "stream-processor"))
@Timeout(120)
class OpenApiDocumentTest {

    @Test
    void everyAnswerHasARealSchemaAndEveryExampleIsValid() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        // The document as served, for review next to the test report.
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(java.nio.file.Path.of("target", "openapi.json")
                .toFile(), document);
        OpenApiCheck check = OpenApiCheck.of(document);
        assertThat(check.problems()).isEmpty();
        assertThat(document.path("paths").has("/api/v1/rules")).isTrue();
        assertThat(document.path("paths").has("/api/v1/entities/{token}/timeline")).isTrue();
        assertThat(check.examplesChecked()).isGreaterThanOrEqualTo(6);
    }
}
