package io.waspada.notifier.it;

import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops page in headless Chromium (Debian {@code chromium} + {@code chromium-driver}): sign in with a pasted ops
 * token, see the services, topics, consumer groups, dead letters and rule-hit chart fill and refresh without a
 * reload; an officer's token is told the ops role is required.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class OpsPageBrowserTest {

    @TestHTTPResource("/ops.html")
    URI page;

    @Test
    void anOpsTokenSeesTheTablesFillAndRefresh() throws Exception {
        String group = uniqueId("ops-page");
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(Topics.ALERTS.name(), 0), new OffsetAndMetadata(0)))
                    .all().get();
        }
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(page.toString());
            browser.findElement(By.id("token")).sendKeys(token("ops", "HQ", "ops", "officer"));
            browser.findElement(By.id("signin-button")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#topics tr[data-topic='tip.alerts.v1']")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#groups tr[data-group='" + group + "']")));
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#services li[data-service='notifier-service']"),
                    "data-status", "UP"));
            assertThat(browser.findElement(By.cssSelector("#services li[data-service='alert-producer']")).getText())
                    .contains("DOWN", ServiceStandIn.FAILING_CHECK);
            assertThat(browser.findElements(By.cssSelector("#dlq .dlq"))).hasSize(2);
            assertThat(browser.findElements(By.cssSelector("#rule-chart polyline[data-rule='WATCHLIST_HIT']"))).hasSize(1);

            // Live: a later sample replaces the figures without a reload.
            String sampledAt = browser.findElement(By.id("sampled-at")).getAttribute("data-sampled-at");
            wait.until(driver -> !sampledAt.equals(driver.findElement(By.id("sampled-at")).getAttribute("data-sampled-at")));
            assertThat(browser.findElement(By.id("ops")).isDisplayed()).isTrue();

            // In Bahasa Indonesia, times in WITA with UTC on hover, drawn again at once.
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("language"))).selectByValue("id");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("zone"))).selectByValue("Asia/Makassar");
            wait.until(ExpectedConditions.textToBe(By.cssSelector("h2[data-i18n='ui.ops.groups']"), "Grup konsumen"));
            wait.until(ExpectedConditions.textMatches(By.cssSelector("#sampled-at time"),
                    java.util.regex.Pattern.compile(".* WITA")));
            assertThat(browser.findElement(By.cssSelector("#sampled-at time")).getAttribute("title")).endsWith(" UTC");
        } finally {
            browser.quit();
        }
    }

    @Test
    void anOfficerTokenIsToldTheOpsRoleIsRequired() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(page.toString());
            browser.findElement(By.id("token")).sendKeys(token("officer.north", "NORTH", "officer"));
            browser.findElement(By.id("signin-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-error"), "ops role required"));
            assertThat(browser.findElement(By.id("ops")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }
}
