package org.skillbroker.skills.entity;

/**
 * One active skill of a profile as the widget shows it.
 *
 * @param type     {@code PROFICIENCY}, {@code BOOLEAN}, {@code TEXT}, {@code ENUM} (value: the chosen value's
 *                 name; skillId: the enum skill's id), or {@code UNKNOWN} when the Skill API does not know the skill
 * @param value    an Integer (proficiency), Boolean or String, or null when the profile holds none
 * @param editable whether the caller may change it through this API
 */
public record SkillValue(String skillId, String name, String type, Object value, boolean editable) {
}
