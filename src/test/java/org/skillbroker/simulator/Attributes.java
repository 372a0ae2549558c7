package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code attributes} parameter of CC's v2 lists: a comma-separated list of the fields to answer with. */
final class Attributes {

    private Attributes() {
    }

    static JsonObject trim(JsonObject item, String attributes) {
        if (attributes == null || attributes.isBlank()) {
            return item;
        }
        Set<String> wanted = Arrays.stream(attributes.split(",")).map(String::trim).collect(Collectors.toSet());
        JsonObjectBuilder trimmed = Json.createObjectBuilder();
        item.forEach((name, value) -> {
            if (wanted.contains(name)) {
                trimmed.add(name, value);
            }
        });
        return trimmed.build();
    }
}
