package org.centurion.seatmanager.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in a real browser (issue 13): headless Debian chromium with its virtual authenticator (CTAP2,
 * platform, user verification) registers a passkey on the console's password page in one session; in a
 * later session the passkey is the second factor of a console change (creating a user); the same
 * assertion sent again is refused, and so is the change with the password alone once a factor exists.
 * The page is served from http://localhost, the development relying party, under the console's CSP.
 * Skipped only when chromium is absent outside CI; in CI it must run.
 */
class PasskeyBrowserTest {
  static ConsoleFixture c;
  static ChromeDriver browser;
  static WebDriverWait wait;
  static VirtualAuthenticator authenticator;

  @BeforeAll
  static void start() {
    boolean installed = Files.isExecutable(ConsoleBrowserTest.CHROMIUM) && Files.isExecutable(ConsoleBrowserTest.CHROMEDRIVER);
    Assumptions.assumeTrue(installed || "true".equals(System.getenv("CI")),
        "browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not installed");
    c = new ConsoleFixture(Map.of("SEAT_MANAGER_SECURE_COOKIES", "true"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(ConsoleBrowserTest.CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(ConsoleBrowserTest.CHROMEDRIVER.toString())).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2).setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
        .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (c != null) {
      c.close();
    }
  }

  static String base() {
    // localhost, not 127.0.0.1: WebAuthn takes no IP address as relying party id
    return c.api.baseUrl().replace("127.0.0.1", "localhost");
  }

  static void signIn(SecurityFixture.TestUser u) {
    browser.get(base() + "/console/login");
    browser.findElement(By.id("username")).sendKeys(u.username());
    browser.findElement(By.id("password")).sendKeys(u.password());
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlToBe(base() + "/console/login")));
  }

  static void createUser(String password) {
    browser.findElement(By.id("confirm-password")).clear();
    browser.findElement(By.id("confirm-password")).sendKeys(password);
    browser.findElement(By.id("new-username")).clear();
    browser.findElement(By.id("new-username")).sendKeys(SecurityFixture.uniqueName("made"));
    browser.findElement(By.id("create-user-button")).click();
  }

  @Test
  void aPasskeyRegisteredInOneSessionPassesTheReauthenticationOfAnotherAndItsAssertionIsSpentOnce() {
    SecurityFixture.TestUser admin = c.fx.user(Role.ADMIN);
    signIn(admin);
    browser.get(base() + "/console/password");
    browser.findElement(By.id("passkey-password")).sendKeys(admin.password());
    browser.findElement(By.id("passkey-label")).clear();
    browser.findElement(By.id("passkey-label")).sendKeys("browser key");
    browser.findElement(By.id("add-passkey")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passkey-result"), "added"));
    assertThat(browser.findElement(By.id("passkey-result")).getText()).contains("browser key");
    assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
    assertThat(authenticator.getCredentials()).hasSize(1);
    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.urlToBe(base() + "/console/login"));

    // a new session: the passkey is the second factor of a change
    signIn(admin);
    browser.get(base() + "/console/users");
    // with a factor enrolled, the password alone no longer re-authenticates (a stolen session learns nothing more)
    createUser(admin.password());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#user-result [data-error-code=STEP_UP_FAILED]")));

    browser.findElement(By.id("use-passkey")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passkey-status"), "ready"));
    JavascriptExecutor js = browser;
    String challenge = (String) js.executeScript("return document.getElementById('passkey-challenge').value");
    String credential = (String) js.executeScript("return document.getElementById('passkey-credential').value");
    assertThat(credential).contains("authenticatorData");
    createUser(admin.password());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("temporary-password")));
    assertThat(authenticator.getCredentials().get(0).getSignCount()).isPositive();

    // the captured assertion, put back and sent again: its challenge is spent
    js.executeScript("document.getElementById('passkey-challenge').value = arguments[0];"
        + "document.getElementById('passkey-credential').value = arguments[1];", challenge, credential);
    createUser(admin.password());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#user-result [data-error-code=STEP_UP_FAILED]")));

    List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getMessage().contains("Content Security Policy")).toList();
    assertThat(problems).as("browser console").isEmpty();
  }
}
