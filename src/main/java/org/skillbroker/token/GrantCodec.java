package org.skillbroker.token;

import org.skillbroker.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import org.skillbroker.state.StoreUnreadableException;

/**
 * Turns a {@link Grant} into the bytes every store keeps (a file's content, a database column) and back. The
 * format is a JSON envelope, readable by an operator without the key:
 * <pre>
 * {"format":2,"keyId":"k1","purpose":"admin-grant","data":"&lt;base64 of the Keyring ciphertext&gt;"}
 * </pre>
 * {@code data} decrypts to the grant as JSON ({@link GrantJson}). The associated data binds the format version,
 * the key id, the purpose and (from format 2) the configured org id, so a stored grant cannot be passed off as
 * another purpose, format or org; the envelope's {@code keyId} must match the ciphertext's own header.
 *
 * <p>Format 1 (no org in the associated data) is still read, if the grant inside names the configured org, and
 * reported by {@link Decoded#outdated()} so the store rewrites it as format 2: the migration needs no step.
 */
public final class GrantCodec {

    static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_ORG = 1;

    private final Keyring keyring;
    private final String purpose;
    private final String orgId;

    /** @param orgId the configured org ({@code skillbroker.webex.org-id}); only its grants are read or written */
    public GrantCodec(Keyring keyring, String purpose, String orgId) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.orgId = Objects.requireNonNull(orgId, "orgId");
        if (orgId.contains("|")) {
            throw new IllegalArgumentException("an org id has no '|'");
        }
    }

    /**
     * @param outdated true if it should be written again: under an older key, or in an older format
     */
    public record Decoded(Grant grant, String keyId, boolean outdated) {
    }

    public byte[] encode(Grant grant) {
        if (!orgId.equals(grant.orgId())) {
            throw new IllegalArgumentException("the grant is for another org than the configured one");
        }
        byte[] plaintext = GrantJson.write(grant).getBytes(StandardCharsets.UTF_8);
        String keyId = keyring.primaryKeyId();
        try {
            byte[] ciphertext = keyring.encrypt(plaintext, associatedData(FORMAT, keyId, orgId));
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
    public Decoded decode(String file, byte[] bytes) throws StoreUnreadableException {
        JsonObject envelope = envelope(file, bytes);
        int format = number(file, envelope, "format");
        if (format != FORMAT && format != FORMAT_WITHOUT_ORG) {
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
            plaintext = keyring.decrypt(ciphertext, associatedData(format, keyId, format == FORMAT ? orgId : null));
        } catch (AEADBadTagException e) {
            throw new StoreUnreadableException(file, format == FORMAT
                    ? "authentication failed (another key, or another org's grant)" : "authentication failed");
        } catch (GeneralSecurityException e) {
            throw new StoreUnreadableException(file, "authentication failed (" + e.getMessage() + ")");
        }
        Grant grant;
        try {
            grant = GrantJson.read(new String(plaintext, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // no cause attached: parser messages may quote the decrypted text, which holds the tokens
            throw new StoreUnreadableException(file, "not a grant file (decrypted content is not a grant)");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        if (!orgId.equals(grant.orgId())) {
            // format 1 did not bind the org: check what it says instead
            throw new StoreUnreadableException(file, "the grant is for another org than the configured one");
        }
        return new Decoded(grant, keyId, format != FORMAT || !keyring.isPrimary(keyId));
    }

    private byte[] associatedData(int format, String keyId, String org) {
        // '|' cannot occur in a key id, purpose or org id, so the fields cannot be shifted into one another
        return ("skillbroker-grant-store|format=" + format + "|keyId=" + keyId + "|purpose=" + purpose
                + (org == null ? "" : "|org=" + org)).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject envelope(String file, byte[] bytes) throws StoreUnreadableException {
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

    private static String text(String file, JsonObject envelope, String name) throws StoreUnreadableException {
        JsonValue value = envelope.get(name);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new StoreUnreadableException(file, "not a grant file (no " + name + ")");
    }

    private static int number(String file, JsonObject envelope, String name) throws StoreUnreadableException {
        JsonValue value = envelope.get(name);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.intValue();
        }
        throw new StoreUnreadableException(file, "not a grant file (no " + name + ")");
    }
}
