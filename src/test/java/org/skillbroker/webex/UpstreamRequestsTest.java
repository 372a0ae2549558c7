package org.skillbroker.webex;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillbroker.config.Datacenter;
import org.skillbroker.config.Secret;
import org.skillbroker.config.Settings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What leaves the broker towards Webex, seen by a plain HTTP server: paths built by segment, no redirects. */
class UpstreamRequestsTest {

    private static final String ORG = "f53c8b54-46ca-43f6-ba05-08426a46e23d";

    private HttpServer server;
    private WebexHttp http;
    private Settings.Webex webex;
    private final List<String> rawPaths = new CopyOnWriteArrayList<>();
    private final List<String> rawQueries = new CopyOnWriteArrayList<>();
    private final List<String> authorizationsSeenElsewhere = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/organization", exchange -> {
            rawPaths.add(exchange.getRequestURI().getRawPath());
            rawQueries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
            byte[] body = "{\"id\":\"x\",\"name\":\"n\",\"skillType\":\"PROFICIENCY\",\"teamIds\":[]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/v1/authorizations", exchange -> {
            rawPaths.add(exchange.getRequestURI().getRawPath());
            byte[] body = "{\"items\":[{\"id\":\"..\",\"clientId\":\"c\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/list", exchange -> {
            rawQueries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
            byte[] body = "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/v1/people/me", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            authorizationsSeenElsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        webex = new Settings.Webex("c", new Secret("s"), URI.create("https://b.example/skill-broker/oauth/callback"),
                ORG, Datacenter.US1, Set.of(), base, base);
        http = new WebexHttp(new Settings.Http(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void anIdIsOneSegmentWhateverItHolds() {
        new SkillsClient(http, webex).byId("t", ORG, "a/../../admin");
        new SkillProfilesClient(http, webex).get("t", ORG, "p/../q");
        new ContactCenterUsers(http, webex).byCiUserId("t", ORG, "c/d");

        assertEquals("/organization/" + ORG + "/skill/a%2F..%2F..%2Fadmin", rawPaths.get(0));
        assertEquals("/organization/" + ORG + "/skill-profile/p%2F..%2Fq", rawPaths.get(1));
        assertEquals("/organization/" + ORG + "/user/by-ci-user-id/c%2Fd", rawPaths.get(2));
    }

    @Test
    void aSearchIsOneQueryValueWhateverItHolds() {
        new SkillProfilesClient(http, webex).list("t", ORG, "a&page=9#x %", 0, 50);

        assertEquals("/organization/" + ORG + "/v2/skill-profile", rawPaths.get(0));
        assertEquals("page=0&pageSize=50&search=a%26page%3D9%23x+%25", rawQueries.get(0));
    }

    @Test
    void aGrantIdThatIsNoSegmentFailsTheRevocationAndIsNotSent() {
        AuthorizationsClient authorizations = new AuthorizationsClient(http, webex);

        assertThrows(WebexUnavailableException.class, () -> authorizations.revokeAll("t", "ada@example.com"));
        assertEquals(List.of("/v1/authorizations"), rawPaths, "only the list was asked for");
    }

    @Test
    void aRedirectIsNotFollowedSoNoTokenTravelsOn() {
        PeopleClient people = new PeopleClient(http, webex);
        WebexException refused = assertThrows(WebexException.class, () -> people.me("caller-token"));
        assertTrue(refused instanceof WebexRejectedException, refused.getClass().getName());
        assertEquals(List.of(), authorizationsSeenElsewhere, "the token was not sent to where the redirect pointed");
    }

    @Test
    void aListIsReadPageByPageUntilAShortPage() {
        List<String> ids = new java.util.ArrayList<>();
        SkillProfilesClient.Page.each(http, "t", list(), 3, 5, "too many", item -> ids.add(item.getString("id")));

        assertEquals(List.of("a", "b"), ids);
        assertEquals(List.of("page=0&pageSize=3"), rawQueries);
    }

    @Test
    void aListLongerThanItsBoundIsRefusedNotCutShort() {
        List<String> ids = new java.util.ArrayList<>();
        WebexUnavailableException refused = assertThrows(WebexUnavailableException.class, () ->
                SkillProfilesClient.Page.each(http, "t", list(), 2, 3, "too many things", item -> ids.add(item.getString("id"))));

        assertEquals("too many things", refused.getMessage());
        assertEquals(List.of("page=0&pageSize=2", "page=1&pageSize=2", "page=2&pageSize=2"), rawQueries);
        assertEquals(6, ids.size());
    }

    private WebexUri list() {
        return WebexUri.origin(webex.ccApiBase()).path("list");
    }
}
