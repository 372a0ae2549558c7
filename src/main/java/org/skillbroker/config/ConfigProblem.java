package org.skillbroker.config;

/** One setting that is missing or malformed, said in words an operator can act on. Never carries a value. */
public record ConfigProblem(String key, String message) {
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
