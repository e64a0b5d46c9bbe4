package io.waspada.notifier.it;

import java.io.File;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for page tests: Debian's {@code chromium} + {@code chromium-driver} (which {@code ./waspada test}
 * installs), or the binaries named by {@code WASPADA_CHROMIUM} and {@code WASPADA_CHROMEDRIVER}.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A new browser; the caller quits it. */
    static WebDriver start() {
        File chromium = executable("WASPADA_CHROMIUM", "/usr/bin/chromium", "chromium");
        File chromedriver = executable("WASPADA_CHROMEDRIVER", "/usr/bin/chromedriver", "chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // No background traffic: this machine reaches no network, and Chromium would retry it at every start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver).build();
        return new ChromeDriver(service, options);
    }

    private static File executable(String variable, String fallback, String debianPackage) {
        File file = new File(System.getenv().getOrDefault(variable, fallback));
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing: run the tests with ./waspada test, which installs "
                    + debianPackage + ", or set " + variable + " to its path");
        }
        return file;
    }
}
