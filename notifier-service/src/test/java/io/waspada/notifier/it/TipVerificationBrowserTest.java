package io.waspada.notifier.it;

import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Tip verification (#18) in headless Chromium, by keyboard: the desk's lead opens a tip-only alert ("tip only:
 * unverified"), is told a reason is needed, gives one and verifies it (the notice then says who verified it and when,
 * and the decision leaves the page); on a second alert the lead finds it unfounded and it is resolved.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class TipVerificationBrowserTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theDesksLeadVerifiesOneTipOnlyAlertAndFindsAnotherUnfoundedByKeyboard() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            browser.get(base.toString());
            browser.findElement(By.id("username")).sendKeys("lead.desk");
            browser.findElement(By.id("password")).sendKeys(NotifierTestResource.password("lead.desk"));
            browser.findElement(By.id("signin-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));

            String verified = uniqueId("console-verify");
            open(browser, wait, verified);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verification")));
            // No reason: nothing is sent, the page says why and puts the focus on the reason.
            WebElement verify = browser.findElement(By.id("verify-verified"));
            verify.sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.textToBe(By.id("verify-error"), "Give a reason first."));
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("verify-reason");
            browser.switchTo().activeElement().sendKeys("Hotline called back; confirmed by the family");
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("verify-verified");
            browser.switchTo().activeElement().sendKeys(Keys.ENTER);
            wait.until(d -> d.findElement(By.id("d-tip")).getText().startsWith("Verified by DESK at "));
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "ACKNOWLEDGED"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("verification")));

            String unfounded = uniqueId("console-unfounded");
            open(browser, wait, unfounded);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verification")));
            WebElement reason = browser.findElement(By.id("verify-reason"));
            reason.sendKeys("The caller withdrew the report");
            reason.sendKeys(Keys.TAB);
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("verify-unfounded");
            browser.switchTo().activeElement().sendKeys(Keys.ENTER);
            wait.until(d -> d.findElement(By.id("d-tip")).getText().startsWith("Found unfounded by DESK at "));
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "RESOLVED"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("verification")));
        } finally {
            browser.quit();
        }
    }

    private static void open(WebDriver browser, WebDriverWait wait, String id) {
        send(TestAlerts.tipOnly(alert(id, 1, "VERIFY", Severity.HIGH, uniqueId("tok"), Handling.H1)));
        By item = By.cssSelector("li[data-alert-id='" + id + "']");
        wait.until(ExpectedConditions.attributeToBe(item, "data-status", "OPEN"));
        wait.until(d -> {
            d.findElement(item).click();
            return true;
        });
        // This alert's page: open, and still waiting for the desk (the previous one's notice says it was decided).
        wait.until(d -> "OPEN".equals(d.findElement(By.id("d-status")).getText())
                && d.findElement(By.id("d-tip")).getText().startsWith("TIP ONLY: UNVERIFIED"));
    }
}
