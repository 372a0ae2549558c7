package org.skillbroker.browser;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.skillbroker.desktop.DesktopPage;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.StoredState;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.WebexSimulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A supervisor uses the widget in headless Chromium, on a Desktop stand-in served from another origin than the
 * broker: the widget's calls are real cross-origin requests, and Contact Center is the Webex simulator.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class WidgetIT {

    private static final String PUT_PROFILE = "/organization/*/skill-profile/*";

    @RegisterExtension
    static final DesktopSession SESSION = new DesktopSession();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SESSION.deployment(Map.of());
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final DesktopPage desktop = SESSION.desktop();
    private final Browser browser = SESSION.browser();
    private final WidgetPage widget = new WidgetPage(browser);

    private static Map<String, String> skillValues(JsonObject profile) {
        Map<String, String> values = new HashMap<>();
        for (JsonObject skill : profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class)) {
            values.put(skill.getString("skillId"), String.valueOf(skill.get("proficiencyValue")) + "/"
                    + skill.get("booleanValue"));
        }
        return values;
    }

    private static int proficiency(JsonObject profile, String skillId) {
        return profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("skillId").equals(skillId)).findFirst().orElseThrow()
                .getInt("proficiencyValue");
    }

    @Test
    void supervisorChangesAProficiencyAndContactCenterKeepsEverythingElse() {
        String profileId = sim.seededProfiles().germanSpeaker();
        String german = sim.seededSkills().get("German");
        JsonObject before = sim.skillProfile(profileId).orElseThrow();
        int old = proficiency(before, german);
        int next = old >= 9 ? old - 3 : old + 2;
        widget.open(desktop.url("user=supervisor"));

        widget.awaitProfile("German Speaker");
        Axe.assertNoViolations(browser.driver, "list");
        widget.choose("German Speaker");
        assertEquals(String.valueOf(old), widget.skillInput(german).getAttribute("value"));
        Axe.assertNoViolations(browser.driver, "open");
        assertTrue(widget.find("tr[data-skill='" + sim.seededSkills().get("VIP") + "']").getText().contains("read-only"),
                "a BOOLEAN skill is shown read-only");
        widget.setSkill(german, next);
        assertEquals("Save 1 change", widget.find("#save").getText());
        Axe.assertNoViolations(browser.driver, "edited");
        sim.resetCounters();
        sim.faults().on("PUT", PUT_PROFILE, Fault.delay(Duration.ofMillis(800)), 1);
        widget.save();

        WebElement input = widget.skillInput(german);
        browser.waiting().until(d -> !input.isEnabled()); // disabled while saving
        assertFalse(widget.find("#save").isEnabled());
        String saved = widget.awaitMessage("success");
        assertTrue(saved.contains("Saved"), saved);
        assertTrue(saved.contains("German " + old + " → " + next), saved);

        JsonObject after = sim.skillProfile(profileId).orElseThrow();
        assertEquals(next, proficiency(after, german));
        Map<String, String> expected = skillValues(before);
        expected.put(german, next + "/false");
        assertEquals(expected, skillValues(after), "every other skill kept");
        assertEquals(before.getJsonArray("activeEnumSkills").getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("enumSkillValueId")).toList(),
                after.getJsonArray("activeEnumSkills").getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("enumSkillValueId")).toList(), "enum skills kept");
        assertEquals(before.getString("name"), after.getString("name"));
        assertEquals(before.getString("description"), after.getString("description"));
        assertEquals(before.getInt("version") + 1, after.getInt("version"));
        assertEquals(1, sim.count("PUT", PUT_PROFILE), "one save, one write");
        assertEquals(String.valueOf(next), widget.skillInput(german).getAttribute("value"));
        assertTrue(widget.skillInput(german).isEnabled(), "enabled again after saving");
        Axe.assertNoViolations(browser.driver, "saved");
        browser.picture("widget-light", 1000, 640);
    }

    @Test
    void expiredTokenShowsItsMessageAndTheRenewedTokenIsUsedAtOnce() {
        widget.open(desktop.url("user=none"));
        String expired = sim.issueDesktopToken(sim.supervisor());
        sim.expireAccessTokens();

        widget.setToken(expired);

        String message = widget.awaitMessage("error");
        assertTrue(message.contains("Your Desktop sign-in has expired"), message);
        assertTrue(message.contains("reload the Desktop"), message);
        assertEquals("alert", widget.find("#message").getAttribute("role"), "an error is announced");
        Axe.assertNoViolations(browser.driver, "error: sign-in expired");
        String renewed = sim.issueDesktopToken(sim.supervisor());
        widget.setToken(renewed);
        widget.awaitProfile("German Speaker");
        assertTrue(sim.received().stream().anyMatch(r -> r.path().equals("/v1/people/me")
                && ("Bearer " + renewed).equals(r.header("Authorization"))), "the renewed token was used");
        assertFalse("error".equals(widget.messageKind()), widget.message());
    }

    @Test
    void tokenRenewedByTheDesktopIsUsedForTheNextCall() {
        widget.open(desktop.url("user=none"));
        widget.setToken(sim.issueDesktopToken(sim.supervisor()));
        widget.awaitProfile("German Speaker");
        String renewed = sim.issueDesktopToken(sim.supervisor());
        sim.resetCounters();

        widget.setToken(renewed);
        assertEquals(0, sim.count("GET", "/v1/people/me"), "a renewed token alone causes no call");
        widget.choose("German Speaker");

        assertTrue(sim.received().stream().anyMatch(r -> r.path().equals("/v1/people/me")
                && ("Bearer " + renewed).equals(r.header("Authorization"))), "the next call used the renewed token");
    }

    @Test
    void agentIsRefusedWithTheBrokersReason() {
        widget.open(desktop.url("user=agent"));

        String message = widget.awaitMessage("error");

        assertTrue(message.contains("Skill changes are not available to you"), message);
        assertTrue(message.contains("STANDARD_AGENT"), message);
        assertTrue(message.contains("ask your administrator"), message);
        assertTrue(widget.profileNames().isEmpty());
        // Defect 11: nothing but the reason: no empty list, no pager, no "Choose a skill profile".
        assertFalse(widget.find(".layout").isDisplayed(), "no list or editor for someone who may not use them");
        assertFalse(widget.root().findElement(org.openqa.selenium.By.cssSelector(".root")).getText()
                .contains("Choose a skill profile"));
        assertTrue(widget.root().findElements(org.openqa.selenium.By.cssSelector("#retry")).isEmpty(),
                "retrying cannot help");
        Axe.assertNoViolations(browser.driver, "error: not a supervisor");
    }

    @Test
    void conflictTellsTheSupervisorToReloadAndKeepsTheEdit() {
        String profileId = sim.seededProfiles().germanSpeaker();
        String spanish = sim.seededSkills().get("Spanish");
        JsonObject before = sim.skillProfile(profileId).orElseThrow();
        int next = proficiency(before, spanish) == 10 ? 9 : 10;
        widget.open(desktop.url("user=supervisor"));
        widget.choose("German Speaker");
        widget.setSkill(spanish, next);
        sim.faults().on("PUT", PUT_PROFILE, Fault.status(409), -1);

        widget.save();

        String message = widget.awaitMessage("error");
        assertTrue(message.contains("Changed by someone else"), message);
        assertTrue(message.contains("Reload"), message);
        Axe.assertNoViolations(browser.driver, "error: conflict");
        assertEquals(String.valueOf(next), widget.skillInput(spanish).getAttribute("value"), "the edit is kept");
        assertEquals(before, sim.skillProfile(profileId).orElseThrow(), "nothing written");
    }

    @Test
    void searchFiltersTheListAndTheWidgetFitsANarrowDarkPanel() {
        browser.size(900, 800);
        widget.open(desktop.url("user=supervisor&dark=1&narrow=1"));
        widget.awaitProfile("German Speaker");

        widget.find("#search").sendKeys("germ");

        browser.waiting().until(d -> widget.profileNames().equals(java.util.List.of("German Speaker")));
        widget.choose("German Speaker");
        assertEquals("true", browser.driver.findElement(org.openqa.selenium.By.id("widget")).getAttribute("dark-mode"));
        long overflow = (Long) browser.driver.executeScript(
                "const w = document.getElementById('widget'); return w.scrollWidth - w.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling in a narrow panel");
        Axe.assertNoViolations(browser.driver, "dark, narrow panel");
        browser.size(1000, 640);
        widget.open(desktop.url("user=supervisor&dark=1"));
        widget.choose("German Speaker");
        widget.setSkill(sim.seededSkills().get("German"), 8);
        Axe.assertNoViolations(browser.driver, "dark, edited");
        browser.picture("widget-dark", 1000, 640);
    }

    @Test
    void anInvalidValueStaysMarkedAndBlocksSaveWhateverElseIsEdited() {
        String german = sim.seededSkills().get("German");
        String spanish = sim.seededSkills().get("Spanish");
        String profileId = sim.seededProfiles().germanSpeaker();
        JsonObject before = sim.skillProfile(profileId).orElseThrow();
        int spanishNext = proficiency(before, spanish) == 9 ? 8 : 9;
        widget.open(desktop.url("user=supervisor"));
        widget.choose("German Speaker");

        widget.typeSkill(german, "11");
        widget.setSkill(spanish, spanishNext);                      // an edit elsewhere keeps the error

        assertEquals("true", widget.skillInput(german).getAttribute("aria-invalid"));
        String message = widget.awaitMessage("error");
        assertTrue(message.contains("Enter a whole number from 0 to 10 for German"), message);
        assertFalse(widget.find("#save").isEnabled(), "no Save while a value is invalid");
        assertEquals("Save", widget.find("#save").getText(), "no change count while a value is invalid");
        Axe.assertNoViolations(browser.driver, "invalid");

        widget.clearSkill(german);                                   // a cleared field is not the saved value
        sim.resetCounters();
        widget.skillInput(spanish).sendKeys(org.openqa.selenium.Keys.ENTER); // submitting the form anyway
        assertEquals("", widget.skillInput(german).getAttribute("value"), "never silently restored");
        assertEquals("true", widget.skillInput(german).getAttribute("aria-invalid"));
        assertFalse(widget.find("#save").isEnabled());
        assertEquals(0, sim.count("PUT", PUT_PROFILE), "nothing saved while a value is missing");

        widget.typeSkill(german, String.valueOf(proficiency(before, german)));
        browser.waiting().until(d -> widget.message().isBlank());
        assertEquals("Save 1 change", widget.find("#save").getText());
    }

    @Test
    void theWaitingNoticeGoesWhenTheTokenArrives() {
        widget.open(desktop.url("user=none"));
        assertTrue(widget.awaitMessage("info").contains("Waiting for your Desktop sign-in"));

        widget.setToken(sim.issueDesktopToken(sim.supervisor()));

        widget.awaitProfile("German Speaker");
        browser.waiting().until(d -> widget.message().isBlank());
    }

    @Test
    void aListThatFailsToLoadOffersRetryAndSendsNoOneToAnAdminPage() {
        sim.faults().on("GET", "/organization/*/v2/skill-profile", Fault.status(500), -1);
        widget.open(desktop.url("user=supervisor"));

        String message = widget.awaitMessage("error");

        assertTrue(message.contains("Something went wrong on the way to Webex"), message);
        assertFalse(message.contains("/setup"), message);
        assertFalse(message.contains("changes are kept"), "nothing was edited: " + message);
        Axe.assertNoViolations(browser.driver, "error: list failed (5xx)");
        sim.faults().clear();
        widget.find("#retry").click();
        widget.awaitProfile("German Speaker");
        browser.waiting().until(d -> widget.message().isBlank());
    }

    @Test
    void aBrokerWithoutAGrantSaysSoAndRetriesWhenAsked() throws Exception {
        StoredState.deleteGrant();
        try {
            widget.open(desktop.url("user=supervisor"));

            String message = widget.awaitMessage("error");

            assertTrue(message.contains("Skill changes are unavailable right now"), message);
            assertTrue(message.contains("Tell your administrator"), message);
            assertFalse(message.contains("/setup") || message.contains("changes are kept"), message);
            Axe.assertNoViolations(browser.driver, "error: broker not connected");
        } finally {
            assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        }
        widget.find("#retry").click();
        widget.awaitProfile("German Speaker");
    }

    @Test
    void switchingProfilesWithUnsavedEditsAsksFirst() {
        String german = sim.seededSkills().get("German");
        widget.open(desktop.url("user=all-teams-supervisor"));
        widget.choose("German Speaker");
        widget.setSkill(german, 1);

        clickOption("Billing Experts");

        WebElement confirm = widget.await("#confirm");
        assertTrue(confirm.getText().contains("You have 1 unsaved change in “German Speaker”"), confirm.getText());
        assertEquals("keep", widget.focused().getAttribute("id"), "the safe choice has the focus");
        Axe.assertNoViolations(browser.driver, "unsaved edits: confirm");
        widget.find("#keep").click();
        assertEquals("1", widget.skillInput(german).getAttribute("value"), "the edit is kept");
        assertEquals("German Speaker", widget.find("#profile-title").getText());

        clickOption("Billing Experts");
        widget.await("#discard").click();
        widget.awaitOpen("Billing Experts");
    }

    @Test
    void theProfileListIsOneTabStopWithArrowKeys() {
        widget.open(desktop.url("user=all-teams-supervisor"));
        widget.awaitProfile("German Speaker");
        java.util.List<String> names = widget.profileNames();
        assertTrue(names.size() >= 3, names.toString());

        widget.find("#search").click();
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        assertEquals("profiles", widget.focused().getAttribute("id"), "Tab goes to the list as one stop");
        assertEquals("listbox", widget.focused().getAttribute("role"));
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.ARROW_DOWN,
                org.openqa.selenium.Keys.ARROW_DOWN).perform();
        assertEquals("option-2", widget.find("#profiles").getAttribute("aria-activedescendant"));
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.ENTER).perform();

        widget.awaitOpen(names.get(2));
        assertEquals("true", widget.find("#option-2").getAttribute("aria-selected"));
        assertTrue(widget.root().findElements(org.openqa.selenium.By.cssSelector(
                "#profiles [tabindex], #profiles button, #profiles a")).isEmpty(), "no Tab stop per profile");
    }

    @Test
    void aBusyWebexMakesSaveWaitAndCountsDown() {
        String german = sim.seededSkills().get("German");
        widget.open(desktop.url("user=supervisor"));
        widget.choose("German Speaker");
        widget.setSkill(german, 2);
        sim.faults().on("PUT", PUT_PROFILE, Fault.rateLimited(4), -1);

        widget.save();

        String message = widget.awaitMessage("error");
        sim.faults().clear();
        assertTrue(message.contains("Webex is busy"), message);
        assertTrue(message.contains("Your changes are kept"), message);
        assertFalse(message.contains("Retry-After"), "no jargon: " + message);
        assertEquals(1, message.split("(?i)try again", -1).length - 1, "said once: " + message);
        String first = widget.find("#wait").getText();
        assertTrue(first.matches("Save is possible again in \\d seconds?\\."), first);
        Axe.assertNoViolations(browser.driver, "error: Webex busy");
        browser.waiting().until(d -> !widget.find("#wait").getText().equals(first)); // counts down
        browser.waiting().until(d -> widget.find("#save").isEnabled());
        assertEquals("", widget.find("#wait").getText());
        assertEquals("2", widget.skillInput(german).getAttribute("value"), "the edit is kept");
    }

    @Test
    void everyLanguageRendersWithoutUntranslatedText() {
        Map<String, String[]> expected = new java.util.LinkedHashMap<>();
        expected.put("en-US", new String[]{"en", "Skills", "Save"});
        expected.put("de-DE", new String[]{"de", "Skills", "Speichern"});
        expected.put("fr-FR", new String[]{"fr", "Compétences", "Enregistrer"});
        expected.put("es-ES", new String[]{"es", "Habilidades", "Guardar"});
        expected.put("pt-BR", new String[]{"pt-BR", "Habilidades", "Salvar"});
        expected.put("ja-JP", new String[]{"ja", "スキル", "保存"});
        @SuppressWarnings("unchecked")
        java.util.List<String> shipped = (java.util.List<String>) browserWidgetLanguages();
        assertEquals(java.util.List.of("en", "de", "fr", "es", "pt-BR", "ja"), shipped);
        for (Map.Entry<String, String[]> language : expected.entrySet()) {
            String lang = language.getValue()[0];
            widget.open(desktop.url("user=supervisor&locale=" + language.getKey()));
            widget.choose("German Speaker");

            assertEquals(java.util.List.of(), browser.driver.executeScript(
                    "return customElements.get('skill-editor-widget').untranslated(arguments[0])", lang), lang);
            assertEquals(lang, widget.find(".root").getAttribute("lang"));
            assertEquals(language.getValue()[1], widget.find("h2").getText(), lang);
            assertEquals(language.getValue()[2], widget.find("#save").getText(), lang);
            String text = widget.find(".root").getText();
            assertFalse(text.contains("{") || text.contains("}"), lang + ": a placeholder left: " + text);
            if (!"en".equals(lang)) {
                for (String english : new String[]{"Proficiency runs", "Undo changes", "Reload", "Find a skill profile"}) {
                    assertFalse(text.contains(english), lang + " shows English \"" + english + "\": " + text);
                }
            }
            Axe.assertNoViolations(browser.driver, "language " + lang);
        }
        assertEquals("en", browser.driver.executeScript("const w = document.createElement('skill-editor-widget');"
                + "w.setAttribute('locale', '$STORE.app.locale'); document.body.append(w);"
                + "const lang = w.shadowRoot.querySelector('.root').lang; w.remove(); return lang;"),
                "an unfilled attribute falls back to the browser's language (English here)");
    }

    private Object browserWidgetLanguages() {
        widget.open(desktop.url("user=none"));
        return browser.driver.executeScript("return customElements.get('skill-editor-widget').languages");
    }

    @Test
    void fitsA400PixelWindowWithoutSideways() {
        browser.size(400, 800);
        widget.open(desktop.url("user=supervisor"));
        widget.choose("German Speaker");

        long overflow = (Long) browser.driver.executeScript(
                "const w = document.getElementById('widget'); return w.scrollWidth - w.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling at 400 px");
        Axe.assertNoViolations(browser.driver, "400 px");
    }

    private void clickOption(String name) {
        browser.waiting().until(d -> {
            WebElement option = widget.root().findElements(org.openqa.selenium.By.cssSelector("[role=option]")).stream()
                    .filter(o -> o.getText().split("\n")[0].equals(name)).findFirst().orElse(null);
            if (option == null) {
                return false;
            }
            option.click();
            return true;
        });
    }
}
