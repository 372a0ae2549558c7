package org.skillbroker.webex;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillbroker.config.Settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A kept-alive connection the server closed just before the broker's next request: WebexHttp resends any method
 * once when not a byte of an answer came (HttpURLConnection does it itself, the JDK client only for GET, so the
 * PATCH path does it), and never an answer that was cut after it began. A plain socket server, so that the test decides exactly when each connection closes.
 */
class StaleConnectionTest {

    private ServerSocket server;
    private WebexHttp http;
    private final AtomicInteger requests = new AtomicInteger();
    /** What the second request on every connection gets: true = the connection closes without a byte. */
    private volatile boolean closeSilently = true;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread t = new Thread(() -> serve(socket));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        http = new WebexHttp(new Settings.Http(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.close();
    }

    /** Answers the first request of a connection with keep-alive; at the second, closes (or cuts the answer). */
    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            for (int n = 0; ; n++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                int length = 0;
                while (!(line = in.readLine()).isEmpty()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                for (int i = 0; i < length; i++) {
                    in.read();
                }
                requests.incrementAndGet();
                if (n == 1) {
                    if (!closeSilently) {
                        out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"ok"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                    return; // closes the connection
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/messages");
    }

    @Test
    void aPostOnAConnectionClosedBeforeAnyAnswerIsSentOnceMore() {
        http.postTracked(uri(), "token-1234567890", Json.createObjectBuilder().add("a", 1).build());
        // the pooled connection is taken again and closed at this request: sent once more on a new connection
        assertEquals(true, http.postTracked(uri(), "token-1234567890", Json.createObjectBuilder().add("a", 2).build())
                .body().getBoolean("ok"));
        assertEquals(3, requests.get(), "first, the one the server dropped, and the same one again");
    }

    @Test
    void aPutIsSentOnceMoreToo() {
        http.putTracked(uri(), "token-1234567890", Json.createObjectBuilder().add("a", 1).build());
        http.putTracked(uri(), "token-1234567890", Json.createObjectBuilder().add("a", 2).build());
        assertEquals(3, requests.get());
    }

    @Test
    void aPatchIsSentOnceMoreToo() {
        // PATCH goes through the JDK's own client, which would resend only a GET
        http.patch(uri(), "token-1234567890", Json.createObjectBuilder().add("a", 1).build());
        http.patch(uri(), "token-1234567890", Json.createObjectBuilder().add("a", 2).build());
        assertEquals(3, requests.get());
    }

    @Test
    void anAnswerCutAfterItBeganIsNeverSentAgain() {
        closeSilently = false;
        http.postTracked(uri(), "token-1234567890", Json.createObjectBuilder().add("a", 1).build());
        assertThrows(WebexUnavailableException.class, () -> http.postTracked(uri(), "token-1234567890",
                Json.createObjectBuilder().add("a", 2).build()));
        assertEquals(2, requests.get(), "the server may have acted on it: not sent again");
    }
}
