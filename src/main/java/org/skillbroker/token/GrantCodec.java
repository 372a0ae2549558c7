package org.skillbroker.token;

import org.skillbroker.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * Turns a {@link Grant} into the bytes of a grant file and back. Format 1 is a JSON envelope, readable by an
 * operator without the key:
 * <pre>
 * {"format":1,"keyId":"k1","purpose":"admin-grant","data":"&lt;base64 of the Keyring ciphertext&gt;"}
 * </pre>
 * {@code data} decrypts to the grant as JSON (JSON-B, instants as ISO-8601 strings). The associated data binds
 * the format version, the key id and the purpose, so a file cannot be passed off as another purpose or
 * format; the envelope's {@code keyId} must match the ciphertext's own header.
 */
final class GrantCodec {

    static final int FORMAT = 1;
    private static final Jsonb JSONB = JsonbBuilder.create();

    private final Keyring keyring;
    private final String purpose;

    GrantCodec(Keyring keyring, String purpose) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
    }

    record Decoded(Grant grant, String keyId) {
    }

    byte[] encode(Grant grant) {
        byte[] plaintext = JSONB.toJson(grant).getBytes(StandardCharsets.UTF_8);
        String keyId = keyring.primaryKeyId();
        try {
            byte[] ciphertext = keyring.encrypt(plaintext, associatedData(FORMAT, keyId));
            JsonObject envelope = Jsonp.createObjectBuilder()
                    .add("format", FORMAT)
                    .add("keyId", keyId)
                    .add("purpose", purpose)
                    .add("data", Base64.getEncoder().encodeToString(ciphertext))
                    .build();
            return (envelope + "\n").getBytes(StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Reasons are fixed phrases or ids, never content: they name what is wrong, not what the file held. */
    Decoded decode(Path file, byte[] bytes) throws StoreUnreadableException {
        JsonObject envelope = envelope(file, bytes);
        int format = number(file, envelope, "format");
        if (format != FORMAT) {
            throw new StoreUnreadableException(file, "unsupported format " + format);
        }
        if (!purpose.equals(text(file, envelope, "purpose"))) {
            throw new StoreUnreadableException(file, "not a grant file (other purpose)");
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(text(file, envelope, "data"));
        } catch (IllegalArgumentException e) {
            throw new StoreUnreadableException(file, "not a grant file (data is not base64)");
        }
        String keyId;
        try {
            keyId = keyring.keyIdOf(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new StoreUnreadableException(file, e.getMessage());
        }
        if (!keyId.equals(text(file, envelope, "keyId"))) {
            throw new StoreUnreadableException(file, "authentication failed (key id in envelope and data differ)");
        }
        if (!keyring.keyIds().contains(keyId)) {
            throw new StoreUnreadableException(file, "unknown key id " + keyId);
        }
        byte[] plaintext;
        try {
            plaintext = keyring.decrypt(ciphertext, associatedData(format, keyId));
        } catch (AEADBadTagException e) {
            throw new StoreUnreadableException(file, "authentication failed");
        } catch (GeneralSecurityException e) {
            throw new StoreUnreadableException(file, "authentication failed (" + e.getMessage() + ")");
        }
        try {
            return new Decoded(JSONB.fromJson(new String(plaintext, StandardCharsets.UTF_8), Grant.class), keyId);
        } catch (RuntimeException e) {
            // no cause attached: parser messages may quote the decrypted text, which holds the tokens
            throw new StoreUnreadableException(file, "not a grant file (decrypted content is not a grant)");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private byte[] associatedData(int format, String keyId) {
        // '|' cannot occur in a key id or purpose, so the fields cannot be shifted into one another
        return ("skillbroker-grant-store|format=" + format + "|keyId=" + keyId + "|purpose=" + purpose)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject envelope(Path file, byte[] bytes) throws StoreUnreadableException {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new StoreUnreadableException(file, "truncated (empty file)");
        }
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            boolean cutShort = text.startsWith("{") && !text.endsWith("}");
            throw new StoreUnreadableException(file, cutShort ? "truncated" : "not a grant file");
        }
    }

    private static String text(Path file, JsonObject envelope, String name) throws StoreUnreadableException {
        JsonValue value = envelope.get(name);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new StoreUnreadableException(file, "not a grant file (no " + name + ")");
    }

    private static int number(Path file, JsonObject envelope, String name) throws StoreUnreadableException {
        JsonValue value = envelope.get(name);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.intValue();
        }
        throw new StoreUnreadableException(file, "not a grant file (no " + name + ")");
    }
}
