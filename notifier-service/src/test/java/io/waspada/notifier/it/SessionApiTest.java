package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code POST /api/v1/session} on the running service with demo officers (the local platform's case): the right
 * password gives a working officer token, a wrong one 401, a missing field 400 naming it; all as problem+json.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(60)
class SessionApiTest {

    @Test
    void theRightPasswordGivesATokenTheApiAccepts() {
        String password = NotifierTestResource.password("officer.north");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", "officer.north", "password", password))
                .post("/api/v1/session").then().statusCode(200).contentType(ContentType.JSON)
                .body("username", equalTo("officer.north")).body("taskForce", equalTo("NORTH"))
                .body("roles", org.hamcrest.Matchers.containsInAnyOrder("officer", "investigator"))
                .extract().path("token");
        given().auth().oauth2(token).get("/api/v1/alerts").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/task-forces").then().statusCode(200);
        assertThat(token.split("\\.")).hasSize(3);

        String opsToken = given().contentType(ContentType.JSON)
                .body(Map.of("username", "ops", "password", NotifierTestResource.password("ops")))
                .post("/api/v1/session").then().statusCode(200).body("taskForce", equalTo("HQ")).extract().path("token");
        given().auth().oauth2(opsToken).get("/api/v1/silences").then().statusCode(200);
    }

    @Test
    void aWrongPasswordOrUnknownUserIs401WithoutSayingWhich() {
        String north = NotifierTestResource.password("officer.north");
        String wrongPassword = given().contentType(ContentType.JSON)
                .body(Map.of("username", "officer.north", "password", north + "x"))
                .post("/api/v1/session").then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("wrong username or password")).body("detail", not(containsString(north)))
                .extract().asString();
        String unknownUser = given().contentType(ContentType.JSON)
                .body(Map.of("username", "officer.nobody", "password", north))
                .post("/api/v1/session").then().statusCode(401).extract().asString();
        assertThat(unknownUser).isEqualTo(wrongPassword);
    }

    @Test
    void aUsernameThatFailsTooOftenIs429WithRetryAfterEvenForTheRightPassword() {
        String liaison = NotifierTestResource.password("officer.liaison");
        for (int attempt = 0; attempt < 5; attempt++) {
            given().contentType(ContentType.JSON).body(Map.of("username", "officer.liaison", "password", "guess" + attempt))
                    .post("/api/v1/session").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", "officer.liaison", "password", liaison))
                .post("/api/v1/session").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", equalTo("too many failed sign-ins: try again later"));
        // Another officer from the same address is not blocked by it.
        given().contentType(ContentType.JSON).body(Map.of("username", "ops", "password", NotifierTestResource.password("ops")))
                .post("/api/v1/session").then().statusCode(200);
    }

    @Test
    void aMissingFieldIs400NamingIt() {
        given().contentType(ContentType.JSON).body(Map.of("password", "x")).post("/api/v1/session")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("username"));
        given().contentType(ContentType.JSON).body(Map.of("username", "ops", "password", " ")).post("/api/v1/session")
                .then().statusCode(400).body("field", equalTo("password"));
        given().contentType(ContentType.JSON).body("").post("/api/v1/session")
                .then().statusCode(400).body("field", equalTo("username"));
        given().contentType(ContentType.JSON).body("{\"username\": [1]}").post("/api/v1/session")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("username"));
    }
}
