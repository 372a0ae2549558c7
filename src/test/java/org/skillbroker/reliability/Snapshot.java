package org.skillbroker.reliability;

import org.skillbroker.it.StoredState;
import org.skillbroker.simulator.SeededProfiles;
import org.skillbroker.simulator.WebexSimulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What hostile input must leave exactly as it was: the stored grant (file or row), every seeded skill profile as
 * Contact Center holds it, and the number of PUTs Contact Center has received.
 */
record Snapshot(String grant, Map<String, String> profiles, int profilePuts) {

    static Snapshot take(WebexSimulator sim) {
        SeededProfiles seeded = sim.seededProfiles();
        List<String> ids = new ArrayList<>(List.of(seeded.germanSpeaker(), seeded.billingExperts(),
                seeded.spanishDesk(), seeded.otherOrgProfile()));
        ids.addAll(seeded.numbered());
        Map<String, String> profiles = new LinkedHashMap<>();
        ids.forEach(id -> profiles.put(id, sim.skillProfile(id).map(Object::toString).orElse("absent")));
        return new Snapshot(StoredState.sealedGrant().orElse(""), profiles,
                sim.count("PUT", "/organization/*/skill-profile/*"));
    }

    /** A description of what differs, empty when nothing does (the grant's bytes are never printed). */
    List<String> differencesTo(Snapshot later) {
        List<String> differences = new ArrayList<>();
        if (!grant.equals(later.grant)) {
            differences.add("the stored grant changed");
        }
        profiles.forEach((id, json) -> {
            if (!json.equals(later.profiles.get(id))) {
                differences.add("profile " + id + " changed: " + json + " -> " + later.profiles.get(id));
            }
        });
        if (profilePuts != later.profilePuts) {
            differences.add("Contact Center received " + (later.profilePuts - profilePuts) + " skill-profile PUTs");
        }
        return differences;
    }
}
