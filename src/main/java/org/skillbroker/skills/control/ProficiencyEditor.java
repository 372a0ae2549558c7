package org.skillbroker.skills.control;

import jakarta.json.JsonObject;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.problem.ApiException;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;
import org.skillbroker.changes.Changeable;
import org.skillbroker.changes.FieldChange;
import org.skillbroker.skills.entity.ProficiencyChange;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.SkillProfilesClient;
import org.skillbroker.webex.SkillsClient;
import org.skillbroker.webex.WebexConflictException;
import org.skillbroker.webex.WebexHttp;
import org.skillbroker.webex.WebexRejectedException;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read-modify-write of a skill profile with the admin token (webex-contract.md §1): GET the full profile,
 * change only the requested proficiencies, PUT the whole object back. Contact Center publishes nothing about what
 * it does with a stale {@code version}: it may refuse it (400 or 409) or let the last write win. So the broker
 * never relies on it:
 * <ul>
 * <li>writes to one profile are serialised across nodes ({@link ProfileWriteGuard}); the hold is checked to be
 *     still this writer's before every PUT made under it (not before the reads: a read under a lost hold changes
 *     nothing, and checking is a store read);</li>
 * <li>a 409, or a 400 after which the profile's version has moved on, is a stale write: read again, apply again;</li>
 * <li>the PUT's answer must hold the requested values; when it does not (a 200 that changed nothing has been
 *     reported), the stored profile is read back, and the change applied again if it is not there, a bounded
 *     number of times; then the caller gets a clear problem with Webex's trackingId;</li>
 * <li>412 ("referred in other entities") is final: not retried.</li>
 * </ul>
 */
public final class ProficiencyEditor {

    private final SkillProfilesClient profiles;
    private final SkillDirectory skills;
    private final AdminCalls admin;
    private final ProfileWriteGuard guard;
    private final Supplier<String> adminOrg;
    private final int attempts;

    public ProficiencyEditor(SkillProfilesClient profiles, SkillDirectory skills, AdminCalls admin,
                             ProfileWriteGuard guard, Supplier<String> adminOrg, int attempts) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive");
        }
        this.attempts = attempts;
    }

    /**
     * What a change came to: the profile as stored afterwards, what was read before the write (with details: the
     * enum-skill names the PUT answer lacks), and whether anything had to be written.
     */
    public record Result(JsonObject profile, JsonObject read, boolean written) {
    }

    /**
     * @param attempt filled in with the profile's name, old and new values and Webex's trackingId
     * @throws ApiException 400 when a skill is not an active PROFICIENCY skill of the profile; 502
     *                      {@code change-not-applied} when Contact Center kept answering without the change
     */
    public Result change(String profileId, List<ProficiencyChange> changes, ChangeAttempt attempt) {
        return write(profileId, current -> changes, attempt, () -> true);
    }

    /**
     * Sets skills back from each change's {@code after} to its {@code before} (undo, timed revert): see
     * {@link Changeable#restore}. A skill the profile no longer has, or one at neither value, has moved on.
     */
    public Changeable.Restored restore(String profileId, List<FieldChange> changes, Changeable.Policy policy,
                                       BooleanSupplier fence, ChangeAttempt attempt) {
        List<FieldChange> restored = new ArrayList<>();
        List<FieldChange> skipped = new ArrayList<>();
        Result result = write(profileId, current -> {
            restored.clear();
            skipped.clear();
            List<ProficiencyChange> todo = new ArrayList<>();
            for (FieldChange change : changes) {
                Integer now = current.get(change.field().toLowerCase(Locale.ROOT));
                Integer target = proficiency(change.before());
                JsonValue nowValue = now == null ? JsonValue.NULL : Jsonp.createValue(now);
                if (target != null && now != null && now.intValue() == target) {
                    restored.add(change); // already back: nothing to write for it
                } else if (target != null && now != null && FieldChange.same(nowValue, change.after())) {
                    todo.add(new ProficiencyChange(change.field(), target));
                    restored.add(change);
                } else if (policy == Changeable.Policy.ALL) {
                    throw ApiException.of("moved-on", "Changed again since", 409, "The value of "
                            + (change.label().isEmpty() ? change.field() : change.label()) + " is now "
                            + FieldChange.text(nowValue) + ", not " + FieldChange.text(change.after())
                            + " as this change left it: someone changed it since. Nothing was changed.")
                            .with("field", change.field());
                } else {
                    skipped.add(change); // changed by someone since: left alone
                }
            }
            return todo;
        }, attempt, fence);
        return new Changeable.Restored(restored, skipped, result.written());
    }

    private static Integer proficiency(JsonValue value) {
        if (value instanceof jakarta.json.JsonNumber n && n.isIntegral()) {
            int v = n.intValue();
            return v >= ProficiencyChange.MIN && v <= ProficiencyChange.MAX ? v : null;
        }
        return null;
    }

    /**
     * The read-modify-write loop; {@code plan} says, from the values read, which proficiencies to set (it runs
     * again after every re-read).
     */
    private Result write(String profileId, Function<Map<String, Integer>, List<ProficiencyChange>> plan,
                         ChangeAttempt attempt, BooleanSupplier fence) {
        String org = adminOrg.get();
        try (ProfileWriteGuard.Held held = guard.hold(profileId)) {
            BooleanSupplier mine = () -> held.stillHeld() && fence.getAsBoolean();
            JsonObject reread = null;
            WebexConflictException conflict = null;
            for (int i = 0; i < attempts; i++) {
                // With details: the enum skills' names and values come back to the widget; the merge strips them.
                JsonObject current = reread != null ? reread : admin.read(token ->
                        profiles.getWithDetails(token, org, profileId));
                reread = null;
                attempt.profile(profileId, current.getString("name", ""));
                Map<String, Integer> before = ProficiencyMerge.proficiencies(current);
                List<ProficiencyChange> changes = plan.apply(before);
                attempt.changes(validated(before, changes));
                if (holds(current, changes)) {
                    return new Result(current, current, i > 0); // nothing (more) to write: spare Contact Center
                }
                JsonObject body = ProficiencyMerge.apply(current, changes);
                WebexHttp.Tracked saved;
                try {
                    saved = call(mine, () -> admin.write(token -> profiles.put(token, org, profileId, body)));
                } catch (WebexConflictException e) {
                    conflict = e; // 409: someone else wrote in between (Control Hub); read again and re-apply
                    attempt.trackingId(e.trackingId().orElse(""));
                    continue;
                } catch (WebexRejectedException e) {
                    attempt.trackingId(e.trackingId().orElse(""));
                    if (e.status() != 400) {
                        throw e;
                    }
                    // a stale version may be answered 400: it was one only if the profile moved on meanwhile
                    JsonObject now = admin.read(token -> profiles.getWithDetails(token, org, profileId));
                    if (version(now) == version(current)) {
                        throw e; // Contact Center refused the body itself
                    }
                    reread = now;
                    continue;
                }
                attempt.trackingId(saved.trackingId());
                if (holds(saved.body(), changes)) {
                    return new Result(saved.body(), current, true);
                }
                // a 200 without the values: what is stored decides; apply again if the change is not there
                reread = admin.read(token -> profiles.getWithDetails(token, org, profileId));
            }
            if (conflict != null && reread == null) {
                throw conflict;
            }
            throw ApiException.of("change-not-applied", "Contact Center did not apply the change", 502,
                    "Contact Center answered the save without the new values " + attempts + " times. Nothing "
                            + "is known to have changed; the operator can ask Cisco support with the trackingId.")
                    .with("trackingId", attempt.trackingId());
        }
    }

    /** Runs one Webex write under the hold, which must still be this writer's. */
    private <T> T call(BooleanSupplier mine, Supplier<T> webexCall) {
        if (!mine.getAsBoolean()) {
            throw ProfileLocks.busy();
        }
        return webexCall.get();
    }

    /** Whether the profile holds every requested value. */
    static boolean holds(JsonObject profile, List<ProficiencyChange> changes) {
        Map<String, Integer> values = ProficiencyMerge.proficiencies(profile);
        return changes.stream().allMatch(c -> Integer.valueOf(c.value()).equals(values.get(key(c))));
    }

    private static long version(JsonObject profile) {
        return profile.get("version") instanceof jakarta.json.JsonNumber n ? n.longValue() : -1;
    }

    /** Every change must name an active skill of the profile whose type is PROFICIENCY. */
    private List<FieldChange> validated(Map<String, Integer> before, List<ProficiencyChange> changes) {
        // Membership first, from the profile already read: only skills of the profile are ever described, so a
        // body naming hundreds of made-up ids costs no Skill API call (each unknown id would be a GET by id).
        for (ProficiencyChange change : changes) {
            if (!before.containsKey(key(change))) {
                throw ApiException.of("unknown-skill", "Skill not in this profile", 400,
                        "Skill " + change.skillId() + " is not an active skill of this skill profile.")
                        .with("skillId", change.skillId());
            }
        }
        Map<String, SkillsClient.Skill> described = skills.describe(changes.stream().map(ProficiencyEditor::key).toList());
        List<FieldChange> changed = new ArrayList<>();
        for (ProficiencyChange change : changes) {
            String key = key(change);
            Optional<SkillsClient.Skill> skill = Optional.ofNullable(described.get(key));
            if (skill.isEmpty() || !skill.get().proficiency()) {
                throw ApiException.of("not-a-proficiency-skill", "Not a proficiency skill", 400,
                        "Skill " + skill.map(SkillsClient.Skill::name).orElse(change.skillId()) + " is of type "
                                + skill.map(SkillsClient.Skill::type).orElse("UNKNOWN")
                                + "; only PROFICIENCY skills take a value from 0 to 10.")
                        .with("skillId", change.skillId());
            }
            Integer was = before.get(key);
            changed.add(new FieldChange(change.skillId(), skill.get().name(),
                    was == null ? JsonValue.NULL : Jsonp.createValue(was), Jsonp.createValue(change.value())));
        }
        return changed;
    }

    private static String key(ProficiencyChange change) {
        return change.skillId().toLowerCase(Locale.ROOT);
    }
}
