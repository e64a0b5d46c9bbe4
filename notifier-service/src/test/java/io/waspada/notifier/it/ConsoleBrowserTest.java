package io.waspada.notifier.it;

import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium (Debian {@code chromium} + {@code chromium-driver}): sign in with username and
 * password, see a live alert arrive, open it with its evidence, acknowledge it, see the status change; and the
 * fallback of pasting a token (after a refused password).
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class ConsoleBrowserTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void signInSeeALiveAlertOpenItAcknowledgeItAndLoseItWhenItIsRaisedAboveTheClearance() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = signedInAsNorth(browser);
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("officer.north (NORTH)");

            String id = uniqueId("console");
            send(alert(id, 1, "KEDAH", Severity.CRITICAL, uniqueId("tok"), Handling.H1));
            By item = By.cssSelector("li[data-alert-id='" + id + "']");
            wait.until(ExpectedConditions.attributeToBe(item, "data-status", "OPEN"));
            wait.until(d -> { d.findElement(item).click(); return true; });
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "OPEN"));
            assertThat(browser.findElement(By.id("evidence")).getText()).contains("IMMIGRATION");

            browser.findElement(By.id("comment")).sendKeys("Team dispatched");
            browser.findElement(By.id("ack")).click();
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "ACKNOWLEDGED"));
            wait.until(ExpectedConditions.attributeToBe(item, "data-status", "ACKNOWLEDGED"));
            assertThat(browser.findElement(By.id("d-ack")).getText()).contains("officer.north", "Team dispatched");

            // New evidence makes it H3, above NORTH's clearance: it leaves the open console, list and detail.
            send(alert(id, 2, "KEDAH", Severity.CRITICAL, uniqueId("tok"), Handling.H3));
            wait.until(ExpectedConditions.numberOfElementsToBe(item, 0));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aRefusedPasswordSaysSoAndAPastedTokenStillSignsIn() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(base.toString());
            browser.findElement(By.id("username")).sendKeys("officer.north");
            browser.findElement(By.id("password")).sendKeys("not-the-password");
            browser.findElement(By.id("signin-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("signin-error"), "Sign-in refused: wrong username or password"));
            assertThat(browser.findElement(By.id("password")).getAttribute("value")).isEmpty();

            browser.findElement(By.id("use-token")).click();
            browser.findElement(By.id("token")).sendKeys(token("officer.liaison", "LIAISON", "officer"));
            browser.findElement(By.id("token-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("officer.liaison (LIAISON)");
        } finally {
            browser.quit();
        }
    }

    @Test
    void switchingToMalayShowsTheConsoleAndTheAlertInMalayAndTimesInTheChosenZoneWithUtcOnHover() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = signedInAsNorth(browser);
            assertThat(browser.findElement(By.id("alerts-heading")).getText()).isEqualTo("Alerts");

            String id = uniqueId("console-ms");
            send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
            By item = By.cssSelector("li[data-alert-id='" + id + "']");
            wait.until(ExpectedConditions.attributeToBe(item, "data-status", "OPEN"));

            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("language"))).selectByValue("ms");
            wait.until(ExpectedConditions.textToBe(By.id("alerts-heading"), "Amaran"));
            wait.until(ExpectedConditions.textToBe(By.id("live"), "langsung"));
            assertThat(browser.findElement(By.id("signout")).getText()).isEqualTo("Log keluar");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ms");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(item,
                    "TINGGI TERBUKA Subjek dalam senarai pantau dikesan oleh IMMIGRATION di Bukit Kayu Hitam"));

            wait.until(d -> { d.findElement(item).click(); return true; });
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "TERBUKA"));
            assertThat(browser.findElement(By.id("d-summary")).getText()).startsWith("1 kejadian dilaporkan oleh IMMIGRATION");
            assertThat(browser.findElement(By.id("ack")).getText()).isEqualTo("Akui");
            By observed = By.cssSelector("#evidence time");
            wait.until(ExpectedConditions.textMatches(observed, java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d MYT")));
            assertThat(browser.findElement(observed).getAttribute("title")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");

            // Western Indonesian time: an hour behind Malaysia's, the summary's times too.
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("zone"))).selectByValue("Asia/Jakarta");
            wait.until(ExpectedConditions.textMatches(observed, java.util.regex.Pattern.compile(".* WIB")));
            wait.until(ExpectedConditions.textMatches(By.id("d-summary"), java.util.regex.Pattern.compile(".* WIB .*")));

            browser.findElement(By.id("ack")).click();
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "DIAKUI"));
            wait.until(ExpectedConditions.textMatches(By.id("d-ack"),
                    java.util.regex.Pattern.compile("Diakui oleh officer\\.north pada .* WIB")));
        } finally {
            browser.quit();
        }
    }

    /**
     * The console opened and signed in as officer.north with the password, live; the wait it returns looks again for
     * an element the re-rendered list replaced a moment ago.
     */
    private WebDriverWait signedInAsNorth(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.get(base.toString());
        browser.findElement(By.id("username")).sendKeys("officer.north");
        browser.findElement(By.id("password")).sendKeys(NotifierTestResource.password("officer.north"));
        browser.findElement(By.id("signin-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        return wait;
    }
}
