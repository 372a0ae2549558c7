package org.skillbroker.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringLoaderTest {

    private static final byte[] KEY_1 = KeyringTest.KEY_1;
    private static final byte[] KEY_2 = KeyringTest.KEY_2;
    private static final String B64_1 = Base64.getEncoder().encodeToString(KEY_1);
    private static final String B64_2 = Base64.getEncoder().encodeToString(KEY_2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T09:26:53Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final KeyringLoader loader = new KeyringLoader(CLOCK);

    private Path generated() {
        return dir.resolve("generated/store.key");
    }

    @Test
    void inlineBareKeyBecomesTheDefaultKey() throws Exception {
        Keyring keyring = loader.load(KeySettings.inline(B64_1, generated()));

        assertEquals("default", keyring.primaryKeyId());
        assertDecryptsUnder(keyring, "default", KEY_1);
        assertFalse(Files.exists(generated()));
    }

    @Test
    void inlineListMakesTheLastEntryPrimary() throws Exception {
        Keyring keyring = loader.load(KeySettings.inline(" k1=" + B64_1 + " , k2=" + B64_2 + ",", generated()));

        assertEquals(List.of("k1", "k2"), List.copyOf(keyring.keyIds()));
        assertEquals("k2", keyring.primaryKeyId());
        assertDecryptsUnder(keyring, "k1", KEY_1);
        assertDecryptsUnder(keyring, "k2", KEY_2);
    }

    @Test
    void primaryKeyIdOverridesTheLastEntry() {
        Keyring keyring = loader.load(KeySettings.inline("k1=" + B64_1 + ",k2=" + B64_2, generated())
                .withPrimaryKeyId("k1"));

        assertEquals("k1", keyring.primaryKeyId());
    }

    @Test
    void keyFileIgnoresCommentsAndBlankLinesAndMakesTheLastKeyPrimary() throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# rotated 2026-03\n\nk1=" + B64_1 + "\n   # newest last\nk2 = " + B64_2 + "\n");

        Keyring keyring = loader.load(KeySettings.keyFile(file, generated()));

        assertEquals(List.of("k1", "k2"), List.copyOf(keyring.keyIds()));
        assertEquals("k2", keyring.primaryKeyId());
        assertDecryptsUnder(keyring, "k1", KEY_1);
    }

    @Test
    void keyFileWithOneBareLineUsesTheDefaultId() {
        Path file = dir.resolve("key.txt");
        writeQuietly(file, "# one key\n" + B64_1 + "\n");

        assertEquals("default", loader.load(KeySettings.keyFile(file, generated())).primaryKeyId());
    }

    @Test
    void keystoreSecretKeyEntriesBecomeKeysWithTheNewestPrimary() throws Exception {
        Path p12 = dir.resolve("store.p12");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection("changeit".toCharArray());
        keyStore.setEntry("k1", new KeyStore.SecretKeyEntry(new SecretKeySpec(KEY_1, "AES")), protection);
        // Creation dates have millisecond resolution and come from the clock: the newer entry must be newer.
        long first = keyStore.getCreationDate("k1").getTime();
        while (System.currentTimeMillis() <= first) {
            Thread.onSpinWait();
        }
        keyStore.setEntry("k2", new KeyStore.SecretKeyEntry(new SecretKeySpec(KEY_2, "AES")), protection);
        try (OutputStream out = Files.newOutputStream(p12)) {
            keyStore.store(out, "changeit".toCharArray());
        }

        Keyring keyring = loader.load(KeySettings.keystore(p12, "changeit", generated()));
        Keyring chosen = loader.load(KeySettings.keystore(p12, "changeit", generated()).withPrimaryKeyId("K1"));

        assertEquals(List.of("k1", "k2"), List.copyOf(keyring.keyIds()));
        assertEquals("k2", keyring.primaryKeyId());
        assertDecryptsUnder(keyring, "k1", KEY_1);
        assertDecryptsUnder(keyring, "k2", KEY_2);
        assertEquals("k1", chosen.primaryKeyId());
    }

    @Test
    void keystoreWithWrongPasswordNamesTheKeystore() throws Exception {
        Path p12 = dir.resolve("store.p12");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setEntry("k1", new KeyStore.SecretKeyEntry(new SecretKeySpec(KEY_1, "AES")),
                new KeyStore.PasswordProtection("changeit".toCharArray()));
        try (OutputStream out = Files.newOutputStream(p12)) {
            keyStore.store(out, "changeit".toCharArray());
        }

        KeyConfigurationException e = assertThrows(KeyConfigurationException.class,
                () -> loader.load(KeySettings.keystore(p12, "typo-s3cret", generated())));

        assertTrue(e.getMessage().startsWith("skillbroker.store.keystore " + p12), e.getMessage());
        assertFalse(e.getMessage().contains("typo-s3cret"), e.getMessage());
    }

    @Test
    void withNothingConfiguredAKeyIsGeneratedOwnerOnlyAndReusedOnTheNextLoad() throws Exception {
        Keyring first = loader.load(KeySettings.generated(generated()));
        Keyring second = new KeyringLoader(Clock.offset(CLOCK, java.time.Duration.ofDays(3)))
                .load(KeySettings.generated(generated()));

        assertEquals("k20260314", first.primaryKeyId());
        assertEquals("k20260314", second.primaryKeyId());
        byte[] ciphertext = first.encrypt("x".getBytes(StandardCharsets.UTF_8), null);
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), second.decrypt(ciphertext, null));
        assertTrue(Files.readString(generated()).contains("k20260314="));
        Assumptions.assumeTrue(AtomicFileWriter.isPosix(dir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated())));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(generated().getParent())));
        try (var files = Files.list(generated().getParent())) {
            assertEquals(List.of(generated()), files.toList(), "no temp file left behind");
        }
    }

    @Test
    void aGeneratedKeyAndItsDirectoryAreTightenedEvenWhenTheyExistedLoosely() throws Exception {
        Files.createDirectories(generated().getParent(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(generated().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        loader.load(KeySettings.generated(generated()));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(generated().getParent())),
                "a directory that existed before is owner-only too");

        Files.setPosixFilePermissions(generated(), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(generated().getParent(), PosixFilePermissions.fromString("rwxr-x---"));
        loader.load(KeySettings.generated(generated()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated())));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(generated().getParent())));
    }

    @Test
    void aWorldWritableSharedDirectoryIsNeverClosed() throws Exception {
        // like /tmp: a key generated straight into a shared directory must not take it away from everyone else
        Files.createDirectories(generated().getParent());
        Files.setPosixFilePermissions(generated().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        loader.load(KeySettings.generated(generated()));
        loader.load(KeySettings.generated(generated()));
        assertEquals("rwxrwxrwx",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(generated().getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated())));
    }

    @Test
    void malformedInlineKeyNamesTheSettingAndEntryButNotTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String typo = "k1:" + B64_1;

        assertRejected(KeySettings.inline("k0=" + B64_2 + ",k1=" + shortKey, generated()),
                "skillbroker.store.keys entry 2: key k1 is not base64 of 32 bytes", shortKey, B64_2);
        assertRejected(KeySettings.inline(typo, generated()), "skillbroker.store.keys entry 1", B64_1);
        assertRejected(KeySettings.inline(B64_1 + "," + B64_2, generated()), "skillbroker.store.keys entry 1",
                B64_1, B64_2);
        assertRejected(KeySettings.inline("k1=" + B64_1 + ",k1=" + B64_2, generated()),
                "skillbroker.store.keys: duplicate key id k1", B64_1, B64_2);
        assertRejected(KeySettings.inline("k1=" + B64_1, generated()).withPrimaryKeyId("k9"),
                "skillbroker.store.keys: skillbroker.store.primary-key-id k9 is not among [k1]", B64_1);
    }

    @Test
    void malformedKeyFileLineNamesTheFileAndLineButNotTheKey() {
        Path file = dir.resolve("keys.txt");
        String notBase64 = B64_1.substring(0, 20) + "!!" + B64_1.substring(22);
        writeQuietly(file, "# comment\nk1=" + B64_1 + "\nk2=" + notBase64 + "\n");

        assertRejected(KeySettings.keyFile(file, generated()),
                "skillbroker.store.key-file " + file + " line 3: key k2 is not base64 of 32 bytes", notBase64, B64_1);
    }

    @Test
    void missingKeyFileNamesTheSetting() {
        Path file = dir.resolve("absent.txt");

        assertRejected(KeySettings.keyFile(file, generated()), "skillbroker.store.key-file " + file + ": cannot read");
    }

    @Test
    void configuringTwoSourcesIsRejected() {
        KeySettings both = new KeySettings(Optional.of(B64_1), Optional.of(dir.resolve("keys.txt")),
                Optional.empty(), Optional.empty(), Optional.empty(), generated());

        assertRejected(both, "configure only one of", B64_1);
    }

    @Test
    void settingsToStringRedactsInlineKeysAndPassword() {
        KeySettings settings = new KeySettings(Optional.of(B64_1), Optional.empty(), Optional.empty(),
                Optional.of("hunter2"), Optional.empty(), generated());

        assertFalse(settings.toString().contains(B64_1));
        assertFalse(settings.toString().contains("hunter2"));
    }

    private void assertRejected(KeySettings settings, String expectedMessagePart, String... secrets) {
        KeyConfigurationException e = assertThrows(KeyConfigurationException.class, () -> loader.load(settings));
        assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
        for (String secret : secrets) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
            assertFalse(e.getMessage().contains(secret.substring(0, 12)), e.getMessage());
        }
        assertTrue(e.getCause() == null || !String.valueOf(e.getCause().getMessage()).contains(secrets.length > 0
                ? secrets[0].substring(0, 12) : "\u0000"));
    }

    private static void assertDecryptsUnder(Keyring keyring, String keyId, byte[] key) throws Exception {
        byte[] plaintext = "probe".getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = Keyring.of(keyId, key).encrypt(plaintext, null);
        assertArrayEquals(plaintext, keyring.decrypt(ciphertext, null));
    }

    private static void writeQuietly(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
