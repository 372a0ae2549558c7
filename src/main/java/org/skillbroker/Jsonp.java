package org.skillbroker;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;

import java.io.Reader;
import java.util.Collection;
import java.util.Map;

/**
 * {@code jakarta.json.Json}'s factory methods, with the provider looked up once. Each {@code Json.createX()}
 * call runs a {@code ServiceLoader} lookup (about 17 µs each, more inside a web app's class loader), and a single
 * skill change builds dozens of JSON values: measured, that lookup was a large share of the broker's CPU time
 * per request.
 */
public final class Jsonp {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonObjectBuilder createObjectBuilder(Map<String, ?> map) {
        return PROVIDER.createObjectBuilder(map);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder(JsonArray array) {
        return PROVIDER.createArrayBuilder(array);
    }

    public static JsonArrayBuilder createArrayBuilder(Collection<?> collection) {
        return PROVIDER.createArrayBuilder(collection);
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonReader createReader(java.io.InputStream in) {
        return PROVIDER.createReader(in);
    }

    public static jakarta.json.stream.JsonGenerator createGenerator(java.io.Writer writer) {
        return PROVIDER.createGenerator(writer);
    }

    public static JsonWriterFactory createWriterFactory(Map<String, ?> config) {
        return PROVIDER.createWriterFactory(config);
    }

    public static jakarta.json.JsonNumber createValue(int value) {
        return PROVIDER.createValue(value);
    }

    public static jakarta.json.JsonString createValue(String value) {
        return PROVIDER.createValue(value);
    }
}
