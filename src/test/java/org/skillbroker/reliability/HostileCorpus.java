package org.skillbroker.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The generated corpus of hostile requests, against every endpoint of the WAR. Every request must be refused:
 * none may read or change anything, so each one that carries a valid Desktop token is wrong in some other way
 * (its body, id, media type or method).
 */
final class HostileCorpus {

    /**
     * @param endpoint what it targets, for the summary
     * @param browser  the request says {@code Accept: text/html}: a 4xx HTML page is then a fine answer
     * @param protocol malformed at the HTTP level: Tomcat may answer before the web app sees it
     * @param sent     values this request carries that must never come back (its Authorization, a code)
     */
    record Hostile(String endpoint, String name, Req request, boolean browser, boolean protocol, Set<String> sent) {
    }

    /** What the corpus needs to know about the running broker and the simulator's seed. */
    record Fixture(String context, String adminToken, String agentToken, String otherOrgToken, String profile,
                   String otherOrgProfile, String skill, String booleanSkill) {
    }

    private static final String HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    private final Fixture f;
    private final String api;
    private final List<Hostile> cases = new ArrayList<>();

    private HostileCorpus(Fixture fixture) {
        this.f = fixture;
        this.api = fixture.context() + "/api/skill-profiles";
    }

    static List<Hostile> generate(Fixture fixture) {
        HostileCorpus corpus = new HostileCorpus(fixture);
        corpus.authorization();
        corpus.ids();
        corpus.bodies();
        corpus.mediaTypes();
        corpus.queries();
        corpus.methods();
        corpus.setup();
        corpus.callback();
        corpus.staticFiles();
        corpus.unknownPaths();
        corpus.protocol();
        corpus.strangers();
        return List.copyOf(corpus.cases);
    }

    // ---- what a stranger may try (issue 10): amplification, forged origins, proxies, random tokens ----

    private void strangers() {
        String target = api + "/" + f.profile();
        StringBuilder madeUp = new StringBuilder("{\"activeSkills\":[");
        for (int i = 0; i < 99; i++) {
            madeUp.append("{\"skillId\":\"").append(UUID.randomUUID()).append("\",\"proficiencyValue\":3},");
        }
        madeUp.append("{\"skillId\":\"").append(f.skill()).append("\",\"proficiencyValue\":3}]}");
        add("api-patch", "made-up-skills", Req.of("PATCH", target).header("Authorization", bearer())
                .json(madeUp.toString()), f.adminToken());
        StringBuilder tooMany = new StringBuilder("{\"activeSkills\":[");
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"skillId\":\"").append(UUID.randomUUID())
                    .append("\",\"proficiencyValue\":3}");
        }
        add("api-patch", "too-many-changes", Req.of("PATCH", target).header("Authorization", bearer())
                .json(tooMany.append("]}").toString()), f.adminToken());
        for (int i = 0; i < 5; i++) {
            String random = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
            add("api-patch", "random-token-" + i, Req.of("PATCH", target).header("Authorization", "Bearer " + random)
                    .json(aValidChangeOutOfRange()));
        }
        add("api-get", "preflight-null-origin", Req.of("OPTIONS", target).header("Origin", "null")
                .header("Access-Control-Request-Method", "PATCH"));
        String setup = f.context() + "/setup";
        add("setup", "sign-in-cross-site", Req.of("POST", setup + "/sign-in").header("Sec-Fetch-Site", "cross-site")
                .body(new byte[0], "application/x-www-form-urlencoded"));
        add("setup", "connect-null-origin", Req.of("POST", setup + "/connect").header("Origin", "null")
                .body(new byte[0], "application/x-www-form-urlencoded"));
        add("metrics", "through-a-proxy", Req.of("GET", f.context() + "/metrics").header("X-Forwarded-For", "203.0.113.9"));
        add("metrics", "forwarded", Req.of("GET", f.context() + "/metrics").header("Forwarded", "for=203.0.113.9"));
        add("metrics", "wrong-token", Req.of("GET", f.context() + "/metrics").header("Authorization", "Bearer guess"));
    }

    private void add(String endpoint, String name, Req request, String... sent) {
        cases.add(new Hostile(endpoint, name, request, false, TomcatRules.answersFirst(request), Set.of(sent)));
    }

    private void addBrowser(String endpoint, String name, Req request) {
        cases.add(new Hostile(endpoint, name, request.header("Accept", HTML), true, TomcatRules.answersFirst(request),
                Set.of()));
    }

    private void addProtocol(String endpoint, String name, Req request, String... sent) {
        cases.add(new Hostile(endpoint, name, request, false, true, Set.of(sent)));
    }

    private String bearer() {
        return "Bearer " + f.adminToken();
    }

    private String aValidChangeOutOfRange() {
        return HostileBodies.change(f.skill(), "11");
    }

    // ---- who is calling ----

    private void authorization() {
        String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." + UUID.randomUUID();
        String long5k = "A".repeat(5_000);
        Map<String, String> schemes = new java.util.LinkedHashMap<>();
        schemes.put("basic", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:hunter2-secret".getBytes()));
        // RFC 7235 §2.1: the scheme is case-insensitive, so lower case is accepted; the token is what is forged
        schemes.put("bearer-lower-forged", "bearer " + forged);
        schemes.put("bearer-forged", "Bearer " + forged);
        schemes.put("bearer-empty", "Bearer ");
        schemes.put("bearer-no-space", "Bearer");
        schemes.put("bearer-two-tokens", bearer() + " " + f.adminToken());
        schemes.put("bearer-comma-list", bearer() + ", " + bearer());
        schemes.put("bearer-5kb", "Bearer " + long5k);
        schemes.put("bearer-quoted", "Bearer \"" + f.adminToken() + "\"");
        schemes.put("bearer-latin1", "Bearer t\u00f6ken-forged-value");
        schemes.put("bearer-tab", "Bearer\t" + forged);
        schemes.put("digest", "Digest username=\"admin\", realm=\"x\", nonce=\"1\", response=\"2\"");
        schemes.put("negotiate", "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg");
        schemes.put("token-only", f.adminToken());
        schemes.put("agent-token", "Bearer " + f.agentToken());
        schemes.put("other-org-token", "Bearer " + f.otherOrgToken());
        schemes.put("no-scheme-sql", "' OR 1=1 --");
        schemes.forEach((name, value) -> {
            add("api-list", "auth-" + name, Req.of("GET", api).header("Authorization", value), value);
            add("api-get", "auth-" + name, Req.of("GET", api + "/" + f.profile()).header("Authorization", value), value);
            add("api-patch", "auth-" + name, Req.of("PATCH", api + "/" + f.profile()).header("Authorization", value)
                    .json(aValidChangeOutOfRange()), value);
        });
        for (String path : new String[]{api, api + "/" + f.profile()}) {
            String endpoint = path.equals(api) ? "api-list" : "api-get";
            add(endpoint, "auth-none", Req.of("GET", path));
            add(endpoint, "auth-two-headers", Req.of("GET", path).header("Authorization", bearer())
                    .header("Authorization", bearer()), f.adminToken());
            add(endpoint, "auth-valid-and-basic", Req.of("GET", path).header("Authorization", bearer())
                    .header("Authorization", "Basic eDp5"), f.adminToken());
            // CR/LF inside the value: the server must see either a refusal or two separate headers, never a
            // header of ours with an injected second line; the token after the injection is forged
            addProtocol(endpoint, "auth-crlf-injection", Req.of("GET", path)
                    .header("Authorization", "Bearer " + forged + "\r\nX-Injected: yes"), forged);
            addProtocol(endpoint, "auth-bare-lf", Req.of("GET", path)
                    .header("Authorization", "Bearer " + forged + "\nX-Injected: yes"), forged);
            addProtocol(endpoint, "auth-bare-cr", Req.of("GET", path)
                    .header("Authorization", "Bearer " + forged + "\rX-Injected: yes"), forged);
            addProtocol(endpoint, "auth-nul", Req.of("GET", path).header("Authorization", "Bearer " + forged + "\0"),
                    forged);
            // over Tomcat's 8 KB header limit: Tomcat answers 400 itself
            addProtocol(endpoint, "auth-10kb", Req.of("GET", path).header("Authorization", "Bearer " + "B".repeat(10_240)),
                    "B".repeat(10_240));
            addProtocol(endpoint, "auth-obs-fold", Req.of("GET", path).header("Authorization", "Bearer")
                    .line(" " + forged), forged);
        }
    }

    // ---- ids in the path ----

    private void ids() {
        String p = f.profile();
        String[] ids = {"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e%2fWEB-INF%2fweb.xml", "..;", "%00",
                p + "%00", p + "%2F..", "..%5C..%5Cwindows", "%252e%252e%252f", "%c0%ae%c0%ae%c0%af", p + "%ed%a0%80",
                "%e2%80%ae" + p, p + "%e2%80%8b", "1", "abc", "x".repeat(1000), "{" + p + "}", p.replace('-', '_'),
                "%20" + p, p + "%20", "*", "%u002e%u002e", p + "%3Bx", p.substring(1),
                p + "0", "00000000-0000-0000-0000-00000000000g", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "'%20OR%201=1--", p.replace("-", ""), UUID.randomUUID().toString(), f.otherOrgProfile()};
        for (String id : ids) {
            String name = "id-" + (id.length() > 40 ? id.substring(0, 12) + "…" : id);
            add("api-get", name, Req.of("GET", api + "/" + id).header("Authorization", bearer()), f.adminToken());
            add("api-patch", name, Req.of("PATCH", api + "/" + id).header("Authorization", bearer())
                    .json(HostileBodies.change(f.skill(), "5")), f.adminToken());
        }
        // traversal with literal dots: Tomcat normalises the path first, so these land on other addresses
        for (String traversal : new String[]{"/../../WEB-INF/web.xml", "/../../../../etc/passwd", "/./../x",
                "/%2e%2e/%2e%2e/WEB-INF/web.xml", "/" + p + "/../../../META-INF/MANIFEST.MF"}) {
            add("api-get", "traversal-" + traversal, Req.of("GET", api + traversal).header("Authorization", bearer()),
                    f.adminToken());
        }
    }

    // ---- bodies ----

    private void bodies() {
        String target = api + "/" + f.profile();
        HostileBodies.all(f.skill(), f.booleanSkill()).forEach((name, body) -> {
            for (String type : new String[]{"application/json", "application/merge-patch+json"}) {
                add("api-patch", "body-" + name + " as " + type, Req.of("PATCH", target)
                        .header("Authorization", bearer()).body(body, type), f.adminToken());
            }
        });
        byte[] big = ("{\"activeSkills\":[" + " ".repeat(20_000) + "]}").getBytes(StandardCharsets.UTF_8);
        add("api-patch", "body-20kb", Req.of("PATCH", target).header("Authorization", bearer())
                .body(big, "application/json"), f.adminToken());
        add("api-patch", "body-1mb", Req.of("PATCH", target).header("Authorization", bearer())
                .body(new byte[1 << 20], "application/json"), f.adminToken());
        add("api-patch", "body-20kb-chunked", Req.of("PATCH", target).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").noLength()
                .body(chunked(big), null), f.adminToken());
        add("api-patch", "body-declared-huge", Req.of("PATCH", target).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Content-Length", "99999999999").noLength(),
                f.adminToken());
        add("api-patch", "body-none", Req.of("PATCH", target).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Content-Length", "0"), f.adminToken());
    }

    private static byte[] chunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += 4096) {
            int n = Math.min(4096, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    // ---- media types ----

    private void mediaTypes() {
        String target = api + "/" + f.profile();
        byte[] change = aValidChangeOutOfRange().getBytes(StandardCharsets.UTF_8);
        String[] types = {"text/xml", "application/xml", "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "application/octet-stream", "*/*", "application/*",
                "application/", "/json", "garbage", ";;;", "application/json, text/xml", "application/json; charset=\"",
                "application/json; charset=ebcdic-unknown", "application/merge-patch+json; x=\u00ff",
                "application/json-patch+json", "text/html", "image/svg+xml", "application/json\u0000"};
        for (String type : types) {
            add("api-patch", "content-type-" + type, Req.of("PATCH", target).header("Authorization", bearer())
                    .body(change, type), f.adminToken());
        }
        add("api-patch", "content-type-none", Req.of("PATCH", target).header("Authorization", bearer())
                .body(change, null), f.adminToken());
        add("api-patch", "content-type-twice", Req.of("PATCH", target).header("Authorization", bearer())
                .header("Content-Type", "application/json").body(change, "text/xml"), f.adminToken());
        add("api-patch", "multipart-body", Req.of("PATCH", target).header("Authorization", bearer()).body(
                ("--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../x\"\r\n\r\n" + new String(change)
                        + "\r\n--xyz--\r\n").getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=xyz"),
                f.adminToken());
        add("api-patch", "xml-entity-bomb", Req.of("PATCH", target).header("Authorization", bearer()).body(
                ("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><a>&b;</a>")
                        .getBytes(StandardCharsets.UTF_8), "text/xml"), f.adminToken());
        for (String accept : new String[]{"text/xml", "application/xml", "image/png", ";;;", "application/json;q=0",
                "text/plain"}) {
            add("api-get", "accept-" + accept, Req.of("GET", api + "/x").header("Authorization", bearer())
                    .header("Accept", accept), f.adminToken());
            add("api-patch", "accept-" + accept, Req.of("PATCH", target).header("Authorization", bearer())
                    .header("Accept", accept).body(change, "application/json"), f.adminToken());
        }
    }

    // ---- list queries ----

    private void queries() {
        String[] queries = {"page=-1", "page=10000", "page=abc", "page=1e3", "page=99999999999999999999",
                "page=%00", "page=2x&page=1", "search=" + "a".repeat(81), "search=%00", "search=%0d%0aX-Injected:%20yes",
                "search=%1b%5b31m", "search=" + "%e2%80%ae".repeat(81), "page=%ef%bc%91", "page=1%20", "page=+1",
                "page=0x1"};
        for (String query : queries) {
            add("api-list", "query-" + (query.length() > 40 ? query.substring(0, 20) + "…" : query),
                    Req.of("GET", api + "?" + query).header("Authorization", bearer()), f.adminToken());
        }
    }

    // ---- methods that do not belong ----

    private void methods() {
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        paths.put("api-list", api);
        paths.put("api-get", api + "/" + f.profile());
        paths.put("health", f.context() + "/health");
        paths.put("callback", f.context() + "/oauth/callback");
        paths.put("setup", f.context() + "/setup");
        paths.put("setup-action", f.context() + "/setup/connect");
        paths.put("widget", f.context() + "/widget/skill-editor-widget.js");
        paths.put("widget-layout", f.context() + "/widget/layout.json");
        paths.put("assets", f.context() + "/assets/broker.css");
        paths.put("unknown", f.context() + "/nope");
        paths.put("error-servlet", f.context() + "/error");
        for (Map.Entry<String, String> path : paths.entrySet()) {
            for (String method : new String[]{"PUT", "DELETE", "TRACE", "PROPFIND", "FOO", "get", "CONNECT"}) {
                add(path.getKey(), "method-" + method, Req.of(method, path.getValue()).header("Authorization", bearer())
                        .json(aValidChangeOutOfRange()), f.adminToken());
            }
            // a preflight from an origin that is not a Desktop (CORS is for /api only: elsewhere OPTIONS is
            // answered with Allow, as HTTP wants, and grants no origin anything)
            if (path.getKey().startsWith("api")) {
                add(path.getKey(), "preflight-evil-origin", Req.of("OPTIONS", path.getValue())
                        .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "PATCH"));
            }
        }
        add("api-list", "method-POST", Req.of("POST", api).header("Authorization", bearer())
                .json(aValidChangeOutOfRange()), f.adminToken());
        add("api-list", "method-PATCH", Req.of("PATCH", api).header("Authorization", bearer())
                .json(aValidChangeOutOfRange()), f.adminToken());
        add("api-get", "preflight-bad-method", Req.of("OPTIONS", api + "/" + f.profile())
                .header("Origin", "https://desktop.wxcc-us1.cisco.com").header("Access-Control-Request-Method", "PUT"));
        add("api-get", "preflight-bad-header", Req.of("OPTIONS", api + "/" + f.profile())
                .header("Origin", "https://desktop.wxcc-us1.cisco.com").header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "x-evil"));
        add("health", "method-POST", Req.of("POST", f.context() + "/health").json("{}"));
        add("assets", "method-POST", Req.of("POST", f.context() + "/assets/broker.css").json("{}"));
        add("assets", "method-PUT", Req.of("PUT", f.context() + "/assets/broker.css").json("{}"));
    }

    // ---- the admin pages ----

    private void setup() {
        String setup = f.context() + "/setup";
        byte[] form = "csrf=forged-csrf-value".getBytes(StandardCharsets.UTF_8);
        String formType = "application/x-www-form-urlencoded";
        List<Req> requests = List.of(
                Req.of("GET", setup + "/connect"), Req.of("GET", setup + "/disconnect"),
                Req.of("POST", setup + "/connect"), Req.of("POST", setup + "/connect").body(form, formType),
                Req.of("POST", setup + "/connect?csrf=forged").body(new byte[0], formType),
                Req.of("POST", setup + "/sign-in").body(form, formType),
                Req.of("POST", setup + "/disconnect").body("csrf=x&confirm=yes".getBytes(), formType),
                Req.of("POST", setup + "/sign-out").body(form, formType),
                Req.of("POST", setup + "/connect").body(("csrf=" + "a".repeat(1 << 20)).getBytes(), formType),
                Req.of("POST", setup + "/connect").body("--x\r\n\r\n--x--".getBytes(), "multipart/form-data; boundary=x"),
                Req.of("POST", setup + "/connect").body("<csrf/>".getBytes(), "text/xml"),
                Req.of("POST", setup).body(form, formType), Req.of("PUT", setup), Req.of("DELETE", setup),
                Req.of("GET", setup + "/nope"), Req.of("GET", setup + "/%2e%2e%2fhealth"),
                Req.of("GET", setup + "/connect%00"), Req.of("GET", setup + "/" + "x".repeat(4000)),
                Req.of("POST", setup + "/connect").header("Cookie", "SKILLBROKER_SESSION=forged-session-id").body(form, formType),
                Req.of("POST", setup + "/connect").header("Cookie", "SKILLBROKER_SESSION=" + "%".repeat(3000)).body(form, formType),
                Req.of("GET", setup + "/%e2%80%ae"), Req.of("POST", setup + "/connect").body(
                        new byte[]{'c', 's', 'r', 'f', '=', (byte) 0xC0, (byte) 0xAF, '%', 'f', 'f'}, formType));
        for (int i = 0; i < requests.size(); i++) {
            add("setup", "setup-" + i, requests.get(i));
        }
        List<Req> again = List.of(Req.of("GET", setup + "/connect"), Req.of("POST", setup + "/connect").body(form, formType),
                Req.of("POST", setup + "/disconnect").body(form, formType), Req.of("GET", setup + "/nope"),
                Req.of("POST", setup + "/sign-in"), Req.of("PUT", setup + "/connect"),
                Req.of("POST", setup + "/connect").header("Origin", "https://evil.example").body(form, formType));
        for (int i = 0; i < again.size(); i++) {
            addBrowser("setup", "setup-html-" + i, again.get(i));
        }
    }

    // ---- Webex's redirect back ----

    private void callback() {
        String cb = f.context() + "/oauth/callback";
        String forgedCode = "forged-code-" + UUID.randomUUID();
        String[] queries = {"", "state=", "code=" + forgedCode, "state=forged-state&code=" + forgedCode,
                "state=forged-state&error=access_denied", "state=forged-state&error=%3Cscript%3E",
                "state=a&state=b&code=" + forgedCode, "state=forged-state&code=" + forgedCode + "&error=access_denied",
                "state=" + "s".repeat(3000) + "&code=" + forgedCode, "state=forged-state&code=" + "c".repeat(3000),
                "state=forged-state&code=" + forgedCode + "%0d%0aSet-Cookie:%20injected=1",
                "state=%00&code=" + forgedCode, "state=%ff%fe&code=" + forgedCode, "state=%c0%af&code=" + forgedCode,
                "state=%e2%80%aeforged&code=" + forgedCode, "state=forged-state&code=%00", "state=forged&code=" + forgedCode + "&code=2",
                "state=..%2F..%2Fetc%2Fpasswd&code=" + forgedCode, "%%%=%%%", "state=forged-state&error="
                + "e".repeat(3000), "state=forged&code=" + forgedCode + "&redirect_uri=https://evil.example"};
        for (int i = 0; i < queries.length; i++) {
            String target = queries[i].isEmpty() ? cb : cb + "?" + queries[i];
            add("callback", "callback-" + i, Req.of("GET", target), forgedCode);
            addBrowser("callback", "callback-html-" + i, Req.of("GET", target));
        }
        // more than Tomcat's maxParameterCount (1000), still inside its 8 KB header limit
        add("callback", "callback-1100-parameters", Req.of("GET", cb + "?state=forged&code=" + forgedCode
                + "&p=1".repeat(1100)), forgedCode);
        add("callback", "callback-post-form", Req.of("POST", cb).body(("state=forged&code=" + forgedCode)
                .getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"), forgedCode);
    }

    // ---- the widget's files, the stylesheet, what the WAR must not serve ----

    private void staticFiles() {
        String c = f.context();
        String[] paths = {"/widget/", "/widget/nope.js", "/widget/../WEB-INF/web.xml", "/widget/%2e%2e/WEB-INF/web.xml",
                "/widget/..%5cWEB-INF%5cweb.xml", "/widget/skill-editor-widget.js/", "/widget/SKILL-EDITOR-WIDGET.JS",
                "/widget/skill-editor-widget.js.bak", "/widget/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/assets/",
                "/assets/nope.css", "/assets/../WEB-INF/web.xml", "/assets/%2e%2e/WEB-INF/web.xml", "/assets/..%2fWEB-INF",
                "/assets/broker.css/", "/assets/broker.css%00", "/assets/%c0%ae%c0%ae/WEB-INF/web.xml",
                "/assets/broker.css%20", "/assets/broker.css::$DATA", "/WEB-INF/web.xml", "/WEB-INF/", "/META-INF/MANIFEST.MF",
                "/WEB-INF/classes/org/skillbroker/Broker.class", "/WEB-INF/lib/", "/web-inf/web.xml", "/%57EB-INF/web.xml",
                "/WEB-INF%2fweb.xml", "/./WEB-INF/web.xml", "/assets/./../WEB-INF/web.xml"};
        for (String path : paths) {
            String endpoint = path.startsWith("/widget") ? "widget" : path.startsWith("/assets") ? "assets" : "war-internals";
            add(endpoint, "get-" + path, Req.of("GET", c + path));
        }
        add("assets", "range-unsatisfiable", Req.of("GET", c + "/assets/broker.css").header("Range", "bytes=999999-"));
    }

    private void unknownPaths() {
        String c = f.context();
        String[] paths = {"/nope", "/api", "/api/", "/api/nope", "/api/skill-profiles/x/y", "/api/application.wadl",
                "/api/skill-profiles/" + f.profile() + "/activeSkills", "/.git/config", "/.env", "/admin",
                "/manager/html", "/setup.php", "/health/x", "/oauth/callback/x", "/oauth", "/error",
                "/%2e%2e/%2e%2e/etc/passwd", "/api/%2e%2e/health/..%2f", "/\u00e9", "/%f0%9f%98%80",
                "/" + "a/".repeat(500), "/api/skill-profiles/" + "x".repeat(6000)};
        for (String path : paths) {
            add("unknown", "path-" + (path.length() > 40 ? path.substring(0, 20) + "…" : path), Req.of("GET", c + path)
                    .header("Authorization", bearer()), f.adminToken());
        }
        // no web app there: Tomcat's host answers
        addProtocol("unknown", "outside-the-context", Req.of("GET", "/skill-broker-not/health"));
    }

    // ---- HTTP that is malformed before any servlet sees it ----

    private void protocol() {
        String health = f.context() + "/health";
        String item = api + "/" + f.profile();
        addProtocol("protocol", "version-2.0", Req.of("GET", health).version("HTTP/2.0"));
        addProtocol("protocol", "version-1.2", Req.of("GET", health).version("HTTP/1.2"));
        addProtocol("protocol", "version-garbage", Req.of("GET", health).version("HTTX/1.1"));
        addProtocol("protocol", "version-extra-token", Req.of("GET", health).version("HTTP/1.1 extra"));
        addProtocol("protocol", "method-with-nul", Req.of("G\0T", health));
        addProtocol("protocol", "method-with-space-target", Req.of("GET", health + " x"));
        addProtocol("protocol", "target-raw-overlong-utf8", Req.of("GET", f.context() + "/\u00c0\u00ae\u00c0\u00ae/WEB-INF/web.xml"));
        addProtocol("protocol", "target-raw-high-bytes", Req.of("GET", f.context() + "/\u00ff\u00fe"));
        addProtocol("protocol", "target-raw-control", Req.of("GET", f.context() + "/\u0001"));
        addProtocol("protocol", "target-pipe-brace", Req.of("GET", f.context() + "/{|}"));
        addProtocol("protocol", "target-20kb", Req.of("GET", health + "?" + "q".repeat(20_000)));
        addProtocol("protocol", "target-asterisk", Req.of("GET", "*"));
        addProtocol("protocol", "target-absolute-elsewhere", Req.of("GET", "http://evil.example" + f.context() + "/nope"));
        addProtocol("protocol", "target-above-root", Req.of("GET", f.context() + "/../../../etc/passwd"));
        addProtocol("protocol", "no-host", Req.of("GET", health).noHost());
        addProtocol("protocol", "two-hosts", Req.of("GET", health).header("Host", "evil.example"));
        addProtocol("protocol", "host-garbage", Req.of("GET", health).noHost().header("Host", "ev il/\u00ff"));
        addProtocol("protocol", "header-no-colon", Req.of("GET", item).line("NoColonHere"));
        addProtocol("protocol", "header-space-in-name", Req.of("GET", item).line("X Evil: 1"));
        addProtocol("protocol", "header-empty-name", Req.of("GET", item).line(": value"));
        addProtocol("protocol", "header-nul-in-name", Req.of("GET", item).line("X-\0: 1"));
        addProtocol("protocol", "header-9kb", Req.of("GET", item).header("X-Big", "b".repeat(9_000)));
        Req many = Req.of("GET", item);
        for (int i = 0; i < 150; i++) {
            many.header("X-H" + i, "v");
        }
        addProtocol("protocol", "150-headers", many);
        addProtocol("protocol", "content-length-and-chunked", Req.of("PATCH", item).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Content-Length", "4")
                .header("Transfer-Encoding", "chunked").noLength().body("0\r\n\r\n".getBytes(), null), f.adminToken());
        addProtocol("protocol", "content-length-negative", Req.of("PATCH", item).header("Content-Type", "application/json")
                .header("Content-Length", "-1").noLength());
        addProtocol("protocol", "content-length-garbage", Req.of("PATCH", item).header("Content-Type", "application/json")
                .header("Content-Length", "abc").noLength());
        addProtocol("protocol", "content-length-twice", Req.of("PATCH", item).header("Content-Type", "application/json")
                .header("Content-Length", "2").header("Content-Length", "3").noLength().body("{}".getBytes(), null));
        addProtocol("protocol", "transfer-encoding-unknown", Req.of("PATCH", item).header("Content-Type", "application/json")
                .header("Transfer-Encoding", "gzip, identity").noLength().body("{}".getBytes(), null));
        addProtocol("protocol", "chunk-size-garbage", Req.of("PATCH", item).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").noLength()
                .body("zz\r\n{}\r\n0\r\n\r\n".getBytes(), null), f.adminToken());
        addProtocol("protocol", "chunk-size-huge", Req.of("PATCH", item).header("Authorization", bearer())
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").noLength()
                .body("fffffffffffffffff\r\n{}\r\n0\r\n\r\n".getBytes(), null), f.adminToken());
        addProtocol("protocol", "expect-unknown", Req.of("PATCH", item).header("Expect", "200-ok")
                .json(aValidChangeOutOfRange()));
        addProtocol("protocol", "header-crlf-in-other", Req.of("GET", item).header("X-Forwarded-For", "1.2.3.4\r\nSet-Cookie: injected=1"));
        addProtocol("protocol", "upgrade-h2c", Req.of("GET", item).header("Upgrade", "h2c").header("HTTP2-Settings", "%%%")
                .header("Connection", "Upgrade, HTTP2-Settings"));
    }
}
