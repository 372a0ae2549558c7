package org.skillbroker.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutesTest {

    private final Routes.Handler list = call -> Reply.noContent();
    private final Routes.Handler read = call -> Reply.noContent();
    private final Routes.Handler change = call -> Reply.noContent();
    private final Routes.Handler undo = call -> Reply.noContent();
    private final Routes routes = new Routes().get("things", list).get("things/{id}", read).patch("things/{id}", change)
            .post("things/{id}/history/{changeId}/undo", undo);

    @Test
    void aPathAndMethodFindTheirHandlerAndTheTemplatesValues() {
        Routes.Match match = routes.find("POST", "things/abc/history/c-1/undo");

        assertSame(undo, match.route().handler());
        assertEquals(Map.of("id", "abc", "changeId", "c-1"), match.values());
        assertSame(list, routes.find("GET", "things").route().handler());
        assertSame(read, routes.find("GET", "things/abc").route().handler());
        assertSame(change, routes.find("PATCH", "things/abc").route().handler());
        assertTrue(routes.find("PATCH", "things/abc").route().consumesJson());
        assertEquals(false, routes.find("GET", "things/abc").route().consumesJson());
    }

    @Test
    void headIsServedByGet() {
        assertSame(read, routes.find("HEAD", "things/abc").route().handler());
    }

    @Test
    void aPathOfNoRouteAllowsNothing() {
        for (String path : List.of("", "nothing", "things/abc/more", "things/abc/history/c-1/undo/x",
                "things/abc/history/c-1/redo", "things//history/c-1/undo", "Things")) {
            Routes.Match match = routes.find("GET", path);
            assertNull(match.route(), path);
            assertEquals(Set.of(), match.allowed(), path);
        }
    }

    @Test
    void aMethodThePathDoesNotTakeNamesTheOnesItDoes() {
        Routes.Match match = routes.find("DELETE", "things/abc");

        assertNull(match.route());
        assertEquals(List.of("GET", "PATCH", "HEAD", "OPTIONS"), List.copyOf(match.allowed()));
        assertEquals(List.of("POST", "OPTIONS"), List.copyOf(routes.find("GET", "things/abc/history/c-1/undo").allowed()));
        assertNull(routes.find("get", "things").route(), "methods are case-sensitive");
    }

    @Test
    void anEmptySegmentIsNoValue() {
        assertNull(routes.find("GET", "things/").route(), "the servlet strips one trailing slash; an empty id is none");
    }
}
