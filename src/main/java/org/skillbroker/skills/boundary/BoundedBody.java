package org.skillbroker.skills.boundary;

import org.skillbroker.problem.ApiException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most {@code max} bytes. The declared Content-Length is checked first, and the bytes
 * are counted while reading too, because a chunked body declares none.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static void checkDeclared(long contentLength, int max) {
        if (contentLength > max) {
            throw tooLarge(max);
        }
    }

    public static byte[] read(InputStream in, int max) {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (out.size() + n > max) {
                    throw tooLarge(max);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw ApiException.of("bad-request", "Bad request", 400, "The request body could not be read.");
        }
        return out.toByteArray();
    }

    private static ApiException tooLarge(int max) {
        return ApiException.of("too-large", "Request too large", 413,
                "The request body is larger than " + max + " bytes.");
    }
}
