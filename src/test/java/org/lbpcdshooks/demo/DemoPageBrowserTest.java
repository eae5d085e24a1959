package org.lbpcdshooks.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo page in a real browser (Debian's chromium, driven through chromedriver by Selenium): a clinician picks the
 * cauda equina patient (V-09), selects the drafted lumbar MRI, sees the critical card, accepts its referral, and the
 * feedback lands in the database. The service runs on the real clock, so the page's dates are moved to today as a
 * user would see them. A screenshot of the page with the card is left in {@code target/demo-screenshot.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = LbpCdsHooksApplication.class)
class DemoPageBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("lbp.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("lbp.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOT = Path.of("target/demo-screenshot.png");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private Path profile;
    private ChromeDriverService driverService;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The demo page browser test needs Debian's chromium and chromedriver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ". Install them with: apt-get install -y chromium chromium-driver "
                    + "(.ci/run does this when they are missing).");
        }
        profile = Files.createTempDirectory("lbp-demo-chromium-");
        // An explicit driver executable: Selenium Manager is never asked to download anything.
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--lang=en-US", "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theClinicianAcceptsTheCaudaEquinaReferralAndTheFeedbackIsStored() throws IOException {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://127.0.0.1:" + port + "/");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));

        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        new Select(browser.findElement(By.id("patient"))).selectByValue(DemoPatientsTest.CAUDA_EQUINA);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("facts"), "Saddle anaesthesia"));
        assertThat(browser.findElement(By.id("facts")).getText())
                .contains("woman, 48 years", "Urinary retention", "naproxen", "(today)");
        assertThat(new Select(browser.findElement(By.id("hook"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("order-select");
        assertThat(browser.findElement(By.id("orders")).getText()).contains("MR Lumbar spine");

        browser.findElement(By.id("run")).click();
        var card = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#cards .card[data-indicator='critical']")));

        assertThat(card.findElement(By.className("card-summary")).getText())
                .isEqualTo("Urgent neurologist consult: suspected cauda equina");
        assertThat(card.findElement(By.className("badge")).getText()).isEqualToIgnoringCase("Critical");
        assertThat(card.findElement(By.className("card-source")).getText()).contains("NHG", "LBP-RF-01");
        assertThat(card.findElement(By.className("card-detail")).getText()).contains("Saddle anaesthesia");
        assertThat(card.getCssValue("border-left-color")).matches("rgba?\\(179, 38, 30(, 1)?\\)"); // --critical
        assertThat(browser.findElements(By.cssSelector("#cards .card"))).hasSize(1);

        WebElement suggestion = card.findElement(By.cssSelector("button.suggestion"));
        assertThat(suggestion.getText()).contains("Refer to Neurology");
        var cardUuid = card.getAttribute("data-uuid");
        var suggestionUuid = suggestion.getAttribute("data-uuid");
        suggestion.click();
        var status = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#cards .card .feedback-status.ok")));
        assertThat(status.getText()).contains("Feedback stored");

        var stored = jdbc.queryForList(
                "SELECT f.outcome, f.accepted_suggestions, c.rule_id FROM card_feedback f "
                        + "JOIN issued_card c ON c.card_uuid = f.card_uuid WHERE f.card_uuid = ?",
                cardUuid);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).containsEntry("OUTCOME", "accepted")
                .containsEntry("ACCEPTED_SUGGESTIONS", suggestionUuid)
                .containsEntry("RULE_ID", "LBP-RF-01");

        screenshotOfTheWholePage();
    }

    @Test
    void cardTextIsRenderedAsMarkdownWithHtmlEscaped() {
        browser.get("http://127.0.0.1:" + port + "/");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));

        var html = (String) ((JavascriptExecutor) browser).executeScript(
                "return renderMarkdown(arguments[0]);",
                "<img src=x onerror=alert(1)> **urgent** [NHG](https://www.nhg.org) [x](javascript:alert(1))\n\n- one\n- two");

        assertThat(html).doesNotContain("<img", "href=\"javascript")
                .contains("&lt;img src=x onerror=alert(1)&gt;", "<strong>urgent</strong>",
                        "<a href=\"https://www.nhg.org\"", "<ul><li>one</li><li>two</li></ul>");
    }

    /** Headless windows do not grow past the screen, so the viewport is made as tall as the page instead. */
    private void screenshotOfTheWholePage() throws IOException {
        var height = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight;")).intValue();
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 1280, "height", Math.min(height, 4000), "deviceScaleFactor", 1, "mobile", false));
        var png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(png.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }
}
