package org.skillbroker.webex;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Webex URLs from hostile parts: a value never changes the structure of the path or the query. */
class WebexUriTest {

    private static final String ORG = "f53c8b54-46ca-43f6-ba05-08426a46e23d";
    private static final WebexUri ORGANIZATIONS = WebexUri.origin(URI.create("https://api.wxcc-us1.cisco.com"))
            .path("organization");

    @Test
    void aUuidAndTheUnreservedCharactersAreKeptAsTheyAre() {
        URI uri = ORGANIZATIONS.path(ORG, "skill-profile", "Az09-._~").toUri();

        assertEquals("https://api.wxcc-us1.cisco.com/organization/" + ORG + "/skill-profile/Az09-._~", uri.toString());
    }

    @Test
    void eachHostileSegmentStaysOneSegment() {
        assertEquals("/organization/a%2Fb", raw("a/b"));
        assertEquals("/organization/a%2F..%2F..%2Fadmin", raw("a/../../admin"));
        assertEquals("/organization/a%3Fb%3Dc", raw("a?b=c"));
        assertEquals("/organization/a%23b", raw("a#b"));
        assertEquals("/organization/100%25", raw("100%"));
        assertEquals("/organization/%2541", raw("%41"), "an escape in a value is data, not decoded");
        assertEquals("/organization/a%20b", raw("a b"));
        assertEquals("/organization/a%2Bb", raw("a+b"));
        assertEquals("/organization/a%3Bb", raw("a;b"), "a ';' would start a path parameter servers strip");
        assertEquals("/organization/%C3%BC%E2%82%AC", raw("ü€"));
        assertEquals("/organization/..a", raw("..a"));
    }

    @Test
    void aSegmentThatAServerWouldFoldAwayIsRefused() {
        for (String dots : new String[] {"", ".", ".."}) {
            assertThrows(IllegalArgumentException.class, () -> ORGANIZATIONS.path(ORG, dots), "'" + dots + "'");
        }
    }

    @Test
    void theParsedUrlGivesEachSegmentBackWhole() {
        URI uri = ORGANIZATIONS.path("a/b?c#d%e f").path("skill").toUri();

        assertEquals("/organization/a/b?c#d%e f/skill", uri.getPath());
        assertEquals(null, uri.getRawQuery());
        assertEquals(null, uri.getRawFragment());
        assertEquals(3, uri.getRawPath().split("/").length - 1);
    }

    @Test
    void queryValuesAreFormEncodedSoNoneAddsAParameter() {
        String hostile = "a b&c=d+e#f%41/?ü,\"";
        URI uri = ORGANIZATIONS.path(ORG, "v2", "skill-profile").query("search", hostile).query("page", 0).toUri();

        assertEquals("search=a+b%26c%3Dd%2Be%23f%2541%2F%3F%C3%BC%2C%22&page=0", uri.getRawQuery());
        assertEquals(null, uri.getRawFragment());
        assertEquals(hostile, URLDecoder.decode(uri.getRawQuery().split("&")[0].substring("search=".length()),
                StandardCharsets.UTF_8));
    }

    @Test
    void theQueriesOnTheWireAreThoseJerseysUriBuilderSent() {
        // as sent before this class replaced UriBuilder (the simulator and Cisco's contract check read them)
        URI uri = ORGANIZATIONS.path(ORG, "v2", "team")
                .query("filter", "skillProfileId==\"p1\" or skillProfileId==\"p2\"")
                .query("attributes", "id,name,skillProfileId,userIds").query("supervisorView", true)
                .query("page", 0).query("pageSize", 1000).toUri();

        assertEquals("https://api.wxcc-us1.cisco.com/organization/" + ORG + "/v2/team"
                + "?filter=skillProfileId%3D%3D%22p1%22+or+skillProfileId%3D%3D%22p2%22"
                + "&attributes=id%2Cname%2CskillProfileId%2CuserIds&supervisorView=true&page=0&pageSize=1000",
                uri.toString());
        assertEquals("personEmail=ada%2Badmin%40example.com", WebexUri.origin(URI.create("https://webexapis.com"))
                .path("v1", "authorizations").query("personEmail", "ada+admin@example.com").toUri().getRawQuery());
    }

    @Test
    void aQueryNameIsEncodedToo() {
        assertEquals("a%26b=1", ORGANIZATIONS.query("a&b", 1).toUri().getRawQuery());
    }

    @Test
    void aPrefixIsNotChangedByWhatIsBuiltOnIt() {
        WebexUri list = ORGANIZATIONS.path(ORG, "v2", "user").query("attributes", "id");

        URI first = list.query("page", 0).toUri();
        URI second = list.query("page", 1).toUri();

        assertEquals("attributes=id&page=0", first.getRawQuery());
        assertEquals("attributes=id&page=1", second.getRawQuery());
        assertEquals("https://api.wxcc-us1.cisco.com/organization", ORGANIZATIONS.toString());
    }

    @Test
    void noPathAfterAQuery() {
        assertThrows(IllegalStateException.class, () -> ORGANIZATIONS.query("a", 1).path("b"));
    }

    @Test
    void theBaseGivesItsSchemeAndAuthorityOnlyWithOrWithoutASlashOrAPath() {
        for (String base : new String[] {"http://127.0.0.1:9099", "http://127.0.0.1:9099/",
                "http://127.0.0.1:9099/some/path", "http://127.0.0.1:9099/some/path/?x=y#z"}) {
            assertEquals("http://127.0.0.1:9099/v1/people/me",
                    WebexUri.origin(URI.create(base)).path("v1", "people", "me").toUri().toString(), base);
        }
        assertEquals("http://[::1]:8080/v1", WebexUri.origin(URI.create("http://[::1]:8080/x")).path("v1").toString());
    }

    @Test
    void aBaseWithoutSchemeOrHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebexUri.origin(URI.create("/organization")));
        assertThrows(IllegalArgumentException.class, () -> WebexUri.origin(URI.create("mailto:ada@example.com")));
    }

    private static String raw(String segment) {
        return ORGANIZATIONS.path(segment).toUri().getRawPath();
    }
}
