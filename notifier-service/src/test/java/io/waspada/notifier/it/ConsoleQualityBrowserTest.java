package io.waspada.notifier.it;

import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.avro.Alert;
import io.waspada.avro.EventKind;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Handling;
import io.waspada.avro.Location;
import io.waspada.avro.Severity;
import io.waspada.testing.Fixtures;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What officers expect of the console (#18), in headless Chromium: the alert's places on a map beside its evidence,
 * filters kept in the address, the list by keyboard, new alerts announced (aria-live) and, opted in, chimed, the
 * alert's history, the printable sheet, and all of it in Bahasa Malaysia and Bahasa Indonesia with times in MYT, WIB
 * or WITA and UTC on hover. The officer is the catch-all task force HQ, which hears every region no route names: each
 * test's alerts have regions of their own, so tests never see each other's alerts through the filters.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
class ConsoleQualityBrowserTest {

    private static final Location PONTIANAK = new Location(-0.03, 109.33, "ID", "KALIMANTAN_BARAT", "PONTIANAK_PORT");

    @TestHTTPResource("/")
    URI base;

    @Test
    void theMapDrawsAPointPerEvidencePlaceTheMovementInTimeOrderAndListsThePlaces() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = signedInAsHq(browser, "");
            String id = uniqueId("map");
            send(travelled(id, uniqueId("MAP")));
            open(wait, id);

            // Bukit Kayu Hitam twice (first and last), Penang and Pontianak: three places, four legs' worth of points.
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#d-map circle.place"), 3));
            assertThat(browser.findElements(By.cssSelector("#d-map path.land[data-country='MY']"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#d-map path.land[data-country='ID']"))).hasSize(1);
            assertThat(browser.findElement(By.cssSelector("#d-map text[data-sea='MALACCA_STRAIT']")).getText())
                    .isEqualTo("Strait of Malacca");
            String movement = browser.findElement(By.cssSelector("#d-map polyline.movement")).getAttribute("points");
            assertThat(movement.split(" ")).hasSize(4);
            assertThat(browser.findElement(By.cssSelector("#d-map svg")).getAttribute("aria-labelledby"))
                    .isEqualTo("d-map-title d-map-desc");
            assertThat(textContent(browser, "d-map-title")).isEqualTo("Map of the 3 places where the evidence was observed");
            List<WebElement> places = browser.findElements(By.cssSelector("#d-map-places li"));
            assertThat(places).hasSize(3);
            assertThat(places.get(0).getText()).startsWith("BUKIT_KAYU_HITAM (MY)").contains("IMMIGRATION SIGHTING");
            assertThat(places.get(1).getText()).startsWith("PULAU_PINANG (MY)");
            assertThat(places.get(2).getText()).startsWith("PONTIANAK_PORT (ID)").contains("MMEA INTERCEPTION");
            // The map sits beside the evidence table, not below it, on a wide screen.
            WebElement table = browser.findElement(By.id("evidence"));
            WebElement map = browser.findElement(By.id("d-map"));
            assertThat(map.getRect().getX()).isGreaterThan(table.getRect().getX());
        } finally {
            browser.quit();
        }
    }

    @Test
    void filtersNarrowTheListAndTheAddressKeepsThemForTheNextVisit() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = signedInAsHq(browser, "");
            String one = uniqueId("ONE");
            String other = uniqueId("OTHER");
            String high = uniqueId("filter-high");
            String low = uniqueId("filter-low");
            String elsewhere = uniqueId("filter-elsewhere");
            send(alert(high, 1, one, Severity.HIGH, uniqueId("tok"), Handling.H1));
            send(alert(low, 1, one, Severity.LOW, uniqueId("tok"), Handling.H1));
            send(alert(elsewhere, 1, other, Severity.LOW, uniqueId("tok"), Handling.H1));
            for (String id : List.of(high, low, elsewhere)) {
                wait.until(ExpectedConditions.presenceOfElementLocated(item(id)));
            }

            wait.until(d -> { new Select(d.findElement(By.id("filter-region"))).selectByValue(one); return true; });
            wait.until(ExpectedConditions.invisibilityOfElementLocated(item(elsewhere)));
            assertThat(browser.findElement(item(high)).isDisplayed()).isTrue();
            assertThat(browser.findElement(item(low)).isDisplayed()).isTrue();
            wait.until(d -> { new Select(d.findElement(By.id("filter-severity"))).selectByValue("LOW"); return true; });
            wait.until(ExpectedConditions.invisibilityOfElementLocated(item(high)));
            assertThat(browser.findElement(item(low)).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("filter-count")).getText()).matches("1 of \\d+ shown");
            assertThat(browser.getCurrentUrl()).contains("region=" + one).contains("severity=LOW");

            // The same address later (or shared): the same view, once the alerts are back.
            browser.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(item(high)));
            wait.until(ExpectedConditions.visibilityOfElementLocated(item(low)));
            assertThat(browser.findElement(item(high)).isDisplayed()).isFalse();
            assertThat(browser.findElement(item(elsewhere)).isDisplayed()).isFalse();
            assertThat(new Select(browser.findElement(By.id("filter-severity"))).getFirstSelectedOption()
                    .getAttribute("value")).isEqualTo("LOW");

            // Back to every severity: the HIGH one shows again, and the address forgets the severity.
            wait.until(d -> { new Select(d.findElement(By.id("filter-severity"))).selectByValue(""); return true; });
            wait.until(ExpectedConditions.visibilityOfElementLocated(item(high)));
            assertThat(browser.getCurrentUrl()).doesNotContain("severity=");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theKeyboardMovesInTheListOpensAnAlertWithEnterAndEscapeComesBack() {
        WebDriver browser = HeadlessChromium.start();
        try {
            String region = uniqueId("KEYS");
            WebDriverWait wait = signedInAsHq(browser, "?region=" + region);
            String older = uniqueId("keys-older");
            String newer = uniqueId("keys-newer");
            send(alert(older, 1, region, Severity.MEDIUM, uniqueId("tok"), Handling.H1));
            wait.until(ExpectedConditions.presenceOfElementLocated(item(older)));
            send(alert(newer, 1, region, Severity.HIGH, uniqueId("tok"), Handling.H1));
            wait.until(ExpectedConditions.visibilityOfElementLocated(item(newer)));

            WebElement list = browser.findElement(By.id("alerts"));
            list.sendKeys(Keys.HOME);
            wait.until(ExpectedConditions.attributeToBe(By.id("alerts"), "aria-activedescendant", "alert-item-" + newer));
            list.sendKeys(Keys.ARROW_DOWN);
            wait.until(ExpectedConditions.attributeToBe(By.id("alerts"), "aria-activedescendant", "alert-item-" + older));
            list.sendKeys(Keys.ARROW_DOWN);
            assertThat(list.getAttribute("aria-activedescendant")).isEqualTo("alert-item-" + older);
            list.sendKeys(Keys.HOME);
            list.sendKeys(Keys.END);
            wait.until(ExpectedConditions.attributeToBe(By.id("alerts"), "aria-activedescendant", "alert-item-" + older));
            list.sendKeys(Keys.ARROW_UP);
            wait.until(ExpectedConditions.attributeToBe(By.id("alerts"), "aria-activedescendant", "alert-item-" + newer));
            assertThat(browser.findElement(item(newer)).getAttribute("aria-selected")).isEqualTo("true");

            list.sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
            wait.until(d -> "d-title".equals(d.switchTo().activeElement().getAttribute("id")));
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "OPEN"));
            assertThat(browser.findElement(By.id("d-severity")).getText()).isEqualTo("HIGH");

            new Actions(browser).sendKeys(Keys.ESCAPE).perform();
            wait.until(d -> "alerts".equals(d.switchTo().activeElement().getAttribute("id")));
            assertThat(browser.findElement(By.id("alerts")).getAttribute("aria-activedescendant"))
                    .isEqualTo("alert-item-" + newer);
        } finally {
            browser.quit();
        }
    }

    @Test
    void newAlertsAreAnnouncedCriticalAtOnceAndChimeOnceTheOfficerOptsIn() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = signedInAsHq(browser, "");
            WebElement toggle = browser.findElement(By.id("notify-toggle"));
            wait.until(ExpectedConditions.visibilityOf(toggle));
            assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
            assertThat(toggle.getText()).isEqualTo("Notify me of new CRITICAL and HIGH alerts");

            send(alert(uniqueId("announce-critical"), 1, uniqueId("LIVE"), Severity.CRITICAL, uniqueId("tok"), Handling.H1));
            wait.until(d -> textContent(d, "announce-assertive").startsWith("New CRITICAL alert: "));
            assertThat(browser.findElement(By.id("announce-assertive")).getAttribute("aria-live")).isEqualTo("assertive");
            assertThat(toggle.getAttribute("data-beeps")).isNull();

            toggle.click();
            wait.until(ExpectedConditions.attributeToBe(By.id("notify-toggle"), "aria-pressed", "true"));
            assertThat(((JavascriptExecutor) browser).executeScript("return localStorage.getItem('waspada.notify')"))
                    .isEqualTo("on");
            send(alert(uniqueId("announce-high"), 1, uniqueId("LIVE"), Severity.HIGH, uniqueId("tok"), Handling.H1));
            wait.until(d -> textContent(d, "announce-polite").startsWith("New HIGH alert: "));
            assertThat(browser.findElement(By.id("announce-polite")).getAttribute("aria-live")).isEqualTo("polite");
            wait.until(ExpectedConditions.attributeToBe(By.id("notify-toggle"), "data-beeps", "1"));

            // A LOW alert is announced politely and does not chime.
            send(alert(uniqueId("announce-low"), 1, uniqueId("LIVE"), Severity.LOW, uniqueId("tok"), Handling.H1));
            wait.until(d -> textContent(d, "announce-polite").startsWith("New LOW alert: "));
            assertThat(browser.findElement(By.id("notify-toggle")).getAttribute("data-beeps")).isEqualTo("1");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theAlertPageShowsItsHistoryAndPrintsAsASheetWithTheFlagsFirstAndNoConsoleAround() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = signedInAsHq(browser, "");
            String id = uniqueId("print");
            Alert alert = travelled(id, uniqueId("PRINT"));
            alert.setFlags(List.of(new Flag(FlagKind.INFORM_ONLY, "ID", "MMEA")));
            send(alert);
            open(wait, id);
            historyShows(wait, id, "routed");
            assertThat(browser.findElement(By.cssSelector("#d-history li[data-action='ROUTED']")).getText())
                    .contains("notifier-service").contains("HQ");
            assertThat(browser.findElements(By.id("followups"))).hasSize(1);
            // Under the pages' CSP an inline script or style would be refused: the drawn page has none.
            assertThat(((JavascriptExecutor) browser).executeScript(
                    "return document.querySelectorAll('[style], script:not([src]), [onclick]').length")).isEqualTo(0L);

            ((HasCdp) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.tagName("header")));
            for (String gone : List.of("list", "filters", "print", "ack", "comment", "cap")) {
                assertThat(browser.findElement(By.id(gone)).isDisplayed()).as(gone).isFalse();
            }
            WebElement flags = browser.findElement(By.id("d-flags"));
            assertThat(flags.isDisplayed()).isTrue();
            assertThat(flags.getText()).startsWith("INFORM ONLY in ID (MMEA)");
            assertThat(browser.findElement(By.id("evidence")).getText()).contains("PONTIANAK_PORT", "MMEA");
            assertThat(browser.findElement(By.cssSelector("#d-map svg")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("d-map-places")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("d-history")).isDisplayed()).isTrue();
            // Flags above the title, the title above the evidence: the sheet's order.
            int flagsAt = flags.getRect().getY();
            int titleAt = browser.findElement(By.id("d-title")).getRect().getY();
            int evidenceAt = browser.findElement(By.id("evidence")).getRect().getY();
            assertThat(flagsAt).isLessThan(titleAt);
            assertThat(titleAt).isLessThan(evidenceAt);
        } finally {
            browser.quit();
        }
    }

    @Test
    void inBahasaMalaysiaAndBahasaIndonesiaTheWordsComeFromTheCataloguesAndTimesAreMytWibWitaWithUtcOnHover() {
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = signedInAsHq(browser, "");
            new Select(browser.findElement(By.id("language"))).selectByValue("ms");
            wait.until(ExpectedConditions.textToBe(By.id("alerts-heading"), "Amaran"));
            assertThat(label(browser, "filter-severity")).isEqualTo("Tahap");
            assertThat(label(browser, "filter-region")).isEqualTo("Wilayah");
            assertThat(browser.findElement(By.id("notify-toggle")).getText())
                    .isEqualTo("Maklumkan saya tentang amaran KRITIKAL dan TINGGI baharu");

            String id = uniqueId("bahasa");
            send(travelled(id, uniqueId("BAHASA")));
            wait.until(d -> textContent(d, "announce-polite").startsWith("Amaran TINGGI baharu: "));
            wait.until(ExpectedConditions.textMatches(item(id), Pattern.compile(".* \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d MYT")));
            open(wait, id);
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "TERBUKA"));
            assertThat(browser.findElement(By.id("print")).getText()).isEqualTo("Cetak");
            assertThat(browser.findElement(By.id("d-map-heading")).getText()).isEqualTo("Tempat dan pergerakan");
            assertThat(browser.findElement(By.id("d-history-heading")).getText()).isEqualTo("Sejarah");
            historyShows(wait, id, "dihalakan");
            wait.until(d -> textContent(d, "d-map-title").equals("Peta 3 tempat bukti diperhatikan"));
            assertThat(browser.findElement(By.cssSelector("#d-map-places li")).getText()).contains("PEMERHATIAN");
            assertThat(browser.findElement(By.cssSelector("#d-map text[data-sea='MALACCA_STRAIT']")).getText())
                    .isEqualTo("Selat Melaka");
            By historyTime = By.cssSelector("#d-history li[data-action='ROUTED'] time");
            assertThat(browser.findElement(historyTime).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d MYT");
            assertThat(browser.findElement(historyTime).getAttribute("title"))
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
            By placeTime = By.cssSelector("#d-map-places li time");
            // The first place was first seen at 03:15 UTC: 11:15 in Malaysia.
            assertThat(browser.findElement(placeTime).getText()).isEqualTo("2026-11-20 11:15 MYT");
            assertThat(browser.findElement(placeTime).getAttribute("title")).isEqualTo("2026-11-20 03:15:00 UTC");

            new Select(browser.findElement(By.id("language"))).selectByValue("id");
            wait.until(ExpectedConditions.textToBe(By.id("alerts-heading"), "Peringatan"));
            wait.until(ExpectedConditions.textToBe(By.id("d-status"), "TERBUKA"));
            assertThat(label(browser, "filter-severity")).isEqualTo("Tingkat");
            assertThat(label(browser, "filter-region")).isEqualTo("Daerah");
            assertThat(browser.findElement(By.id("print")).getText()).isEqualTo("Cetak lembar");
            assertThat(browser.findElement(By.id("d-history-heading")).getText()).isEqualTo("Riwayat");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("d-history"), "diarahkan"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("d-map-places"), "PENGAMATAN"));
            assertThat(browser.findElement(By.cssSelector("#d-map text[data-sea='MALACCA_STRAIT']")).getText())
                    .isEqualTo("Selat Malaka");
            assertThat(new Select(browser.findElement(By.id("filter-severity"))).getOptions().get(0).getText())
                    .isEqualTo("seluruhnya");

            new Select(browser.findElement(By.id("zone"))).selectByValue("Asia/Jakarta");
            wait.until(ExpectedConditions.textToBe(placeTime, "2026-11-20 10:15 WIB"));
            wait.until(ExpectedConditions.textMatches(historyTime, Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d WIB")));
            new Select(browser.findElement(By.id("zone"))).selectByValue("Asia/Makassar");
            wait.until(ExpectedConditions.textToBe(placeTime, "2026-11-20 11:15 WITA"));
            assertThat(browser.findElement(placeTime).getAttribute("title")).isEqualTo("2026-11-20 03:15:00 UTC");

            send(alert(uniqueId("bahasa-critical"), 1, uniqueId("BAHASA"), Severity.CRITICAL, uniqueId("tok"), Handling.H1));
            wait.until(d -> textContent(d, "announce-assertive").startsWith("Peringatan KRITIS baru: "));
        } finally {
            browser.quit();
        }
    }

    @Test
    void thePagesAllowOnlyTheServicesOwnScriptsStylesAndConnections() {
        for (String page : List.of("/", "/index.html", "/ops.html")) {
            String policy = io.restassured.RestAssured.given().get(base.resolve(page)).then().statusCode(200)
                    .header("X-Content-Type-Options", "nosniff").extract().header("Content-Security-Policy");
            assertThat(policy).as(page).contains("default-src 'self'", "script-src 'self';", "style-src 'self';",
                    "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
            assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        }
    }

    /**
     * An alert seen at Bukit Kayu Hitam (03:15 UTC), then in Penang, then intercepted at Pontianak's port, then at
     * Bukit Kayu Hitam again.
     */
    private static Alert travelled(String id, String region) {
        Alert alert = alert(id, 1, region, Severity.HIGH, uniqueId("tok"), Handling.H1);
        EvidenceRef first = alert.getEvidence().get(0);
        Instant at = first.getObservedAt();
        EvidenceRef penang = evidence(first, id + "-penang", EventKind.SIGHTING, first.getAgency(), Fixtures.PENANG,
                at.plus(Duration.ofHours(3)));
        EvidenceRef pontianak = evidence(first, id + "-pontianak", EventKind.INTERCEPTION, "MMEA", PONTIANAK,
                at.plus(Duration.ofHours(20)));
        EvidenceRef back = evidence(first, id + "-back", EventKind.SIGHTING, first.getAgency(), first.getLocation(),
                at.plus(Duration.ofHours(30)));
        alert.setEvidence(List.of(pontianak, first, back, penang));
        alert.setEventCount(4);
        return alert;
    }

    /** Another event like {@code like} (built field by field: the test's and Quarkus' Avro classes differ). */
    private static EvidenceRef evidence(EvidenceRef like, String eventId, EventKind kind, String agency, Location where,
            Instant at) {
        return EvidenceRef.newBuilder().setEventId(eventId).setKind(kind).setAgency(agency).setObservedAt(at)
                .setLocation(where).setIndicators(like.getIndicators()).setHandling(like.getHandling())
                .setTokens(like.getTokens()).setSource(like.getSource()).build();
    }

    /** The console opened at {@code query}, signed in with a pasted token of HQ (the catch-all task force), live. */
    private WebDriverWait signedInAsHq(WebDriver browser, String query) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000));
        browser.get(base.toString() + query);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("use-token"))).click();
        browser.findElement(By.id("token")).sendKeys(token("officer.hq", "HQ", "officer"));
        browser.findElement(By.id("token-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        return wait;
    }

    private static void open(WebDriverWait wait, String id) {
        wait.until(ExpectedConditions.presenceOfElementLocated(item(id)));
        wait.until(d -> { d.findElement(item(id)).click(); return true; });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("evidence"), "IMMIGRATION"));
    }

    /**
     * Waits until the alert's history shows {@code text}; the trail is read from its topic, so an alert opened the
     * moment it arrived may show its routing a moment later: the officer (here the test) opens it again.
     */
    private static void historyShows(WebDriverWait wait, String id, String text) {
        wait.until(d -> {
            if (d.findElement(By.id("d-history")).getText().contains(text)) {
                return true;
            }
            d.findElement(item(id)).click();
            return false;
        });
    }

    private static By item(String id) {
        return By.cssSelector("li[data-alert-id='" + id + "']");
    }

    private static String label(WebDriver browser, String selectId) {
        return browser.findElement(By.xpath("//select[@id='" + selectId + "']/preceding-sibling::span")).getText();
    }

    /** Text of an element that may be visually hidden (the live regions, SVG titles). */
    private static String textContent(WebDriver browser, String id) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id);
        return String.valueOf(text);
    }
}
