package org.skillbroker.skills.entity;

import java.util.List;

/** A skill profile as the widget needs it. */
public record ProfileView(String id, String name, String description, int version, List<SkillValue> activeSkills) {
    public ProfileView {
        activeSkills = List.copyOf(activeSkills);
    }
}
