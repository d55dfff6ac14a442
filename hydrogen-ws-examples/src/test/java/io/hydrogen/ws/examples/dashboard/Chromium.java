package io.hydrogen.ws.examples.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium with the system's chromedriver, both from the paths the Maven profile
 * {@code browser} sets ({@code hydrogen.chromium}, {@code hydrogen.chromedriver}). Selenium
 * Manager never runs: with both paths given there is nothing for it to find or download.
 */
final class Chromium {

    private Chromium() {
    }

    /** @return whether both paths are set and executable */
    static boolean available() {
        String browser = System.getProperty("hydrogen.chromium", "");
        String driver = System.getProperty("hydrogen.chromedriver", "");
        return !browser.isBlank() && !driver.isBlank() && Files.isExecutable(Path.of(browser))
                && Files.isExecutable(Path.of(driver));
    }

    /** Skips the calling test (an assumption, reported as skipped) where Chromium is not set up. */
    static void assumeAvailable() {
        assumeTrue(available(), "no Chromium: install chromium and chromium-driver (the Maven profile browser "
                + "activates when /usr/bin/chromium exists), or set -Dhydrogen.chromium and -Dhydrogen.chromedriver"
                + " (now '" + System.getProperty("hydrogen.chromium", "") + "', '"
                + System.getProperty("hydrogen.chromedriver", "") + "')");
    }

    /** @return a new headless browser; the caller quits it */
    static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("hydrogen.chromium"));
        // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1400", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("hydrogen.chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
