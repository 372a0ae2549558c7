package org.skillbroker.audit;

import org.skillbroker.changes.FieldChange;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * What is known about one change as it goes through the broker; filled in step by step (caller, resource, old
 * and new values, trackingId) and written to the audit trail once, whatever the outcome. Confined to the
 * request's (or the revert's) thread.
 */
public final class ChangeAttempt {

    private static final SecureRandom RANDOM = new SecureRandom();

    String personId = "";
    String email = "";
    String name = "";
    String org = "";
    String kind = AuditEntry.SKILL_PROFILE;
    String resourceId = "";
    String resourceName = "";
    List<FieldChange> changes = List.of();
    String trackingId = "";
    final String clientAddress;
    final String changeId = newId();
    String cause = "";
    String causeOf = "";
    Instant until;

    public ChangeAttempt(String clientAddress) {
        this.clientAddress = clientAddress == null ? "" : clientAddress;
    }

    /** A fresh change id: 22 characters of base64url (128 random bits), usable as a pending revert's id. */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public void caller(String personId, String email, String name, String org) {
        this.personId = personId == null ? "" : personId;
        this.email = email == null ? "" : email;
        this.name = name == null ? "" : name;
        this.org = org == null ? "" : org;
    }

    /** Which resource: its kind (e.g. {@code skill-profile}), id and name. */
    public void resource(String kind, String id, String name) {
        this.kind = kind == null || kind.isEmpty() ? AuditEntry.SKILL_PROFILE : kind;
        this.resourceId = id == null ? "" : id;
        this.resourceName = name == null ? "" : name;
    }

    /** A skill profile (the kind stays as set, skill-profile by default). */
    public void profile(String id, String name) {
        this.resourceId = id == null ? "" : id;
        this.resourceName = name == null ? "" : name;
    }

    public void changes(List<FieldChange> changes) {
        this.changes = List.copyOf(changes);
    }

    /** Why the broker makes this change ({@code undo}, {@code revert}, ...) and which change it refers to. */
    public void cause(String cause, String causeOf) {
        this.cause = cause == null ? "" : cause;
        this.causeOf = causeOf == null ? "" : causeOf;
    }

    /** A timed change: when it is to be reverted. */
    public void until(Instant until) {
        this.until = until;
    }

    public String changeId() {
        return changeId;
    }

    public String kind() {
        return kind;
    }

    public String resourceId() {
        return resourceId;
    }

    public String resourceName() {
        return resourceName;
    }

    public List<FieldChange> changes() {
        return changes;
    }

    public String personId() {
        return personId;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String org() {
        return org;
    }

    /** Webex's trackingId of the last call of the change ("" when none). */
    public String trackingId() {
        return trackingId;
    }

    public void trackingId(String trackingId) {
        this.trackingId = trackingId == null ? "" : trackingId;
    }
}
