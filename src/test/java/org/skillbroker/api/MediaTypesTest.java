package org.skillbroker.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.api.ApiServlet.MediaTypes.acceptsJson;
import static org.skillbroker.api.ApiServlet.MediaTypes.isJson;

class MediaTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "Application/JSON",
            "application/merge-patch+json", " application/merge-patch+json ;charset=utf-8"})
    void jsonBodiesAreTaken(String type) {
        assertTrue(isJson(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/jsonx", "application/problem+json", "", ";", "application/*", "*/*"})
    void otherBodiesAreNot(String type) {
        assertFalse(isJson(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/json", "application/*", "text/html, application/json;q=0.5",
            "APPLICATION/JSON", "application/xml, */*;q=0.1", "  ", "application/json;q=1"})
    void acceptsThatAdmitJson(String accept) {
        assertTrue(acceptsJson(accept));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "application/json;q=0", "application/json; q=0.0",
            "*/*;q=0", "application/json;q=x", "text/*", "application/problem+json", "garbage"})
    void acceptsThatDoNot(String accept) {
        assertFalse(acceptsJson(accept));
    }

    @org.junit.jupiter.api.Test
    void noHeaderMeansAnything() {
        assertTrue(isJson(null), "JAX-RS took a body without Content-Type as any type; the parser then judges it");
        assertTrue(acceptsJson(null));
    }
}
