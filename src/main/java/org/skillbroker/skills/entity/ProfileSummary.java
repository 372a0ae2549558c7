package org.skillbroker.skills.entity;

/** A list entry: enough to choose a profile. */
public record ProfileSummary(String id, String name, String description) {
}
