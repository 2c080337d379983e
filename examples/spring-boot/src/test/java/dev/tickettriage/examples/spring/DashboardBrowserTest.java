package dev.tickettriage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromium-driver): create an angry ticket and see it
 * appear, then turn classified with a negative badge, without reloading the page; screenshots go to
 * {@code target/dashboard*.png}. Without Chromium it skips with a message; under CI=true it must run.
 */
@AppTest
class DashboardBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @LocalServerPort
    int port;

    private ChromeDriver driver;
    private Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: .ci/run installs the Debian packages chromium and chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Chromium not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): skipping the browser test; apt-get install chromium chromium-driver to run it");
        profile = Files.createTempDirectory("triage-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (driver != null) driver.quit();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void should_show_a_new_angry_ticket_and_its_negative_badge_without_reloading() throws Exception {
        try {
            createAndWatch();
        } catch (RuntimeException | AssertionError e) {
            screenshot("dashboard-failure.png");   // what the page showed when it failed
            throw new AssertionError("dashboard test failed; page status: '" + driver.findElement(By.id("live")).getText()
                    + "', screenshot target/dashboard-failure.png", e);
        }
    }

    private void createAndWatch() throws Exception {
        // rows are re-rendered on every event: read them inside waits that retry a stale element
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        driver.get("http://127.0.0.1:" + port + "/");
        wait.until(d -> d.findElement(By.id("live")).getText().equals("Live"));
        ((JavascriptExecutor) driver).executeScript("window.notReloaded = true;");

        String subject = "Charged twice " + System.nanoTime();
        driver.findElement(By.id("new-subject")).sendKeys(subject);
        driver.findElement(By.id("new-body")).sendKeys("This is outrageous! You charged my card twice, nobody answers "
                + "and I am furious. Refund me immediately or I cancel.");
        driver.findElement(By.id("new-email")).sendKeys("angry.customer@example.com");
        driver.findElement(By.id("create-button")).click();

        By row = By.xpath("//li[contains(@class,'ticket')][.//div[@class='ticket-title' and text()='" + subject + "']]");
        Boolean shown = wait.until(d -> d.findElement(row).isDisplayed());
        assertThat(shown).isTrue();
        String sentiment = wait.until(d -> d.findElements(row).stream()
                .flatMap(item -> item.findElements(By.cssSelector(".badge.sentiment")).stream())
                .map(badge -> badge.getAttribute("data-value")).findFirst().orElse(null));
        assertThat(sentiment).isIn("negative", "very_negative");
        String category = wait.until(d -> d.findElement(row).findElement(By.cssSelector(".badge.category")).getText());
        assertThat(category).isEqualTo("billing");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded === true;")).isEqualTo(true);
        wait.until(d -> !d.findElement(By.id("stat-total")).getText().equals("0"));
        screenshot("dashboard.png");

        // the detail view: confidence, rationale, editable reply, one-click correction
        wait.until(d -> {
            d.findElement(row).click();
            return true;
        });
        String suggested = wait.until(d -> {
            String value = d.findElement(By.id("reply")).getAttribute("value");
            return value == null || value.isBlank() ? null : value;
        });
        assertThat(suggested).isNotBlank();
        String detail = wait.until(d -> d.findElement(By.id("detail")).getText());
        assertThat(detail).contains("Confidence").contains("Rationale");
        wait.until(d -> {
            d.findElement(By.xpath("//div[@aria-label='Category']/button[text()='account']")).click();
            return true;
        });
        wait.until(d -> d.findElement(row).findElement(By.cssSelector(".badge.category")).getText().equals("account"));
        screenshot("dashboard-detail.png");

        // the Ask box: this app has no model, so the assistant's 503 problem shows as its answer
        driver.findElement(By.id("ask-question")).sendKeys("How many tickets are open?");
        driver.findElement(By.id("ask-button")).click();
        wait.until(d -> d.findElement(By.id("ask-answer")).getText().contains("No LLM is configured"));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('ask-form').scrollIntoView();");
        screenshot("dashboard-ask.png");

        driver.manage().window().setSize(new Dimension(420, 1100));
        Thread.sleep(300);   // let the layout settle before the narrow screenshot
        assertThat(((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1;"))
                .as("no horizontal scrolling in a narrow window").isEqualTo(true);
        screenshot("dashboard-narrow.png");
    }

    private void screenshot(String name) throws Exception {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
