package org.skillbroker.setup;

import org.junit.jupiter.api.Test;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.changes.FieldChange;
import org.skillbroker.web.Messages;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit rows of the status page: a refusal is never a blank cell, a raw id, or a raw code alone. */
class StatusPageTest {

    private static final Messages EN = Messages.of(Locale.ENGLISH);
    private static final String PROFILE_ID = "6f1c2d3e-aaaa-bbbb-cccc-0123456789ab";

    private static AuditEntry entry(String email, String name, String profileName, String outcome, int status) {
        return new AuditEntry(Instant.parse("2026-11-29T12:00:00Z"), "", email, name, "org", PROFILE_ID, profileName,
                List.<FieldChange>of(), outcome, status, "", "127.0.0.1");
    }

    @Test
    void aRefusalBeforeTheCallerIsKnownSaysSo() {
        AuditEntry refused = entry("", "", "", "not-a-supervisor", 403);
        assertTrue(StatusPage.who(EN, refused).contains("Unknown caller"), StatusPage.who(EN, refused));
        String profile = StatusPage.profile(EN, refused);
        assertTrue(profile.contains("Unknown profile"), profile);
        assertFalse(profile.contains(">" + PROFILE_ID + "<"), "the whole raw id is not the cell's text: " + profile);
    }

    @Test
    void outcomesSayWhetherItWorked() {
        assertTrue(StatusPage.outcome(EN, entry("a@b", "A", "P", "changed", 200)).contains("outcome-ok"));
        String refused = StatusPage.outcome(EN, entry("a@b", "A", "P", "not-a-supervisor", 403));
        assertTrue(refused.contains("outcome-bad") && refused.contains("Refused (403)"), refused);
        String failed = StatusPage.outcome(EN, entry("a@b", "A", "P", "webex-unavailable", 503));
        assertTrue(failed.contains("outcome-bad") && failed.contains("Failed (503)"), failed);
        assertEquals("A <span class=\"muted\"><span class=\"nowrap\">a@b</span></span>",
                StatusPage.who(EN, entry("a@b", "A", "P", "changed", 200)));
    }
}
