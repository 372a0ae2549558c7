package org.skillbroker.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under several named keys, one of them primary (Tink's keyset, without the protobuf).
 *
 * <p>Ciphertext layout, version 1:
 * <pre>
 *   1 byte   format version (1)
 *   1 byte   key id length n (1..32)
 *   n bytes  key id, ASCII [A-Za-z0-9._-]
 *   12 bytes nonce, fresh from SecureRandom for every call
 *   rest     GCM ciphertext followed by the 128-bit tag
 * </pre>
 * The header (version, length, key id) is prepended to the caller's associated data before it goes to GCM,
 * so changing the header - or moving a ciphertext to a key that happens to have the same bytes under
 * another id - fails authentication like any other change.
 *
 * <p>Nonces: NIST SP 800-38D §8.2.2 allows random 96-bit IVs for up to 2^32 encryptions per key. The store
 * encrypts a few times an hour, and rotation replaces keys long before that.
 *
 * <p>Rotation, as in Tink: {@link #withKey add} a key, {@link #withPrimary promote} it, re-encrypt what was
 * stored, then {@link #withoutKey retire} the old key. Instances are immutable and thread-safe.
 */
public final class Keyring implements Aead {

    public static final int KEY_BYTES = 32;
    static final byte FORMAT_VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String primaryKeyId;

    private Keyring(Map<String, SecretKey> keys, String primaryKeyId) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a keyring needs at least one key");
        }
        if (!keys.containsKey(primaryKeyId)) {
            throw new IllegalArgumentException("primary key id " + primaryKeyId + " is not in the keyring " + keys.keySet());
        }
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.primaryKeyId = primaryKeyId;
    }

    /** A keyring with one key, which is primary. */
    public static Keyring of(String keyId, byte[] key) {
        return new Keyring(Map.of(requireKeyId(keyId), secretKey(keyId, key)), keyId);
    }

    /** Adds a key that decrypts but does not yet encrypt. */
    public Keyring withKey(String keyId, byte[] key) {
        requireKeyId(keyId);
        if (keys.containsKey(keyId)) {
            throw new IllegalArgumentException("duplicate key id " + keyId);
        }
        Map<String, SecretKey> more = new LinkedHashMap<>(keys);
        more.put(keyId, secretKey(keyId, key));
        return new Keyring(more, primaryKeyId);
    }

    /** Makes an existing key the one that encrypts. */
    public Keyring withPrimary(String keyId) {
        return new Keyring(keys, keyId);
    }

    /** Retires a key: what was encrypted under it can no longer be decrypted. The primary cannot be retired. */
    public Keyring withoutKey(String keyId) {
        if (primaryKeyId.equals(keyId)) {
            throw new IllegalArgumentException("cannot retire the primary key " + keyId);
        }
        Map<String, SecretKey> fewer = new LinkedHashMap<>(keys);
        fewer.remove(keyId);
        return new Keyring(fewer, primaryKeyId);
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    /** Key ids in the order they were added. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    public boolean isPrimary(String keyId) {
        return primaryKeyId.equals(keyId);
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] header = header(primaryKeyId);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(primaryKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(orEmpty(associatedData));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(header.length + NONCE_BYTES + sealed.length)
                    .put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            // every JRE ships AES/GCM and the key length was checked: this is a broken platform, not bad input
            throw new IllegalStateException("AES-GCM encryption unavailable", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        String keyId = keyIdOf(ciphertext);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new GeneralSecurityException("unknown key id " + keyId);
        }
        int headerLength = 2 + keyId.length();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, headerLength, NONCE_BYTES));
        cipher.updateAAD(ciphertext, 0, headerLength);
        cipher.updateAAD(orEmpty(associatedData));
        int sealedStart = headerLength + NONCE_BYTES;
        try {
            return cipher.doFinal(ciphertext, sealedStart, ciphertext.length - sealedStart);
        } catch (AEADBadTagException e) {
            throw new AEADBadTagException("authentication failed under key " + keyId);
        }
    }

    /**
     * Reads the key id from a ciphertext's header without decrypting it.
     *
     * @throws GeneralSecurityException "truncated", "unsupported format version N" or "malformed key id"
     */
    public String keyIdOf(byte[] ciphertext) throws GeneralSecurityException {
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length < 2) {
            throw new GeneralSecurityException("truncated");
        }
        if (ciphertext[0] != FORMAT_VERSION) {
            throw new GeneralSecurityException("unsupported format version " + (ciphertext[0] & 0xff));
        }
        int idLength = ciphertext[1] & 0xff;
        if (ciphertext.length < 2 + idLength + NONCE_BYTES + TAG_BYTES) {
            throw new GeneralSecurityException("truncated");
        }
        String keyId = new String(ciphertext, 2, idLength, StandardCharsets.US_ASCII);
        if (!KEY_ID.matcher(keyId).matches()) {
            // not echoed: after corruption these bytes could be anything
            throw new GeneralSecurityException("malformed key id");
        }
        return keyId;
    }

    static boolean isValidKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    /** Names the keys, never shows them. */
    @Override
    public String toString() {
        return "Keyring[primary=" + primaryKeyId + ", keys=" + keys.keySet() + "]";
    }

    private static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(2 + id.length).put(FORMAT_VERSION).put((byte) id.length).put(id).array();
    }

    private static String requireKeyId(String keyId) {
        if (!isValidKeyId(keyId)) {
            throw new IllegalArgumentException("key id must match " + KEY_ID.pattern());
        }
        return keyId;
    }

    private static SecretKey secretKey(String keyId, byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            // AES-128/192 would work with GCM too; one size means no downgrade by configuration mistake
            throw new IllegalArgumentException("key " + keyId + " has " + key.length + " bytes, AES-256 needs "
                    + KEY_BYTES);
        }
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] orEmpty(byte[] associatedData) {
        return associatedData == null ? new byte[0] : associatedData;
    }
}
