package org.skillbroker.skills.entity;

import java.util.Objects;

/** Set one skill of a profile to a proficiency value (Contact Center allows integers 0..10, webex-api.md §3.2). */
public record ProficiencyChange(String skillId, int value) {
    public static final int MIN = 0;
    public static final int MAX = 10;

    public ProficiencyChange {
        Objects.requireNonNull(skillId, "skillId");
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("proficiency must be between 0 and 10");
        }
    }
}
