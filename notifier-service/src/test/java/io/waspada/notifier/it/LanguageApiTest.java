package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.notifier.auth.DemoOfficers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Languages end to end: mail in Bahasa Malaysia to a task force whose default is ms (real SMTP, GreenMail); the
 * pages' texts per language; the officer's language and zone from the token, else the task force; localized alert
 * titles on the officer API; unknown languages and zones refused naming the field, the value never echoed.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class LanguageApiTest {

    @Test
    void mailToATaskForceWhoseLanguageIsMalayIsInMalay() throws Exception {
        String id = uniqueId("mail-ms");
        send(alert(id, 1, "MAIL_MS", Severity.CRITICAL, uniqueId("tok"), Handling.H1));
        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(
                        NotifierTestResource.mail().getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getContent().toString().contains(id + " v1");
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("pasukan@waspada.test");
        assertThat(mail.getSubject()).isEqualTo(
                "[Waspada KRITIKAL] Subjek dalam senarai pantau dikesan oleh IMMIGRATION di Bukit Kayu Hitam");
        String body = mail.getContent().toString();
        assertThat(body).startsWith("Pasukan petugas Pasukan petugas Melayu")
                .contains("KRITIKAL WATCHLIST_HIT " + id + " v1 (H1)", "1 kejadian dilaporkan oleh IMMIGRATION",
                        "MYT", "Bukti dipegang oleh: IMMIGRATION", "Masa dalam Malaysia (MYT).",
                        "Buka konsol Waspada untuk mengambil tindakan atas amaran ini.")
                .doesNotContain("Evidence held by", "Open the Waspada console");
    }

    @Test
    void thePagesTextsComePerLanguageAndAnUnknownLanguageIsRefusedWithoutEchoingIt() {
        given().get("/api/v1/messages?lang=ms").then().statusCode(200)
                .body("language", equalTo("ms"))
                .body("messages.'ui.alerts.heading'", equalTo("Amaran"))
                .body("messages.'common.status.ACKNOWLEDGED'", equalTo("DIAKUI"))
                .body("languages.code", hasItems("en", "ms", "id"))
                .body("zones.abbreviation", hasItems("MYT", "WIB", "WITA"))
                .body("messages.keySet()", not(hasItems("email.body.footer")));
        given().get("/api/v1/messages?lang=id").then().statusCode(200)
                .body("messages.'ui.alerts.heading'", equalTo("Peringatan"));
        given().get("/api/v1/messages").then().statusCode(200).body("language", equalTo("en"));
        given().get("/api/v1/messages?lang=<script>x</script>").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("lang"))
                .body(not(containsString("script")));
    }

    @Test
    void anOfficersLanguageAndZoneComeFromTheTokenElseFromTheTaskForce() {
        given().auth().oauth2(token("officer.melayu", "MELAYU", "officer")).get("/api/v1/preferences")
                .then().statusCode(200)
                .body("language", equalTo("ms")).body("timeZone", equalTo("Asia/Kuala_Lumpur"))
                .body("zone", equalTo("MYT")).body("languageFrom", equalTo("taskForce"));
        given().auth().oauth2(token("officer.north", "NORTH", "officer")).get("/api/v1/preferences")
                .then().statusCode(200).body("language", equalTo("en"));
        String indonesian = Jwt.issuer(DemoOfficers.ISSUER).audience(Set.of(DemoOfficers.AUDIENCE))
                .upn("officer.polri").subject("officer.polri").groups(Set.of("officer")).claim("taskForce", "NORTH")
                .claim("locale", "id-ID").claim("zoneinfo", "Asia/Makassar")
                .expiresIn(Duration.ofHours(1)).sign(TestAlerts.privateKey());
        given().auth().oauth2(indonesian).get("/api/v1/preferences").then().statusCode(200)
                .body("language", equalTo("id")).body("timeZone", equalTo("Asia/Makassar")).body("zone", equalTo("WITA"))
                .body("languageFrom", equalTo("token")).body("timeZoneFrom", equalTo("token"));
        given().get("/api/v1/preferences").then().statusCode(401);
    }

    @Test
    void theOfficerApiGivesTitlesInTheAskedLanguageAndRefusesUnknownOnes() {
        String id = uniqueId("lang-api");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        String north = token("officer.north", "NORTH", "officer");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(north)
                .get("/api/v1/alerts/" + id).statusCode() == 200);
        given().auth().oauth2(north).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("title", equalTo("Watchlisted passport seen at Bukit Kayu Hitam"));
        given().auth().oauth2(north).get("/api/v1/alerts/" + id + "?lang=id&tz=Asia/Jakarta").then().statusCode(200)
                .body("title", equalTo("Subjek dalam daftar pantauan terlihat oleh IMMIGRATION di Bukit Kayu Hitam"))
                .body("summary", startsWith("1 peristiwa dilaporkan oleh IMMIGRATION"))
                .body("summary", containsString(" WIB"));
        given().auth().oauth2(north).queryParam("lang", "ms").queryParam("size", 200).get("/api/v1/alerts")
                .then().statusCode(200)
                .body("items.find { it.alertId == '" + id + "' }.title",
                        equalTo("Subjek dalam senarai pantau dikesan oleh IMMIGRATION di Bukit Kayu Hitam"));
        given().auth().oauth2(north).get("/api/v1/alerts/" + id + "?lang=fr").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("lang"))
                .body(not(containsString("fr")));
        given().auth().oauth2(north).get("/api/v1/alerts?tz=Europe/Paris").then().statusCode(400)
                .body("field", equalTo("tz")).body(not(containsString("Paris")));
    }
}
