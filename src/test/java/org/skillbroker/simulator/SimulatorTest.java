package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest {

    private static final String CLIENT = "broker-client";
    private static final String SECRET = "s3cret";
    private static final String REDIRECT = "http://localhost:8080/oauth/callback";
    private static final String ADMIN_SCOPES = "cjp:config_read cjp:config_write spark:people_read";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T08:00:00Z"));
    private WebexSimulator sim;

    @BeforeEach
    void start() {
        sim = WebexSimulator.start();
        sim.setClock(clock);
        sim.registerClient(CLIENT, SECRET, REDIRECT);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    // ---------------------------------------------------------------- OAuth

    @Test
    void authorizationCodeFlowWithPkceIssuesTokensShapedLikeWebex() throws Exception {
        HttpResponse<String> page = get("/v1/authorize?" + form(authorizeParams("st-1")), null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"user-admin\""), page.body());
        assertTrue(page.body().contains("id=\"user-supervisor\""));
        assertTrue(page.body().contains("id=\"accept\"") && page.body().contains("id=\"deny\""));
        assertTrue(page.body().contains("cjp:config_write"));
        assertNotNull(page.headers().firstValue("TrackingID").orElse(null));

        Map<String, String> callback = consent("admin", "accept", "st-1");
        assertEquals("st-1", callback.get("state"));
        String code = callback.get("code");
        assertTrue(code.endsWith("_PF84_" + sim.orgId()), code);

        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER, "client_id", CLIENT, "client_secret", SECRET), null);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject tokens = json(response.body());
        String[] parts = tokens.getString("access_token").split("_");
        assertEquals(3, parts.length);
        assertTrue(parts[0].length() >= 43);
        assertEquals("PF84", parts[1]);
        assertEquals(sim.orgId(), parts[2]);
        assertEquals(43199, tokens.getInt("expires_in"));
        assertEquals(Duration.ofDays(60).toSeconds(), tokens.getInt("refresh_token_expires_in"));
        assertEquals("Bearer", tokens.getString("token_type"));
        assertEquals(ADMIN_SCOPES, tokens.getString("scope"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void codeExchangeAcceptsBasicClientAuthentication() throws Exception {
        String code = consent("admin", "accept", "s").get("code");
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER), basic(CLIENT, SECRET));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void codeExchangeFailuresAreInvalidGrant() throws Exception {
        String code = consent("admin", "accept", "s").get("code");
        assertInvalidGrant(exchange(code, REDIRECT, "x".repeat(43)));

        code = consent("admin", "accept", "s").get("code");
        assertInvalidGrant(exchange(code, "http://localhost:8080/other", VERIFIER));

        code = consent("admin", "accept", "s").get("code");
        assertEquals(200, exchange(code, REDIRECT, VERIFIER).statusCode());
        assertInvalidGrant(exchange(code, REDIRECT, VERIFIER));

        code = consent("admin", "accept", "s").get("code");
        clock.advance(Duration.ofMinutes(6));
        assertInvalidGrant(exchange(code, REDIRECT, VERIFIER));
    }

    @Test
    void badClientCredentialsAre401InvalidClient() throws Exception {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", "x",
                "client_id", CLIENT, "client_secret", "wrong"), null);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", json(response.body()).getString("error"));
        HttpResponse<String> unsupported = tokenRequest(Map.of("grant_type", "password"), basic(CLIENT, SECRET));
        assertEquals("unsupported_grant_type", json(unsupported.body()).getString("error"));
    }

    @Test
    void declineRedirectsWithAccessDenied() throws Exception {
        Map<String, String> callback = consent("admin", "deny", "st-2");
        assertEquals("access_denied", callback.get("error"));
        assertEquals("st-2", callback.get("state"));
        assertNull(callback.get("code"));
    }

    @Test
    void unregisteredRedirectOrClientGetsAnErrorPageNotARedirect() throws Exception {
        Map<String, String> params = authorizeParams("s");
        params.put("redirect_uri", "https://evil.example/cb");
        HttpResponse<String> response = get("/v1/authorize?" + form(params), null);
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
        params = authorizeParams("s");
        params.put("client_id", "nobody");
        assertEquals(400, get("/v1/authorize?" + form(params), null).statusCode());
        params = authorizeParams("s");
        params.put("response_type", "token");
        HttpResponse<String> redirect = get("/v1/authorize?" + form(params), null);
        assertEquals(302, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElseThrow().contains("error=unsupported_response_type"));
    }

    @Test
    void refreshReturnsSameRefreshTokenWithoutResettingItsExpiry() throws Exception {
        JsonObject first = adminTokens();
        clock.advance(Duration.ofHours(10));
        JsonObject second = json(refresh(first.getString("refresh_token")).body());
        assertEquals(first.getString("refresh_token"), second.getString("refresh_token"));
        assertNotEquals(first.getString("access_token"), second.getString("access_token"));
        assertEquals(first.getInt("refresh_token_expires_in") - 36000, second.getInt("refresh_token_expires_in"));
        assertEquals(43199, second.getInt("expires_in"));
    }

    @Test
    void refreshWithinUnchangedWindowReturnsTheSameValues() throws Exception {
        sim.setRefreshReturnsUnchangedWithin(Duration.ofHours(24));
        JsonObject first = adminTokens();
        clock.advance(Duration.ofHours(1));
        JsonObject second = json(refresh(first.getString("refresh_token")).body());
        assertEquals(first.getString("access_token"), second.getString("access_token"));
        assertEquals(43199 - 3600, second.getInt("expires_in"));
    }

    @Test
    void rotatedRefreshTokensInvalidateTheOldOne() throws Exception {
        sim.rotateRefreshTokens(true);
        JsonObject first = adminTokens();
        JsonObject second = json(refresh(first.getString("refresh_token")).body());
        assertNotEquals(first.getString("refresh_token"), second.getString("refresh_token"));
        assertInvalidGrant(refresh(first.getString("refresh_token")));
    }

    @Test
    void revokedOrExpiredRefreshTokenIsInvalidGrant() throws Exception {
        JsonObject tokens = adminTokens();
        sim.revokeGrants();
        assertInvalidGrant(refresh(tokens.getString("refresh_token")));

        JsonObject other = adminTokens();
        clock.advance(Duration.ofDays(60).plusSeconds(1));
        assertInvalidGrant(refresh(other.getString("refresh_token")));
    }

    // ---------------------------------------------------------------- People

    @Test
    void peopleMeIdentifiesTheTokenHolder() throws Exception {
        String token = sim.issueDesktopToken(sim.supervisor());
        HttpResponse<String> response = get("/v1/people/me", token);
        assertEquals(200, response.statusCode());
        JsonObject person = json(response.body());
        assertEquals("ciscospark://us/PEOPLE/" + sim.supervisor().personUuid(), decode(person.getString("id")));
        assertEquals("ciscospark://us/ORGANIZATION/" + sim.orgId(), decode(person.getString("orgId")));
        assertEquals(sim.supervisor().email(), person.getJsonArray("emails").getString(0));
        assertEquals("person", person.getString("type"));
    }

    @Test
    void peopleMeRejectsExpiredAndUnknownTokens() throws Exception {
        String token = sim.issueDesktopToken(sim.agent());
        assertEquals(401, get("/v1/people/me", "nonsense").statusCode());
        assertEquals(401, get("/v1/people/me", null).statusCode());
        clock.advance(Duration.ofSeconds(43199));
        HttpResponse<String> expired = get("/v1/people/me", token);
        assertEquals(401, expired.statusCode());
        assertTrue(json(expired.body()).getString("message").contains("valid access token"));

        String fresh = sim.issueDesktopToken(sim.agent());
        sim.expireAccessTokens();
        assertEquals(401, get("/v1/people/me", fresh).statusCode());
    }

    @Test
    void desktopTokenWithoutPeopleReadGets403() throws Exception {
        sim.desktopTokensLackPeopleRead(true);
        HttpResponse<String> response = get("/v1/people/me", sim.issueDesktopToken(sim.supervisor()));
        assertEquals(403, response.statusCode());
        assertTrue(json(response.body()).getString("message").contains("spark:people_read"));
    }

    // ---------------------------------------------------------------- CC users

    @Test
    void ccUserLookupIncludesTheUserProfile() throws Exception {
        String admin = adminTokens().getString("access_token");
        SimUser sup = sim.supervisor();
        HttpResponse<String> response = get("/organization/" + sim.orgId() + "/user/by-ci-user-id/"
                + sup.personUuid() + "?includeUserProfile=true", admin);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject user = json(response.body());
        assertEquals(sup.ccUserId(), user.getString("id"));
        assertEquals(sup.personUuid(), user.getString("ciUserId"));
        assertEquals(List.of(sim.teamA()), strings(user.getJsonArray("teamIds")));
        JsonObject profile = user.getJsonObject("userProfileData");
        assertEquals("SUPERVISOR", profile.getString("profileType"));
        assertEquals("SPECIFIC", profile.getString("accessAllTeams"));
        assertEquals(List.of(sim.teamA()), strings(profile.getJsonArray("teams")));

        assertEquals(404, get("/organization/" + sim.orgId() + "/user/by-ci-user-id/"
                + sim.notInContactCenter().personUuid(), admin).statusCode());
        assertEquals(403, get("/organization/" + sim.otherOrgId() + "/user/by-ci-user-id/"
                + sim.otherOrgAdmin().personUuid(), admin).statusCode());
        assertEquals(401, get("/organization/" + sim.orgId() + "/user/by-ci-user-id/" + sup.personUuid(),
                "bogus").statusCode());
    }

    // ---------------------------------------------------------------- skill profiles

    @Test
    void skillProfileGetWithDetailsAddsNames() throws Exception {
        String admin = adminTokens().getString("access_token");
        String id = sim.seededProfiles().germanSpeaker();
        JsonObject plain = json(get(profilePath(id), admin).body());
        assertFalse(plain.getJsonArray("activeSkills").getJsonObject(0).containsKey("skillName"));
        JsonObject detailed = json(get(profilePath(id) + "?includeSkillDetails=true", admin).body());
        assertEquals("German", detailed.getJsonArray("activeSkills").getJsonObject(0).getString("skillName"));
        JsonObject enumSkill = detailed.getJsonArray("activeEnumSkills").getJsonObject(0);
        assertEquals("Language", enumSkill.getString("enumSkillName"));
        assertEquals("English", enumSkill.getString("enumSkillValue"));
        assertEquals(sim.seededSkills().get("Language"), enumSkill.getString("enumSkillId"));
        assertEquals(404, get(profilePath("no-such-profile"), admin).statusCode());
    }

    @Test
    void skillProfilePutEnforcesVersionAndReplacesSkills() throws Exception {
        String admin = adminTokens().getString("access_token");
        String id = sim.seededProfiles().germanSpeaker();
        JsonObject stored = json(get(profilePath(id), admin).body());
        JsonObject changed = withProficiency(stored, sim.seededSkills().get("German"), 9);

        HttpResponse<String> ok = put(profilePath(id), admin, changed.toString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(stored.getInt("version") + 1, json(ok.body()).getInt("version"));
        JsonObject now = sim.skillProfile(sim.orgId(), id).orElseThrow();
        assertEquals(9, now.getJsonArray("activeSkills").getJsonObject(0).getInt("proficiencyValue"));
        assertEquals(3, now.getJsonArray("activeSkills").size());
        assertEquals(1, now.getJsonArray("activeEnumSkills").size());

        for (SimSwitches.StaleVersion mode : SimSwitches.StaleVersion.values()) {
            sim.switches().staleVersion(mode);
            try {
                JsonObject before = sim.skillProfile(sim.orgId(), id).orElseThrow();
                HttpResponse<String> stale = put(profilePath(id), admin, changed.toString()); // version is old
                switch (mode) {
                    case LAST_WRITE_WINS -> {
                        assertEquals(200, stale.statusCode(), stale.body());
                        assertEquals(before.getInt("version") + 1, json(stale.body()).getInt("version"));
                    }
                    case REJECT_400, REJECT_409 -> {
                        assertEquals(mode == SimSwitches.StaleVersion.REJECT_400 ? 400 : 409, stale.statusCode());
                        assertTrue(stale.body().contains("Stale version"));
                        assertEquals(before, sim.skillProfile(sim.orgId(), id).orElseThrow());
                    }
                }
            } finally {
                sim.switches().reset();
            }
        }
        now = sim.skillProfile(sim.orgId(), id).orElseThrow();

        JsonObject dropping = Json.createObjectBuilder(now)
                .add("activeSkills", Json.createArrayBuilder().add(now.getJsonArray("activeSkills").get(0)))
                .remove("activeEnumSkills").build();
        assertEquals(200, put(profilePath(id), admin, dropping.toString()).statusCode());
        JsonObject dropped = sim.skillProfile(sim.orgId(), id).orElseThrow();
        assertEquals(1, dropped.getJsonArray("activeSkills").size());
        assertEquals(0, dropped.getJsonArray("activeEnumSkills").size());
    }

    @Test
    void skillProfilePutValidatesTheBody() throws Exception {
        String admin = adminTokens().getString("access_token");
        String id = sim.seededProfiles().billingExperts();
        JsonObject stored = sim.skillProfile(sim.orgId(), id).orElseThrow();
        String billing = sim.seededSkills().get("Billing");
        assertEquals(400, put(profilePath(id), admin, withProficiency(stored, billing, 11).toString()).statusCode());
        JsonObject detailed = json(get(profilePath(id) + "?includeSkillDetails=true", admin).body());
        HttpResponse<String> unknownField = put(profilePath(id), admin, detailed.toString());
        assertEquals(400, unknownField.statusCode());
        assertTrue(unknownField.body().contains("skillName"), unknownField.body());
        assertEquals(400, put(profilePath(id), admin,
                Json.createObjectBuilder(stored).add("id", "other").build().toString()).statusCode());
        assertEquals(400, put(profilePath(id), admin,
                Json.createObjectBuilder(stored).add("name", "bad<name>").build().toString()).statusCode());
        assertEquals(400, put(profilePath(id), admin,
                Json.createObjectBuilder(stored).add("activeSkills", Json.createArrayBuilder()).build().toString())
                .statusCode());
        assertEquals(400, put(profilePath(id), admin, "{not json").statusCode());
        assertEquals(stored, sim.skillProfile(sim.orgId(), id).orElseThrow());
    }

    /**
     * SkillProfileDTO's activeSkills and activeEnumSkills are uniqueItems: a PUT repeating an entry is refused the way
     * Contact Center refuses what breaks its schema, with or without the contract check installed, and nothing is
     * stored. Equal means equal as JSON Schema compares (members in any order, 0 and 0.0 alike).
     */
    @Test
    void skillProfilePutRefusesARepeatedEntry() throws Exception {
        String admin = adminTokens().getString("access_token");
        String id = sim.seededProfiles().germanSpeaker();
        JsonObject stored = sim.skillProfile(sim.orgId(), id).orElseThrow();
        JsonObject entry = stored.getJsonArray("activeEnumSkills").getJsonObject(0);
        JsonObject reordered = Json.createObjectBuilder().add("enumSkillValueId", entry.getString("enumSkillValueId"))
                .add("version", Json.createValue(new java.math.BigDecimal("0.0"))).build();
        JsonObject first = Json.createObjectBuilder().add("version", 0)
                .add("enumSkillValueId", entry.getString("enumSkillValueId")).build();
        JsonObject skill = stored.getJsonArray("activeSkills").getJsonObject(0);
        for (JsonObject repeated : List.of(
                Json.createObjectBuilder(stored).add("activeEnumSkills", Json.createArrayBuilder().add(first)
                        .add(reordered)).build(),
                Json.createObjectBuilder(stored).add("activeSkills", Json.createArrayBuilder(
                        stored.getJsonArray("activeSkills")).add(skill)).build())) {
            HttpResponse<String> refused = put(profilePath(id), admin, repeated.toString());
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("400", json(refused.body()).getJsonObject("error").getString("key"));
        }
        assertEquals(stored, sim.skillProfile(sim.orgId(), id).orElseThrow());
        JsonObject once = Json.createObjectBuilder(stored).add("activeEnumSkills", Json.createArrayBuilder().add(first))
                .build();
        assertEquals(200, put(profilePath(id), admin, once.toString()).statusCode(), "the same entry once is fine");
    }

    /** Nothing the simulator answers can repeat a team: UserProfileDTO.teams and UserResponseDTO.teamIds are uniqueItems. */
    @Test
    void aUserCannotBeSetUpInATeamTwice() {
        String team = sim.supervisor().teamIds().get(0);
        assertThrows(IllegalArgumentException.class, () -> sim.addAgent("twice", "Twice Agent", List.of(team, team)));
        assertTrue(sim.user("twice").isEmpty(), "nothing added");
    }

    /** reskill takes enum values by id or by name as switched (Cisco does not say), never repeated (uniqueItems). */
    @Test
    void reskillTakesEnumValuesInTheSwitchedFormOnly() throws Exception {
        String admin = adminTokens().getString("access_token");
        String language = sim.seededSkills().get("Language");
        String path = "/organization/" + sim.orgId() + "/user/" + sim.agent().ccUserId() + "/reskill";
        java.util.function.Function<String, String> body = values -> "{\"dynamicSkills\":{\"add\":[{\"skillId\":\""
                + language + "\",\"enumSkillValues\":[" + values + "]}]}}";
        String germanId = "\"" + sim.enumValueId(language, "German") + "\"";
        try {
            sim.switches().enumSkillValues(SimSwitches.EnumSkillValues.IDS);
            assertEquals(400, patch(path, admin, body.apply("\"German\"")).statusCode());
            assertEquals(400, patch(path, admin, body.apply(germanId + "," + germanId)).statusCode());
            assertEquals(204, patch(path, admin, body.apply(germanId)).statusCode());
            assertEquals(sim.enumValueId(language, "German"), sim.dynamicSkills(sim.agent()).get(0)
                    .getString("enumSkillValues"));
            sim.switches().enumSkillValues(SimSwitches.EnumSkillValues.NAMES);
            assertEquals(400, patch(path, admin, body.apply(germanId)).statusCode());
            assertEquals(204, patch(path, admin, body.apply("\"Spanish\"")).statusCode());
            assertEquals("Spanish", sim.dynamicSkills(sim.agent()).get(0).getString("enumSkillValues"));
        } finally {
            sim.switches().reset();
            sim.clearDynamicSkills(sim.agent());
        }
    }

    @Test
    void desktopTokenCannotWriteSkillProfiles() throws Exception {
        String desktop = sim.issueDesktopToken(sim.supervisor());
        String id = sim.seededProfiles().germanSpeaker();
        assertEquals(200, get(profilePath(id), desktop).statusCode());
        HttpResponse<String> response = put(profilePath(id), desktop,
                sim.skillProfile(sim.orgId(), id).orElseThrow().toString());
        assertEquals(403, response.statusCode());
        JsonObject error = json(response.body()).getJsonObject("error");
        assertEquals("403", error.getString("key"));
        assertEquals("Access denied - Client is forbidden access to the resource",
                error.getJsonArray("message").getJsonObject(0).getString("description"));
    }

    @Test
    void v2ListPagesAndSearches() throws Exception {
        String admin = adminTokens().getString("access_token");
        String base = "/organization/" + sim.orgId() + "/v2/skill-profile";
        JsonObject page0 = json(get(base + "?page=0&pageSize=10", admin).body());
        assertEquals(10, page0.getJsonArray("data").size());
        assertEquals(28, page0.getJsonObject("meta").getInt("totalRecords"));
        assertEquals(3, page0.getJsonObject("meta").getInt("totalPages"));
        JsonObject page2 = json(get(base + "?page=2&pageSize=10", admin).body());
        assertEquals(8, page2.getJsonArray("data").size());
        JsonObject search = json(get(base + "?search=GERMAN", admin).body());
        assertEquals(1, search.getJsonArray("data").size());
        assertEquals(sim.seededProfiles().germanSpeaker(), search.getJsonArray("data").getJsonObject(0).getString("id"));
        JsonObject filtered = json(get(base + "?filter=" + enc("name==\"Billing Experts\""), admin).body());
        assertEquals(1, filtered.getJsonArray("data").size());

        JsonObject skills = json(get("/organization/" + sim.orgId() + "/v2/skill?pageSize=100", admin).body());
        assertEquals(7, skills.getJsonObject("meta").getInt("totalRecords"));
        JsonObject vip = json(get("/organization/" + sim.orgId() + "/skill/" + sim.seededSkills().get("VIP"), admin)
                .body());
        assertEquals("Boolean", vip.getString("skillType"));
    }

    @Test
    void incomingReferencesListTeamsAndUsersAsEntityInfoWithoutType() throws Exception {
        String admin = adminTokens().getString("access_token");
        SeededProfiles p = sim.seededProfiles();
        assertEquals(List.of(p.teamA()), refs(admin, p.germanSpeaker(), ""));
        assertEquals(List.of(p.teamB()), refs(admin, p.billingExperts(), ""));
        assertEquals(List.of(sim.agentB().ccUserId()), refs(admin, p.spanishDesk(), ""));
        assertEquals(List.of(sim.agentB().ccUserId()), refs(admin, p.spanishDesk(), "?type=TEAM"), "type is ignored");
        assertEquals(List.of(), refs(admin, p.numbered().get(0), ""));
    }

    @Test
    void teamsAndUsersAreFilteredByRsqlAndTrimmedByAttributes() throws Exception {
        String admin = adminTokens().getString("access_token");
        SeededProfiles p = sim.seededProfiles();
        String teams = "/organization/" + sim.orgId() + "/v2/team";
        JsonObject byProfile = json(get(teams + "?attributes=id,skillProfileId&filter="
                + enc("skillProfileId==\"" + p.germanSpeaker() + "\" or skillProfileId==\"" + p.billingExperts() + "\""),
                admin).body());
        assertEquals(List.of(p.teamA(), p.teamB()), ids(byProfile));
        assertEquals(java.util.Set.of("id", "skillProfileId"), byProfile.getJsonArray("data").getJsonObject(0).keySet());
        String users = "/organization/" + sim.orgId() + "/v2/user";
        JsonObject assigned = json(get(users + "?filter=" + enc("skillProfileId==\"" + p.spanishDesk() + "\""), admin)
                .body());
        assertEquals(List.of(sim.agentB().ccUserId()), ids(assigned));
        JsonObject inTeamA = json(get(users + "?filter=" + enc("teamIds==" + p.teamA() + ";active==true"), admin).body());
        assertTrue(ids(inTeamA).contains(sim.supervisor().ccUserId()));
        assertFalse(ids(inTeamA).contains(sim.agentB().ccUserId()));
        assertEquals(400, get(users + "?filter=" + enc("teamIds=in=(x)"), admin).statusCode());
    }

    @Test
    void supervisorQueriesAnswerOrRefuseADesktopTokenAsSwitched() throws Exception {
        String desktop = sim.issueDesktopToken(sim.supervisor());
        String teams = "/organization/" + sim.orgId() + "/v2/team?supervisorView=true";
        String users = "/organization/" + sim.orgId() + "/v2/user?supervisorManagedAgentsOnly=true";
        assertEquals(List.of(sim.teamA()), ids(json(get(teams, desktop).body())));
        assertTrue(ids(json(get(users, desktop).body())).contains(sim.agent().ccUserId()));
        assertFalse(ids(json(get(users, desktop).body())).contains(sim.agentB().ccUserId()));
        sim.switches().supervisorQueries(SimSwitches.SupervisorQueries.FORBIDDEN);
        try {
            assertEquals(403, get(teams, desktop).statusCode());
            assertEquals(403, get(users, desktop).statusCode());
            String admin = adminTokens().getString("access_token");
            assertEquals(200, get(teams, admin).statusCode(), "an integration's token is answered");
        } finally {
            sim.switches().reset();
        }
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("data").getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList();
    }

    // ---------------------------------------------------------------- rate limit, faults, counters

    @Test
    void ccRateLimitIsPerClientWithRetryAfter() throws Exception {
        sim.setRateLimitPerMinute(3);
        String admin = adminTokens().getString("access_token");
        String desktop = sim.issueDesktopToken(sim.supervisor());
        String path = profilePath(sim.seededProfiles().germanSpeaker());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get(path, admin).statusCode());
            clock.advance(Duration.ofSeconds(10));
        }
        HttpResponse<String> limited = get(path, admin);
        assertEquals(429, limited.statusCode());
        assertEquals("30", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("429", json(limited.body()).getJsonObject("error").getString("key"));
        assertEquals(200, get(path, desktop).statusCode());
        assertEquals(200, get("/v1/people/me", admin).statusCode());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(200, get(path, admin).statusCode());
    }

    @Test
    void faultsFireTheGivenNumberOfTimes() throws Exception {
        sim.faults().on("POST", "/v1/access_token", Fault.status(503), 2);
        String code = consent("admin", "accept", "s").get("code");
        HttpResponse<String> failed = exchange(code, REDIRECT, VERIFIER);
        assertEquals(503, failed.statusCode());
        assertNotNull(json(failed.body()).getString("trackingId"));
        assertEquals(503, exchange(code, REDIRECT, VERIFIER).statusCode());
        assertEquals(200, exchange(code, REDIRECT, VERIFIER).statusCode());
    }

    @Test
    void rateLimitedAndMalformedFaults() throws Exception {
        String token = sim.issueDesktopToken(sim.admin());
        sim.faults().on("GET", "/v1/people/**", Fault.rateLimited(7), 1)
                .on("GET", "/organization/*/skill-profile/*", Fault.malformedJson(), 1);
        HttpResponse<String> limited = get("/v1/people/me", token);
        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("Retry-After").orElseThrow());
        HttpResponse<String> malformed = get(profilePath(sim.seededProfiles().germanSpeaker()), token);
        assertEquals(200, malformed.statusCode());
        assertThrows(jakarta.json.JsonException.class, () -> json(malformed.body()));
        assertEquals(200, get("/v1/people/me", token).statusCode());
    }

    @Test
    void dropConnectionFaultMakesTheClientFail() throws Exception {
        sim.faults().on("*", "/v1/people/me", Fault.dropConnection(), 1);
        String token = sim.issueDesktopToken(sim.admin());
        assertThrows(IOException.class, () -> get("/v1/people/me", token));
        assertEquals(200, get("/v1/people/me", token).statusCode());
    }

    @Test
    void droppedTokenResponseIsNotSilentlyRetriedByHttpUrlConnection() throws Exception {
        // The broker's client is HttpURLConnection, which re-sends a POST whose connection died before
        // any response; the fault answers half a response so that the broker really sees the failure.
        sim.faults().on("POST", "/v1/access_token", Fault.dropConnection(), 1);
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection) uri("/v1/access_token").toURL()
                .openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        connection.getOutputStream().write(form(Map.of("grant_type", "refresh_token", "refresh_token", "x",
                "client_id", CLIENT, "client_secret", SECRET)).getBytes(StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> {
            connection.getResponseCode();
            connection.getInputStream().readAllBytes();
        });
        assertEquals(1, sim.count("POST", "/v1/access_token"));
    }

    @Test
    void tokenRequestMustBeFormEncoded() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/access_token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"refresh_token\"}")).build());
        assertEquals(400, response.statusCode());
        assertEquals("invalid_request", json(response.body()).getString("error"));
    }

    @Test
    void delayFaultDelaysThenAnswers() throws Exception {
        sim.faults().on("GET", "/v1/people/me", Fault.delay(Duration.ofMillis(300)), 1);
        String token = sim.issueDesktopToken(sim.admin());
        long start = System.nanoTime();
        assertEquals(200, get("/v1/people/me", token).statusCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 280);
        HttpRequest quick = HttpRequest.newBuilder(sim.baseUri().resolve("/v1/people/me"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMillis(100)).build();
        sim.faults().on("GET", "/v1/people/me", Fault.delay(Duration.ofMillis(500)), 1);
        assertThrows(java.net.http.HttpTimeoutException.class, () -> http.send(quick, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void countersAndReceivedRecordWhatArrived() throws Exception {
        JsonObject tokens = adminTokens();
        refresh(tokens.getString("refresh_token"));
        get("/v1/people/me", tokens.getString("access_token"));
        get(profilePath(sim.seededProfiles().germanSpeaker()), tokens.getString("access_token"));
        assertEquals(2, sim.count("POST", "/v1/access_token"));
        assertEquals(1, sim.count("GET", "/v1/people/me"));
        assertEquals(1, sim.count("GET", "/organization/*/skill-profile/*"));
        assertEquals(1, sim.count("*", "/organization/**"));
        Received last = sim.received().get(sim.received().size() - 1);
        assertEquals("Bearer " + tokens.getString("access_token"), last.header("Authorization"));
        Received refresh = sim.received().stream().filter(r -> r.body().contains("grant_type=refresh_token"))
                .findFirst().orElseThrow();
        assertTrue(refresh.headers().containsKey("content-type"));
        sim.resetCounters();
        assertEquals(0, sim.count("*", "/**"));
    }

    @Test
    void httpControlApi() throws Exception {
        HttpResponse<String> token = send(HttpRequest.newBuilder(uri("/_sim/desktop-token?user=supervisor"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, token.statusCode());
        assertEquals(200, get("/v1/people/me", json(token.body()).getString("token")).statusCode());

        HttpResponse<String> fault = send(HttpRequest.newBuilder(uri("/_sim/faults")).POST(
                HttpRequest.BodyPublishers.ofString("{\"method\":\"GET\",\"path\":\"/v1/people/me\","
                        + "\"fault\":\"status\",\"status\":500,\"times\":1}")).build());
        assertEquals(204, fault.statusCode());
        assertEquals(500, get("/v1/people/me", json(token.body()).getString("token")).statusCode());

        JsonObject counters = json(get("/_sim/counters", null).body());
        assertEquals(2, counters.getInt("GET /v1/people/me"));
        assertEquals(200, get("/_sim/skill-profile/" + sim.seededProfiles().germanSpeaker(), null).statusCode());
        HttpResponse<String> index = get("/_sim/", null);
        assertTrue(index.body().contains("supervisor"));

        assertEquals(204, send(HttpRequest.newBuilder(uri("/_sim/expire-access-tokens"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        assertEquals(401, get("/v1/people/me", json(token.body()).getString("token")).statusCode());
        assertEquals(204, send(HttpRequest.newBuilder(uri("/_sim/lifetimes"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"accessSeconds\":60,\"refreshSeconds\":120}")).build())
                .statusCode());
        JsonObject tokens = adminTokens();
        assertEquals(60, tokens.getInt("expires_in"));
        assertEquals(120, tokens.getInt("refresh_token_expires_in"));
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, String> authorizeParams(String state) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", CLIENT);
        params.put("redirect_uri", REDIRECT);
        params.put("scope", ADMIN_SCOPES);
        params.put("state", state);
        params.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII))));
        params.put("code_challenge_method", "S256");
        return params;
    }

    /** Posts the consent form and returns the callback's query parameters. */
    private Map<String, String> consent(String user, String decision, String state) throws Exception {
        Map<String, String> params = authorizeParams(state);
        params.put("user", user);
        params.put("decision", decision);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build());
        assertEquals(302, response.statusCode(), response.body());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertTrue(location.toString().startsWith(REDIRECT + "?"));
        return SimExchange.parseForm(location.getRawQuery());
    }

    private JsonObject adminTokens() throws Exception {
        HttpResponse<String> response = exchange(consent("admin", "accept", "s").get("code"), REDIRECT, VERIFIER);
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private HttpResponse<String> exchange(String code, String redirect, String verifier) throws Exception {
        return tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
                "code_verifier", verifier, "client_id", CLIENT, "client_secret", SECRET), null);
    }

    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        return tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", CLIENT, "client_secret", SECRET), null);
    }

    private HttpResponse<String> tokenRequest(Map<String, String> fields, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private static void assertInvalidGrant(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        JsonObject body = json(response.body());
        assertEquals("invalid_grant", body.getString("error"));
        assertTrue(body.getString("trackingId").startsWith("ROUTER_"));
        assertFalse(body.getJsonArray("errors").isEmpty());
    }

    private List<String> refs(String token, String profileId, String query) throws Exception {
        JsonObject page = json(get(profilePath(profileId) + "/incoming-references" + query, token).body());
        return page.getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(r -> {
                    assertFalse(r.containsKey("type"), "EntityInfo has no type");
                    return r.getString("id");
                }).toList();
    }

    private static JsonObject withProficiency(JsonObject profile, String skillId, int value) {
        var skills = Json.createArrayBuilder();
        for (JsonObject skill : profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class)) {
            JsonObjectBuilder b = Json.createObjectBuilder(skill);
            if (skill.getString("skillId").equals(skillId)) {
                b.add("proficiencyValue", value);
            }
            skills.add(b);
        }
        return Json.createObjectBuilder(profile).add("activeSkills", skills).build();
    }

    private String profilePath(String id) {
        return "/organization/" + sim.orgId() + "/skill-profile/" + id;
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    private HttpResponse<String> put(String path, String bearer, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> patch(String path, String bearer, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(sim.baseUri() + path);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                .toList();
    }
}
