package org.skillbroker.browser;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium driven by its chromedriver, both given explicitly (docs/stack.md, gotcha 9: otherwise
 * Selenium Manager tries a download first). One per test class; {@link #close()} in {@code @AfterAll}.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String DRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    private static final String[] BINARIES = {"/usr/lib/chromium/chromium", "/usr/bin/chromium"};

    public final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            for (String binary : BINARIES) {
                if (Files.isExecutable(Path.of(binary))) {
                    options.setBinary(binary);
                    break;
                }
            }
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriverWait waiting() {
        // The widget re-renders lists as results arrive: an element read mid-render is stale, not a failure.
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the whole page as a person would see it now, as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        Dimension size = driver.manage().window().getSize();
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Object height = driver.executeScript("return Math.max(document.documentElement.scrollHeight,"
                    + " document.body ? document.body.scrollHeight : 0)");
            int page = height instanceof Number n ? n.intValue() : size.getHeight();
            if (page > size.getHeight()) {
                driver.manage().window().setSize(new Dimension(size.getWidth(), Math.min(page + 140, 4000)));
            }
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** Where the README's pictures live; refreshed from the browser tests by {@code -Dreadme.pictures=true}. */
    public static final Path PICTURES = Path.of("docs", "images");
    private static final Path FRESH_PICTURES = Path.of("target", "readme-pictures");

    /**
     * Saves what the window shows now (not the whole page) as {@code target/readme-pictures/<name>.png}, at a size
     * that keeps the file small, and, with {@code -Dreadme.pictures=true}, into {@code docs/images/} for the
     * README. Not by default: the pictures carry times and ports, so every run would change tracked files.
     */
    public void picture(String name, int width, int height) {
        Dimension size = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(width, height));
            Files.createDirectories(FRESH_PICTURES);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path fresh = FRESH_PICTURES.resolve(name + ".png");
            Files.copy(shot.toPath(), fresh, StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("readme.pictures")) {
                Files.createDirectories(PICTURES);
                Path target = PICTURES.resolve(name + ".png");
                Files.copy(fresh, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** The operating system's dark mode as pages see it ({@code prefers-color-scheme}); false turns it off. */
    public void prefersDark(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                java.util.List.of(java.util.Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** The Accept-Language header of every request from now on; null for the browser's own again. */
    public void languages(String acceptLanguage) {
        driver.executeCdpCommand("Network.enable", java.util.Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", java.util.Map.of("headers",
                acceptLanguage == null ? java.util.Map.of() : java.util.Map.of("Accept-Language", acceptLanguage)));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory: the OS cleans it eventually
            }
        }
    }
}
