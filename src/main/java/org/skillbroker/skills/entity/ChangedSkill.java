package org.skillbroker.skills.entity;

/** For the audit trail: one skill's proficiency before and after (before is null when the profile held none). */
public record ChangedSkill(String skillId, String name, Integer before, int after) {
}
