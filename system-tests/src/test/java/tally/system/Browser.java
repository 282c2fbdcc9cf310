package tally.system;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import tally.db.TempDirectory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Chromium, headless, driven through chromedriver: Debian's chromium and chromium-driver
 * packages (which .ci/run installs), never a browser a tool downloads. Screenshots go to
 * target/screenshots, one per step a test names.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * A person's Chromium on Linux. Headless Chromium names itself HeadlessChrome, which Tally's
     * bot filter drops, as it should; the tests act as a person, so they say what a person's
     * browser says.
     */
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    /** Long enough for a cold JIT and a processing round; a wait ends as soon as its condition holds. */
    static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    private final TempDirectory profile = TempDirectory.create("chromium-profile");
    private final Path screenshots;

    Browser(int width, int height) {
        for (Path needed : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed + " is missing: the browser tests need Debian's chromium and "
                        + "chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
            }
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // Headless, and no calls home: this machine's network is closed and refuses them.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile.path(),
                "--user-agent=" + USER_AGENT,
                // Nor does it set navigator.webdriver, which Tally's snippet takes for automation.
                "--disable-blink-features=AutomationControlled");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        try {
            this.screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@link #WAIT}. */
    <T> T await(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
    }

    /** Saves what the page shows now as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(name + ".png");
        try {
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    @Override
    public void close() {
        driver.quit();
        profile.close();
    }
}
