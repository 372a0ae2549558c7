package org.skillbroker.reliability;

import org.skillbroker.simulator.SeededProfiles;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What hostile input must leave exactly as it was: the stored grant's bytes, every seeded skill profile as
 * Contact Center holds it, and the number of PUTs Contact Center has received.
 */
record Snapshot(byte[] grant, Map<String, String> profiles, int profilePuts) {

    static Snapshot take(WebexSimulator sim, Path storeDir) {
        SeededProfiles seeded = sim.seededProfiles();
        List<String> ids = new ArrayList<>(List.of(seeded.germanSpeaker(), seeded.billingExperts(),
                seeded.spanishDesk(), seeded.otherOrgProfile()));
        ids.addAll(seeded.numbered());
        Map<String, String> profiles = new LinkedHashMap<>();
        ids.forEach(id -> profiles.put(id, sim.skillProfile(id).map(Object::toString).orElse("absent")));
        try {
            return new Snapshot(Files.readAllBytes(storeDir.resolve("grant.enc")), profiles,
                    sim.count("PUT", "/organization/*/skill-profile/*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A description of what differs, empty when nothing does (the grant's bytes are never printed). */
    List<String> differencesTo(Snapshot later) {
        List<String> differences = new ArrayList<>();
        if (!java.util.Arrays.equals(grant, later.grant)) {
            differences.add("grant.enc changed");
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
