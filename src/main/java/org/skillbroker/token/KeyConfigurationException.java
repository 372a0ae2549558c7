package org.skillbroker.token;

/**
 * The store keys are configured wrongly. The message names the source (setting, file and line) and never
 * repeats the offending value, which may be key material.
 */
public final class KeyConfigurationException extends IllegalArgumentException {

    KeyConfigurationException(String message) {
        super(message);
    }

    KeyConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
