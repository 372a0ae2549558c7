package org.skillbroker.audit;

import org.skillbroker.skills.entity.ChangedSkill;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known about one PATCH as it goes through the broker; filled in step by step (caller, profile, old and
 * new values, trackingId) and written to the audit trail once, whatever the outcome. Confined to the request's
 * thread.
 */
public final class ChangeAttempt {

    String personId = "";
    String email = "";
    String name = "";
    String org = "";
    String profileId = "";
    String profileName = "";
    List<ChangedSkill> skills = List.of();
    String trackingId = "";
    final String clientAddress;

    public ChangeAttempt(String clientAddress) {
        this.clientAddress = clientAddress == null ? "" : clientAddress;
    }

    public void caller(String personId, String email, String name, String org) {
        this.personId = personId;
        this.email = email;
        this.name = name;
        this.org = org;
    }

    public void profile(String id, String name) {
        this.profileId = id == null ? "" : id;
        this.profileName = name == null ? "" : name;
    }

    public void skills(List<ChangedSkill> skills) {
        this.skills = List.copyOf(new ArrayList<>(skills));
    }

    /** Webex's trackingId of the last call of the change ("" when none). */
    public String trackingId() {
        return trackingId;
    }

    public void trackingId(String trackingId) {
        this.trackingId = trackingId == null ? "" : trackingId;
    }
}
