package io.hydrogen.ws.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.jetty.TestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The runner's dashboard in headless Chromium: the key, live status and temperatures, the lease
 * and the printer's commands, the scopes, and a server restart. A failing test leaves a screenshot
 * in {@code target/dashboard-screenshots/}.
 */
@Tag("browser")
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    private static WebDriver browser;
    private DashboardHost host;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            screenshot(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void startBrowser() {
        if (Chromium.available()) {
            browser = Chromium.start();
        }
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void startHost() {
        Chromium.assumeAvailable(); // per test, so that each is reported as skipped without Chromium
        host = DashboardHost.start(0);
        browser.get(host.url());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aControlKeyWatchesTakesTheLeaseHeatsPrintsAndCancels() {
        logIn(DashboardHost.CONTROL_KEY);
        awaitText("connection", "authenticated");
        awaitText("server-state", "running");
        awaitText("connections-scope", "control");
        assertThat(text("server-host")).isNotEqualTo("–");

        // The temperature curve moves: samples arrive and the chart's count grows.
        WebElement chart = await(d -> d.findElement(By.cssSelector("#heater-extruder canvas")));
        int samples = samples(chart);
        await(d -> samples(chart) > samples + 5);
        assertThat(browser.findElement(By.id("controls")).isDisplayed()).isTrue();
        assertThat(button("set-temperature").isEnabled()).as("no lease yet").isFalse();

        click("take-control");
        awaitText("lease-holder", "this tab");
        await(d -> button("release-control").isDisplayed() && button("set-temperature").isEnabled());

        double before = celsius("#heater-extruder .actual");
        new Select(browser.findElement(By.id("heater"))).selectByValue("extruder");
        type("target", "120");
        click("set-temperature");
        await(d -> text("#heater-extruder .target").equals("120.0 °C"));
        await(d -> celsius("#heater-extruder .actual") > before + 10);

        type("file", "benchy.gcode");
        click("job-start");
        awaitText("job-state", "printing");
        awaitText("job-file", "benchy.gcode");
        awaitNotification("job_started");
        await(d -> button("job-cancel").isEnabled());
        click("job-cancel");
        awaitText("job-state", "cancelled");
        awaitNotification("job_cancelled");

        click("emergency-stop");
        awaitNotification("emergency_stop");
        await(d -> text("#heater-extruder .target").equals("0.0 °C"));

        click("release-control");
        awaitText("lease-holder", "nobody");
        await(d -> button("take-control").isDisplayed() && !button("set-temperature").isEnabled());
        screenshot("dashboard-control"); // kept for people to look at, not only on failure
    }

    @Test
    void aWrongKeyShowsAnErrorAndAsksAgain() {
        logIn("not-the-key-0123456789");
        WebElement error = await(d -> {
            WebElement e = d.findElement(By.id("login-error"));
            return e.isDisplayed() ? e : null;
        });
        assertThat(error.getText()).contains("refused the key");
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('hydrogen.dashboard.key')"))
                .isNull();
        assertThat(browser.getCurrentUrl()).doesNotContain("not-the-key");
    }

    @Test
    void aMonitorKeyShowsEverythingButTheControls() {
        logIn(DashboardHost.MONITOR_KEY);
        awaitText("connection", "authenticated");
        awaitText("connections-scope", "monitor");
        await(d -> !d.findElements(By.cssSelector("#heater-heater_bed canvas")).isEmpty());
        awaitText("server-state", "running");
        assertThat(browser.findElement(By.id("controls")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("button")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText)).containsExactly("Forget key");
        screenshot("dashboard-monitor");
    }

    @Test
    void controlsAreDisabledWhileAnotherClientHoldsTheLease() {
        try (TestClient tablet = TestClient.connect(host.server().uri(), DashboardHost.CONTROL_KEY)) {
            tablet.next("status");
            tablet.send("{\"type\":\"control.acquire\",\"id\":1,\"client\":\"Kitchen tablet\"}");
            assertThat(tablet.nextNonStatus().get("type").getAsString()).isEqualTo("result");

            logIn(DashboardHost.CONTROL_KEY);
            awaitText("lease-holder", "Kitchen tablet");
            awaitText("lease-note", "Kitchen tablet holds the control lease");
            assertThat(button("take-control").isEnabled()).isFalse();
            for (String id : List.of("set-temperature", "job-start", "job-cancel", "emergency-stop")) {
                assertThat(button(id).isEnabled()).as(id).isFalse();
            }

            tablet.send("{\"type\":\"control.release\",\"id\":2}");
            awaitText("lease-holder", "nobody");
            await(d -> button("take-control").isEnabled());
        }
    }

    @Test
    void aServerRestartOnTheSamePortReconnectsAndResumesWithoutAReload() {
        logIn(DashboardHost.CONTROL_KEY);
        awaitText("connection", "authenticated");
        awaitText("server-state", "running");
        String firstEpoch = text("server-seq");
        WebElement chart = await(d -> d.findElement(By.cssSelector("#heater-extruder canvas")));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes'");
        int port = host.port();

        host.close();
        host = null;
        await(d -> !text("connection").equals("authenticated"));
        host = DashboardHost.start(port);

        awaitText("connection", "authenticated");
        await(d -> !epochOf(text("server-seq")).equals(epochOf(firstEpoch)));
        int samples = samples(chart);
        await(d -> samples(chart) > samples + 5);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument")).isEqualTo("yes");
        click("take-control");
        awaitText("lease-holder", "this tab");
    }

    // ------------------------------------------------------------------ helpers

    private static void logIn(String key) {
        WebElement field = await(d -> {
            WebElement input = d.findElement(By.id("key"));
            return input.isDisplayed() ? input : null;
        });
        field.sendKeys(key);
        browser.findElement(By.id("connect")).click();
    }

    private static <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(d -> {
            T value = condition.apply(d);
            return value instanceof Boolean b && !b ? null : value;
        });
    }

    private static void awaitText(String id, String expected) {
        await(d -> text(id).contains(expected));
    }

    private static void awaitNotification(String code) {
        await(d -> !d.findElements(By.cssSelector("#notification-list li[data-code='" + code + "']")).isEmpty());
    }

    /** @param idOrSelector an element id, or a CSS selector starting with {@code #} */
    private static String text(String idOrSelector) {
        By by = idOrSelector.startsWith("#") ? By.cssSelector(idOrSelector) : By.id(idOrSelector);
        return browser.findElement(by).getText();
    }

    private static double celsius(String selector) {
        String text = text(selector).replace(" °C", "");
        return text.equals("–") ? Double.NaN : Double.parseDouble(text);
    }

    private static int samples(WebElement chart) {
        return Integer.parseInt(Optional.ofNullable(chart.getDomAttribute("data-samples")).orElse("0"));
    }

    private static String epochOf(String seqText) {
        return seqText.substring(seqText.indexOf("epoch"));
    }

    private static WebElement button(String id) {
        return browser.findElement(By.id(id));
    }

    private static void click(String id) {
        await(d -> button(id).isDisplayed() && button(id).isEnabled());
        button(id).click();
    }

    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static void screenshot(String name) {
        if (browser == null) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("No screenshot of " + name + ": " + e);
        }
    }
}
