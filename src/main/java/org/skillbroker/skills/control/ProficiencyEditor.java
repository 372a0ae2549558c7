package org.skillbroker.skills.control;

import jakarta.json.JsonObject;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.problem.ApiException;
import org.skillbroker.skills.entity.ChangedSkill;
import org.skillbroker.skills.entity.ProficiencyChange;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.SkillProfilesClient;
import org.skillbroker.webex.SkillsClient;
import org.skillbroker.webex.WebexConflictException;
import org.skillbroker.webex.WebexHttp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read-modify-write of a skill profile with the admin token (webex-api.md §3.3): GET the full profile, change
 * only the requested proficiencies, PUT the whole object back. Writes to one profile are serialised within the
 * node ({@link ProfileLocks}); across nodes, and against changes made in Control Hub, Contact Center's
 * {@code version} check rejects a stale PUT, and the editor re-reads and applies the change again on top of
 * the newer profile, a bounded number of times. So concurrent changes never overwrite each other's values.
 */
public final class ProficiencyEditor {

    private final SkillProfilesClient profiles;
    private final SkillDirectory skills;
    private final AdminCalls admin;
    private final ProfileLocks locks;
    private final Supplier<String> adminOrg;
    private final int attempts;

    public ProficiencyEditor(SkillProfilesClient profiles, SkillDirectory skills, AdminCalls admin, ProfileLocks locks,
                             Supplier<String> adminOrg, int attempts) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive");
        }
        this.attempts = attempts;
    }

    /** What a change came to: the profile as stored afterwards, and whether anything had to be written. */
    /**
     * @param profile what Contact Center holds now
     * @param read    what was read before the write, with details (enum-skill names the PUT answer lacks)
     */
    public record Result(JsonObject profile, JsonObject read, boolean written) {
    }

    /**
     * @param attempt filled in with the profile's name, old and new values and Webex's trackingId
     * @throws ApiException 400 when a skill is not an active PROFICIENCY skill of the profile
     */
    public Result change(String profileId, List<ProficiencyChange> changes, ChangeAttempt attempt) {
        String org = adminOrg.get();
        try (ProfileLocks.Held ignored = locks.lock(profileId)) {
            WebexConflictException conflict = null;
            for (int i = 0; i < attempts; i++) {
                // With details: the enum skills' names and values come back to the widget; the merge strips them.
                JsonObject current = admin.read(token -> profiles.getWithDetails(token, org, profileId));
                attempt.profile(profileId, current.getString("name", ""));
                Map<String, Integer> before = ProficiencyMerge.proficiencies(current);
                attempt.skills(validated(before, changes));
                if (changes.stream().allMatch(c -> Integer.valueOf(c.value()).equals(before.get(key(c))))) {
                    return new Result(current, current, false); // nothing to write: spare Contact Center the PUT
                }
                JsonObject body = ProficiencyMerge.apply(current, changes);
                try {
                    WebexHttp.Tracked saved = admin.write(token -> profiles.put(token, org, profileId, body));
                    attempt.trackingId(saved.trackingId());
                    return new Result(saved.body(), current, true);
                } catch (WebexConflictException e) {
                    // someone else wrote in between (another node, Control Hub): read again and re-apply
                    conflict = e;
                    attempt.trackingId(e.trackingId().orElse(""));
                }
            }
            throw conflict;
        }
    }

    /** Every change must name an active skill of the profile whose type is PROFICIENCY. */
    private List<ChangedSkill> validated(Map<String, Integer> before, List<ProficiencyChange> changes) {
        Map<String, SkillsClient.Skill> described = skills.describe(changes.stream().map(ProficiencyEditor::key).toList());
        List<ChangedSkill> changed = new ArrayList<>();
        for (ProficiencyChange change : changes) {
            String key = key(change);
            if (!before.containsKey(key)) {
                throw ApiException.of("unknown-skill", "Skill not in this profile", 400,
                        "Skill " + change.skillId() + " is not an active skill of this skill profile.")
                        .with("skillId", change.skillId());
            }
            Optional<SkillsClient.Skill> skill = Optional.ofNullable(described.get(key));
            if (skill.isEmpty() || !skill.get().proficiency()) {
                throw ApiException.of("not-a-proficiency-skill", "Not a proficiency skill", 400,
                        "Skill " + skill.map(SkillsClient.Skill::name).orElse(change.skillId()) + " is of type "
                                + skill.map(SkillsClient.Skill::type).orElse("UNKNOWN")
                                + "; only PROFICIENCY skills take a value from 0 to 10.")
                        .with("skillId", change.skillId());
            }
            changed.add(new ChangedSkill(change.skillId(), skill.get().name(), before.get(key), change.value()));
        }
        return changed;
    }

    private static String key(ProficiencyChange change) {
        return change.skillId().toLowerCase(Locale.ROOT);
    }
}
