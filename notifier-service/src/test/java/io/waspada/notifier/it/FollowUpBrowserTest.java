package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A follow-up request in headless Chromium: an officer opens an alert, asks the agency that owns an evidence item
 * ("Ask the owning agency": question, why, urgency), sees the request waiting, and sees the agency's answer (written on
 * {@code tip.follow-up-answers.v1} as the alert-producer writes it) arrive live on the alert page, without reloading.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class FollowUpBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TestHTTPResource("/")
    URI base;

    @Test
    void anOfficerAsksTheOwningAgencyAndSeesTheAnswerArrive() throws Exception {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            browser.get(base.toString());
            browser.findElement(By.id("username")).sendKeys("officer.north");
            browser.findElement(By.id("password")).sendKeys(NotifierTestResource.password("officer.north"));
            browser.findElement(By.id("signin-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));

            String id = uniqueId("console-fu");
            send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
            By item = By.cssSelector("li[data-alert-id='" + id + "']");
            wait.until(ExpectedConditions.attributeToBe(item, "data-status", "OPEN"));
            wait.until(d -> { d.findElement(item).click(); return true; });
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "OPEN"));
            wait.until(ExpectedConditions.textToBe(By.id("fu-none"), "No follow-up requests yet."));

            By ask = By.cssSelector("button.fu-ask[data-event='ev-" + id + "-1']");
            wait.until(ExpectedConditions.elementToBeClickable(ask)).click();
            wait.until(ExpectedConditions.textToBe(By.id("fu-about"), "About ev-" + id + "-1 (IMMIGRATION)"));
            browser.findElement(By.id("fu-question")).sendKeys("Who travelled with her through the checkpoint?");
            browser.findElement(By.id("fu-reason")).sendKeys("Suspected escort");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("fu-urgency"))).selectByValue("NORMAL");
            browser.findElement(By.id("fu-send")).click();

            By status = By.cssSelector("#fu-list li.fu-request .fu-status");
            wait.until(ExpectedConditions.textToBe(status, "Waiting for the agency"));
            assertThat(browser.findElement(By.id("fu-list")).getText())
                    .contains("Who travelled with her through the checkpoint?", "Why: Suspected escort",
                            "Asked by officer.north (NORTH)");

            String requestId = given().auth().oauth2(token("officer.north", "NORTH", "officer"))
                    .get("/api/v1/alerts/" + id + "/requests").then().statusCode(200).extract().path("[0].requestId");
            answer(new FollowUpAnswer(UUID.randomUUID().toString(), requestId, "IMMIGRATION", FollowUpAnswer.Kind.ANSWER,
                    "With a man holding three sponsor letters", Map.of("sponsor", "PT Maju Jaya"), null, Instant.now()));

            wait.until(ExpectedConditions.textToBe(status, "Answered"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#fu-list .fu-answer-text"),
                    "With a man holding three sponsor letters"));
            assertThat(browser.findElement(By.cssSelector("#fu-list .fu-answer dl")).getText()).contains("sponsor",
                    "PT Maju Jaya");
        } finally {
            browser.quit();
        }
    }

    private static void answer(FollowUpAnswer answer) throws Exception {
        try (KafkaProducer<String, String> producer = TopicClients.producer(SharedKafka.connection(),
                Topics.FOLLOW_UP_ANSWERS)) {
            producer.send(new ProducerRecord<>(Topics.FOLLOW_UP_ANSWERS.name(), answer.requestId(),
                    JSON.writeValueAsString(answer))).get();
        }
    }
}
