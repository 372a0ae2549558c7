package org.skillbroker.contract;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.format.Format;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * The OpenAPI formats Cisco's contract uses that JSON Schema itself does not define ({@code uuid} it does): an
 * {@code int32} or {@code int64} is an integer that fits that many bits, and Cisco's {@code string} (on the list
 * operations' {@code attributes}) says no more than {@code type: string}. With format assertions on and the format
 * keyword strict, a format not listed here or in JSON Schema is itself a violation, so none is silently ignored.
 */
final class CiscoFormats {

    static final List<Format> ALL = List.of(integer("int32", Integer.MIN_VALUE, Integer.MAX_VALUE),
            integer("int64", Long.MIN_VALUE, Long.MAX_VALUE), named("string"));

    private CiscoFormats() {
    }

    /** A value of another type is left to the {@code type} keyword, as JSON Schema formats do. */
    private static Format integer(String name, long min, long max) {
        return new Format() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean matches(ExecutionContext execution, SchemaContext schema, JsonNode value) {
                if (!value.isNumber()) {
                    return true;
                }
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    return false;
                }
                long n = value.longValue();
                return n >= min && n <= max;
            }
        };
    }

    private static Format named(String name) {
        return () -> name;
    }
}
