package io.waspada.notifier.it;

import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.awaitility.Awaitility.await;

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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * When the follow-up socket is closed because the officer's token expired (1008), the alert page says the session
 * has ended and never tries that token again (it used to reconnect every 3 s, each refused).
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class FollowUpSessionEndBrowserTest {

    /** Counts the page's follow-up socket connections, from now on. */
    private static final String COUNT_SOCKETS = """
            window.fuSockets = 0;
            const Native = window.WebSocket;
            window.WebSocket = function (url, protocols) {
              if (String(url).indexOf('/ws/follow-ups') >= 0) { window.fuSockets++; }
              return protocols === undefined ? new Native(url) : new Native(url, protocols);
            };
            window.WebSocket.prototype = Native.prototype;
            """;

    @TestHTTPResource("/")
    URI base;

    @Test
    void anExpiredTokenEndsTheLiveUpdatesWithoutReconnecting() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            String id = uniqueId("console-fu-expiry");
            send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
            browser.get(base.toString());
            browser.findElement(By.id("use-token")).click();
            browser.findElement(By.id("token")).sendKeys(token(Duration.ofSeconds(25), "officer.north", "NORTH",
                    "officer"));
            browser.findElement(By.id("token-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
            ((JavascriptExecutor) browser).executeScript(COUNT_SOCKETS);

            By item = By.cssSelector("li[data-alert-id='" + id + "']");
            wait.until(ExpectedConditions.attributeToBe(item, "data-status", "OPEN"));
            wait.until(d -> { d.findElement(item).click(); return true; });
            wait.until(ExpectedConditions.textToBe(By.id("fu-none"), "No follow-up requests yet."));
            wait.until(d -> sockets(d) == 1);

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fu-expired")));
            wait.until(ExpectedConditions.textToBe(By.id("fu-expired"), "Your session has expired: follow-up requests "
                    + "are no longer updated live. Sign in again."));
            // Three reconnection periods and more: still the one connection.
            await("no further connection").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                    .until(() -> sockets(browser) == 1);
        } finally {
            browser.quit();
        }
    }

    private static long sockets(WebDriver browser) {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return window.fuSockets;")).longValue();
    }
}
