package org.skillbroker.agents.control;

import org.skillbroker.agents.entity.Agent;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.Caller;
import org.skillbroker.changes.Changeable;
import org.skillbroker.changes.FieldChange;
import org.skillbroker.config.Settings;
import org.skillbroker.problem.ApiException;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Agents as a {@link Changeable}: history, undo and timed reverts come from the one mechanism the skill profiles
 * use. Fields are {@code skillProfileId} and {@code dynamicSkill:<skill id>}; values JSON (NULL = none).
 */
public final class AgentChanges implements Changeable {

    private final AgentRoster roster;
    private final AgentEditor editor;
    private final Settings.Api api;

    public AgentChanges(AgentRoster roster, AgentEditor editor, Settings.Api api) {
        this.roster = Objects.requireNonNull(roster, "roster");
        this.editor = Objects.requireNonNull(editor, "editor");
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public String kind() {
        return AgentEditor.KIND;
    }

    /** The caller's roster decides, as for their own changes; an unknown agent gets the same answer. */
    @Override
    public void checkMayChange(Caller caller, String agentId) {
        if (roster.of(caller).agent(agentId).isEmpty()) {
            throw AgentEditor.outsideScope();
        }
    }

    @Override
    public Restored restore(String agentId, List<FieldChange> changes, Policy policy, BooleanSupplier fence,
                            ChangeAttempt attempt) {
        // the allow-lists apply to a way back as to a way there (they may have changed since)
        for (FieldChange change : changes) {
            String field = change.field();
            if (field.startsWith(Agent.DYNAMIC_PREFIX) && !api.allowedSkillIds().isEmpty()
                    && !api.allowedSkillIds().contains(field.substring(Agent.DYNAMIC_PREFIX.length()))) {
                throw ApiException.of("skill-not-allowed", "Skill not editable here", 403, "This broker is "
                        + "configured not to change this skill. Ask the broker's operator.").with("field", field);
            }
        }
        return editor.restore(agentId, changes, policy, fence, attempt);
    }
}
