package org.skillbroker.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the test writes it. java.net.http refuses much of what an
 * attacker sends (CR/LF in header values, two Authorization headers with control characters, overlong UTF-8 in
 * the request line, a bad version), so the hostile corpus goes through here. One connection per request,
 * always closed afterwards.
 */
final class RawHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** What came back: the status line's code, headers (names lower-cased) and the (de-chunked) body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String raw) {

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        String contentType() {
            return header("content-type").orElse("");
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends the bytes as they are and reads one response. */
    Answer exchange(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it has read a large body; the answer is still there.
            }
            return read(socket.getInputStream(), new String(request, 0, Math.min(request.length, 16),
                    StandardCharsets.ISO_8859_1).startsWith("HEAD "));
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP answer", e);
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String statusLine = line(in, raw);
        if (statusLine.isEmpty()) {
            throw new IOException("connection closed without a status line");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in, raw); !line.isEmpty(); line = line(in, raw)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body;
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
        } else if (headers.getOrDefault("transfer-encoding", List.of()).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            body = chunked(in, raw);
        } else {
            body = in.readAllBytes();
        }
        raw.write(body);
        return new Answer(status, headers, body, raw.toString(StandardCharsets.ISO_8859_1));
    }

    private static byte[] chunked(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(line(in, raw)); size > 0; size = chunkSize(line(in, raw))) {
            body.write(in.readNBytes(size));
            line(in, raw); // the CRLF after the chunk
        }
        for (String trailer = line(in, raw); !trailer.isEmpty(); trailer = line(in, raw)) {
            // trailers: none expected, read past them
        }
        return body.toByteArray();
    }

    private static int chunkSize(String line) {
        String size = line.contains(";") ? line.substring(0, line.indexOf(';')) : line;
        return size.isBlank() ? 0 : Integer.parseInt(size.trim(), 16);
    }

    /** One CRLF-terminated line as ISO-8859-1 (empty at end of stream). */
    private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            raw.write(b);
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
