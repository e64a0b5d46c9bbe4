package io.waspada.notifier.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.testing.OpenApiCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notifier's OpenAPI document, as the running service serves it: real schemas for every request and answer body,
 * the problem schema on every error with a body, and every example valid against its schema.
 */
@QuarkusTest
@QuarkusTestResource(value = io.waspada.notifier.it.NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class OpenApiDocumentTest {

    @Test
    void everyBodyHasARealSchemaAndEveryExampleIsValid() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        // The document as served, for review next to the test report.
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(java.nio.file.Path.of("target", "openapi.json")
                .toFile(), document);
        OpenApiCheck check = OpenApiCheck.of(document);
        assertThat(check.problems()).isEmpty();
        assertThat(document.path("paths").size()).as("documented paths").isGreaterThanOrEqualTo(12);
        assertThat(check.requestExamples()).extracting(OpenApiCheck.RequestExample::path)
                .contains("/api/v1/silences", "/api/v1/routing/test", "/api/v1/session", "/api/v1/alerts/{id}/ack");
        assertThat(check.examplesChecked()).isGreaterThan(30);
    }
}
