package org.skillbroker.widget;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.Broker;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemResponses;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /widget/*}: the Desktop widget's script and icon, served by the WAR itself (partners need no CDN, only
 * the broker's address), with a strong {@code ETag} and a short {@code max-age}; and {@code /widget/layout.json},
 * the Desktop layout entry with the broker's public URL filled in. Outside {@code /api}, which belongs to the API's servlet.
 */
public final class WidgetServlet extends HttpServlet {

    /** Short enough that a redeployed widget reaches every Desktop within minutes; revalidation is a cheap 304. */
    static final String CACHE_CONTROL = "public, max-age=300";
    private static final Map<String, String> FILES = Map.of(
            "/skill-editor-widget.js", "text/javascript; charset=utf-8",
            "/skills-icon.svg", "image/svg+xml");

    private Map<String, WidgetFile> files;

    @Override
    public void init() throws ServletException {
        java.util.HashMap<String, WidgetFile> loaded = new java.util.HashMap<>();
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            try (InputStream in = getServletContext().getResourceAsStream("/widget" + file.getKey())) {
                if (in == null) {
                    throw new ServletException("the WAR lacks /widget" + file.getKey());
                }
                loaded.put(file.getKey(), WidgetFile.of(in.readAllBytes(), file.getValue()));
            } catch (IOException e) {
                throw new ServletException("cannot read /widget" + file.getKey(), e);
            }
        }
        files = Map.copyOf(loaded);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if ("/layout.json".equals(path)) {
            layout(request, response);
            return;
        }
        WidgetFile file = files.get(path);
        if (file == null) {
            ProblemResponses.write(request, response, Problem.of("not-found", "Not found", 404,
                    "The widget is at /widget/skill-editor-widget.js and its layout entry at /widget/layout.json."));
            return;
        }
        response.setHeader("ETag", file.etag());
        response.setHeader("Cache-Control", CACHE_CONTROL);
        // A Desktop page with Cross-Origin-Embedder-Policy may load it from the broker's origin.
        response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
        if (file.matches(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType(file.contentType());
        response.setContentLength(file.content().length);
        response.getOutputStream().write(file.content());
    }

    private void layout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Broker.Running> running = Broker.from(getServletContext()).running();
        if (running.isEmpty()) {
            ProblemResponses.write(request, response, Problem.notConfigured());
            return;
        }
        byte[] body = LayoutSnippet.pretty(publicUrl(running.get())).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * {@code skillbroker.public-url}, else the configured redirect URI's broker address: never the request's
     * {@code Host}, which a forged request could point at any site and so plant its script in a layout an admin
     * copies into Control Hub.
     */
    public static URI publicUrl(Broker.Running running) {
        return running.settings().widget().publicUrl();
    }
}
