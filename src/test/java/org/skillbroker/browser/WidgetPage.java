package org.skillbroker.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.util.List;

/** The widget inside the Desktop stand-in, seen through its shadow root as a supervisor would use it. */
final class WidgetPage {

    private final Browser browser;

    WidgetPage(Browser browser) {
        this.browser = browser;
    }

    void open(String url) {
        browser.driver.get(url);
        browser.waiting().until(d -> d.findElement(By.id("widget")).getShadowRoot() != null);
    }

    SearchContext root() {
        return browser.driver.findElement(By.id("widget")).getShadowRoot();
    }

    WebElement find(String css) {
        return root().findElement(By.cssSelector(css));
    }

    /** Waits for the element, then returns it. */
    WebElement await(String css) {
        return browser.waiting().until(d -> {
            List<WebElement> found = root().findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** What the Desktop does when it renews {@code $STORE.auth.accessToken}. */
    void setToken(String token) {
        browser.driver.executeScript("document.getElementById('widget').setAttribute('access-token', arguments[0])",
                token);
    }

    List<String> profileNames() {
        return root().findElements(By.cssSelector("[role=option]")).stream()
                .map(b -> b.getText().split("\n")[0]).toList();
    }

    void awaitProfile(String name) {
        browser.waiting().until(d -> profileNames().contains(name));
    }

    void choose(String name) {
        // Found and clicked inside the wait: a list re-rendered in between only means another try.
        browser.waiting().until(d -> {
            WebElement button = root().findElements(By.cssSelector("[role=option]")).stream()
                    .filter(b -> b.getText().split("\n")[0].equals(name)).findFirst().orElse(null);
            if (button == null) {
                return false;
            }
            button.click();
            return true;
        });
        browser.waiting().until(d -> {
            List<WebElement> title = root().findElements(By.cssSelector("#profile-title"));
            return !title.isEmpty() && title.get(0).getText().equals(name);
        });
    }

    /** The profile title once {@code name} is open. */
    void awaitOpen(String name) {
        browser.waiting().until(d -> {
            List<WebElement> title = root().findElements(By.cssSelector("#profile-title"));
            return !title.isEmpty() && title.get(0).getText().equals(name);
        });
    }

    /** The element that has the focus inside the widget, or null. */
    WebElement focused() {
        return (WebElement) browser.driver.executeScript(
                "return document.getElementById('widget').shadowRoot.activeElement");
    }

    /** Clears a value as a person would: select it, delete it. */
    void clearSkill(String skillId) {
        WebElement input = skillInput(skillId);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    }

    void typeSkill(String skillId, String text) {
        WebElement input = skillInput(skillId);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }

    WebElement skillInput(String skillId) {
        return await("#skill-" + skillId);
    }

    /** Types a new value as a person would: select what is there, type over it. */
    void setSkill(String skillId, int value) {
        WebElement input = skillInput(skillId);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(value));
    }

    void save() {
        WebElement save = find("#save");
        browser.waiting().until(d -> save.isEnabled());
        save.click();
    }

    String messageKind() {
        return find("#message").getAttribute("data-kind");
    }

    String message() {
        return find("#message").getText();
    }

    /** Waits until the status region shows a message of this kind ("success", "error") and returns its text. */
    String awaitMessage(String kind) {
        browser.waiting().until(d -> kind.equals(messageKind()) && !message().isBlank());
        return message();
    }
}
