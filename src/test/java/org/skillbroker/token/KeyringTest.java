package org.skillbroker.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyringTest {

    static final byte[] KEY_1 = key(1);
    static final byte[] KEY_2 = key(2);
    private static final byte[] PLAINTEXT = "refresh-token-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD = "admin-grant".getBytes(StandardCharsets.UTF_8);

    static byte[] key(int seed) {
        byte[] key = new byte[Keyring.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return key;
    }

    @Test
    void decryptReturnsWhatWasEncrypted() throws Exception {
        Keyring keyring = Keyring.of("k1", KEY_1);

        byte[] ciphertext = keyring.encrypt(PLAINTEXT, AD);

        assertArrayEquals(PLAINTEXT, keyring.decrypt(ciphertext, AD));
        assertEquals("k1", keyring.keyIdOf(ciphertext));
    }

    @Test
    void ciphertextLayoutIsVersionKeyIdNonceAndSealedText() throws Exception {
        byte[] ciphertext = Keyring.of("k1", KEY_1).encrypt(PLAINTEXT, AD);

        assertEquals(1, ciphertext[0]);
        assertEquals(2, ciphertext[1]);
        assertEquals("k1", new String(ciphertext, 2, 2, StandardCharsets.US_ASCII));
        assertEquals(2 + 2 + 12 + PLAINTEXT.length + 16, ciphertext.length);
    }

    @Test
    void flippingAnyByteFailsDecryption() {
        Keyring keyring = Keyring.of("k1", KEY_1);
        byte[] ciphertext = keyring.encrypt(PLAINTEXT, AD);

        // every position: version, id length, key id, nonce, ciphertext, tag
        for (int i = 0; i < ciphertext.length; i++) {
            byte[] altered = ciphertext.clone();
            altered[i] ^= 0x01;
            int position = i;
            assertThrows(GeneralSecurityException.class, () -> keyring.decrypt(altered, AD), "byte " + position);
        }
    }

    @Test
    void headerSwapToAnotherIdWithTheSameKeyBytesFails() {
        Keyring keyring = Keyring.of("k1", KEY_1).withKey("k2", KEY_1);
        byte[] ciphertext = keyring.encrypt(PLAINTEXT, AD);
        ciphertext[3] = '2';

        assertThrows(GeneralSecurityException.class, () -> keyring.decrypt(ciphertext, AD));
    }

    @Test
    void otherAssociatedDataFails() {
        Keyring keyring = Keyring.of("k1", KEY_1);
        byte[] ciphertext = keyring.encrypt(PLAINTEXT, AD);

        assertThrows(GeneralSecurityException.class,
                () -> keyring.decrypt(ciphertext, "other-purpose".getBytes(StandardCharsets.UTF_8)));
        assertThrows(GeneralSecurityException.class, () -> keyring.decrypt(ciphertext, null));
    }

    @Test
    void sameKeyIdWithOtherKeyBytesFails() {
        byte[] ciphertext = Keyring.of("k1", KEY_1).encrypt(PLAINTEXT, AD);

        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> Keyring.of("k1", KEY_2).decrypt(ciphertext, AD));
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
    }

    @Test
    void truncatedCiphertextFails() {
        Keyring keyring = Keyring.of("k1", KEY_1);
        byte[] ciphertext = keyring.encrypt(PLAINTEXT, AD);

        for (int length : List.of(0, 1, 2, 4, 16, 4 + 12 + 15, ciphertext.length - 1)) {
            byte[] truncated = Arrays.copyOf(ciphertext, length);
            assertThrows(GeneralSecurityException.class, () -> keyring.decrypt(truncated, AD), "length " + length);
        }
    }

    @Test
    void twoEncryptionsOfTheSamePlaintextDiffer() {
        Keyring keyring = Keyring.of("k1", KEY_1);

        byte[] first = keyring.encrypt(PLAINTEXT, AD);
        byte[] second = keyring.encrypt(PLAINTEXT, AD);

        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 4, 16), Arrays.copyOfRange(second, 4, 16)),
                "nonces must differ");
    }

    @Test
    void afterRotationOldCiphertextStillDecryptsAndNewOnesCarryTheNewKeyId() throws Exception {
        Keyring before = Keyring.of("k1", KEY_1);
        byte[] old = before.encrypt(PLAINTEXT, AD);

        Keyring rotated = before.withKey("k2", KEY_2).withPrimary("k2");

        assertArrayEquals(PLAINTEXT, rotated.decrypt(old, AD));
        assertEquals("k2", rotated.keyIdOf(rotated.encrypt(PLAINTEXT, AD)));
        assertEquals("k2", rotated.primaryKeyId());
        assertTrue(rotated.isPrimary("k2"));
        assertFalse(rotated.isPrimary("k1"));
        assertEquals(List.of("k1", "k2"), List.copyOf(rotated.keyIds()));
    }

    @Test
    void retiredKeyNoLongerDecryptsAndTheErrorNamesTheKeyId() {
        Keyring rotated = Keyring.of("k1", KEY_1).withKey("k2", KEY_2).withPrimary("k2");
        byte[] old = rotated.withPrimary("k1").encrypt(PLAINTEXT, AD);

        Keyring retired = rotated.withoutKey("k1");

        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> retired.decrypt(old, AD));
        assertEquals("unknown key id k1", e.getMessage());
    }

    @Test
    void primaryKeyCannotBeRetired() {
        assertThrows(IllegalArgumentException.class, () -> Keyring.of("k1", KEY_1).withoutKey("k1"));
    }

    @Test
    void keysOfOtherLengthsAreRejected() {
        for (int length : List.of(0, 16, 24, 31, 33, 64)) {
            assertThrows(IllegalArgumentException.class, () -> Keyring.of("k1", new byte[length]), "" + length);
        }
    }

    @Test
    void keyIdsOutsideTheAlphabetAreRejected() {
        for (String id : List.of("", "k 1", "k/1", "ä", "x".repeat(33))) {
            assertThrows(IllegalArgumentException.class, () -> Keyring.of(id, KEY_1), id);
        }
        Keyring.of("K-1_a.b", KEY_1);
    }

    @Test
    void duplicateKeyIdIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Keyring.of("k1", KEY_1).withKey("k1", KEY_2));
    }

    @Test
    void toStringShowsKeyIdsButNoKeyMaterial() {
        String text = Keyring.of("k1", KEY_1).withKey("k2", KEY_2).toString();

        assertTrue(text.contains("k1") && text.contains("k2"), text);
        for (byte[] key : List.of(KEY_1, KEY_2)) {
            assertFalse(text.contains(Base64.getEncoder().encodeToString(key)), text);
            assertFalse(text.toLowerCase().contains(HexFormat.of().formatHex(key)), text);
            assertFalse(text.contains(Arrays.toString(key)), text);
        }
    }
}
