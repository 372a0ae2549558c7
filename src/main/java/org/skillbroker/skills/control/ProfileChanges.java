package org.skillbroker.skills.control;

import org.skillbroker.audit.AuditEntry;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.Caller;
import org.skillbroker.caller.ProfileAccess;
import org.skillbroker.changes.Changeable;
import org.skillbroker.changes.FieldChange;
import org.skillbroker.problem.ApiException;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Skill profiles as a {@link Changeable}: fields are skill ids, values proficiencies. */
public final class ProfileChanges implements Changeable {

    private final ProficiencyEditor editor;
    private final ProfileAccess access;

    public ProfileChanges(ProficiencyEditor editor, ProfileAccess access) {
        this.editor = Objects.requireNonNull(editor, "editor");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public String kind() {
        return AuditEntry.SKILL_PROFILE;
    }

    @Override
    public void checkMayChange(Caller caller, String profileId) {
        access.check(caller, profileId);
    }

    @Override
    public Restored restore(String profileId, List<FieldChange> changes, Policy policy, BooleanSupplier fence,
                            ChangeAttempt attempt) {
        // the allow-list of skills applies to a way back as to a way there (it may have changed since)
        for (FieldChange change : changes) {
            if (!access.skillAllowed(change.field())) {
                throw ApiException.of("skill-not-allowed", "Skill not editable here", 403, "This broker is "
                        + "configured not to change skill " + change.field() + ". Ask the broker's operator.")
                        .with("skillId", change.field());
            }
        }
        return editor.restore(profileId, changes, policy, fence, attempt);
    }
}
