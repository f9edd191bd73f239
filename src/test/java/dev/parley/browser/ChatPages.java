package dev.parley.browser;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Parley's pages as a person uses them: fields by label, buttons by name. Elements are found
 * afresh for every action, because htmx swaps replace them (a kept {@link WebElement} goes stale).
 */
final class ChatPages {

    private final WebDriver driver;
    private final URI base;

    ChatPages(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base.resolve(path).toString());
    }

    void fill(String label, String text) {
        WebElement field = find(Labels.field(label));
        field.clear();
        field.sendKeys(text);
    }

    void press(String button) {
        find(Labels.button(button)).click();
    }

    /** Types into the field and presses Enter, as people send chat messages. */
    void typeAndEnter(String label, String text) {
        find(Labels.field(label)).sendKeys(text, Keys.ENTER);
    }

    String valueOf(String label) {
        return find(Labels.field(label)).getDomProperty("value");
    }

    /** Waits until the browser shows a page whose path matches, and returns that path. */
    String awaitPath(String regex) {
        patiently().until(this::path, p -> p.matches(regex));
        return path();
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** The text of every message in the page's message log, oldest first; read in one go through JS. */
    @SuppressWarnings("unchecked")
    List<String> messages() {
        return (List<String>)
                ((JavascriptExecutor) driver)
                        .executeScript(
                                "return Array.from(document.querySelectorAll('[role=log] .message .body'), b => b.innerText.trim());");
    }

    String text(By by) {
        return find(by).getText();
    }

    void signUp(String username, String password) {
        open("/register");
        fill("Username", username);
        fill("Password", password);
        press("Sign up");
        awaitPath("/");
    }

    void logIn(String username, String password) {
        open("/login");
        fill("Username", username);
        fill("Password", password);
        press("Log in");
        awaitPath("/");
    }

    WebElement find(By by) {
        return patiently().until(() -> driver.findElement(by), e -> true);
    }

    static ConditionFactory patiently() {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsMatching(
                        e -> e instanceof NoSuchElementException || e instanceof StaleElementReferenceException);
    }
}
