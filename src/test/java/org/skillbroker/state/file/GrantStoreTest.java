package org.skillbroker.state.file;

import org.skillbroker.state.GrantSlot;
import org.skillbroker.state.StoreUnreadableException;
import org.skillbroker.state.StoreWriteException;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.AtomicFileWriter;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.Keyring;
import org.skillbroker.token.TokenSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrantStoreTest {

    private static final String ACCESS_TOKEN = "access-TOKEN-7f3a9c";
    private static final String REFRESH_TOKEN = "refresh-TOKEN-b41d22";
    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final byte[] KEY_1 = key(1);
    static final byte[] KEY_2 = key(2);
    private static final Keyring K1 = Keyring.of("k1", KEY_1);
    static final String ORG = "org-1";

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("store");
    }

    private GrantStore store(Keyring keyring) {
        return new GrantStore(dir(), keyring, ORG, CLOCK);
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[Keyring.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return key;
    }

    public static Grant grant(long generation) {
        TokenSet tokens = new TokenSet(ACCESS_TOKEN, NOW.plusSeconds(43_200), REFRESH_TOKEN,
                NOW.plusSeconds(5_184_000), Set.of("spark-admin:people_read", "cjp:config_write"), NOW);
        return new Grant(tokens, ORG, new Administrator("person-1", "Ada Admin", "ada@example.com"),
                NOW.minusSeconds(600), GrantStatus.ACTIVE, null, null, generation);
    }

    @Test
    void loadReturnsTheSavedGrant() throws Exception {
        Grant refreshed = grant(0).withRefreshAttempt(GrantStatus.REAUTHORIZATION_REQUIRED, NOW, "invalid_grant");
        GrantStore store = store(K1);

        store.save(grant(0));
        assertEquals(Optional.of(grant(0)), store.load());

        store.save(refreshed);
        assertEquals(Optional.of(refreshed), store.load());
        assertEquals(dir().resolve("grant.enc"), store.file());
    }

    @Test
    void loadWithoutFileIsEmpty() throws Exception {
        assertEquals(Optional.empty(), store(K1).load());
    }

    @Test
    void grantFileAndNewDirectoryAreOwnerOnly() throws Exception {
        Assumptions.assumeTrue(AtomicFileWriter.isPosix(tmp));
        GrantStore store = store(K1);

        store.save(grant(0));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())));
    }

    @Test
    void fileContainsNoPlaintextTokenAndNamesItsKey() throws Exception {
        GrantStore store = store(K1);

        store.save(grant(0));

        String content = Files.readString(store.file(), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(ACCESS_TOKEN));
        assertFalse(content.contains(REFRESH_TOKEN));
        assertFalse(content.contains("ada@example.com"));
        assertEquals("k1", envelopeKeyId(store.file()));
        assertTrue(content.startsWith("{\"format\":2,\"keyId\":\"k1\",\"purpose\":\"admin-grant\",\"data\":\""),
                content);
    }

    @Test
    void loadWithAnotherKeyOfTheSameIdFailsNamingTheFileNotTheContent() throws Exception {
        store(K1).save(grant(0));

        StoreUnreadableException e = assertThrows(StoreUnreadableException.class,
                () -> store(Keyring.of("k1", KEY_2)).load());

        assertEquals(dir().resolve("grant.enc").toString(), e.location());
        assertEquals("authentication failed (another key, or another org's grant)", e.reason());
        assertTrue(e.getMessage().contains("grant.enc"), e.getMessage());
        assertNoSecretIn(e);
    }

    @Test
    void loadWithoutTheFilesKeyNamesTheMissingKeyId() throws Exception {
        store(Keyring.of("k0", KEY_1)).save(grant(0));

        StoreUnreadableException e = assertThrows(StoreUnreadableException.class, () -> store(K1).load());

        assertEquals("unknown key id k0", e.reason());
    }

    @Test
    void truncatedFileIsUnreadable() throws Exception {
        GrantStore store = store(K1);
        store.save(grant(0));
        byte[] bytes = Files.readAllBytes(store.file());

        for (int length : List.of(0, 1, 30, bytes.length / 2, bytes.length - 5)) {
            Files.write(store.file(), Arrays.copyOf(bytes, length));
            StoreUnreadableException e = assertThrows(StoreUnreadableException.class, store::load, "" + length);
            assertTrue(e.reason().startsWith("truncated"), length + ": " + e.reason());
        }
    }

    @Test
    void flippedByteInTheEncryptedDataIsUnreadable() throws Exception {
        GrantStore store = store(K1);
        store.save(grant(0));
        String content = Files.readString(store.file());
        int inData = content.indexOf("\"data\":\"") + 8 + 40;
        char flipped = content.charAt(inData) == 'A' ? 'B' : 'A';
        Files.writeString(store.file(), content.substring(0, inData) + flipped + content.substring(inData + 1));

        StoreUnreadableException e = assertThrows(StoreUnreadableException.class, store::load);

        assertTrue(e.reason().startsWith("authentication failed"), e.reason());
    }

    @Test
    void fileOfAnotherPurposeOrNoJsonIsNotAGrantFile() throws Exception {
        GrantStore other = new GrantStore(dir(), "grant.enc", "other-secret", K1, ORG, CLOCK,
                GrantStore.DEFAULT_LOCK_WAIT);
        other.save(grant(0));

        assertTrue(assertThrows(StoreUnreadableException.class, () -> store(K1).load()).reason()
                .startsWith("not a grant file"));

        Files.writeString(store(K1).file(), "hello");
        assertTrue(assertThrows(StoreUnreadableException.class, () -> store(K1).load()).reason()
                .startsWith("not a grant file"));
    }

    @Test
    void saveMovesAnUnreadableFileAsideBeforeWriting() throws Exception {
        store(Keyring.of("k1", KEY_2)).save(grant(0));
        byte[] unreadable = Files.readAllBytes(dir().resolve("grant.enc"));
        GrantStore store = store(K1);

        store.save(grant(1));

        Path aside = dir().resolve("grant.enc.unreadable-20260314T092653Z");
        assertArrayEquals(unreadable, Files.readAllBytes(aside));
        assertEquals(Optional.of(grant(1)), store.load());
    }

    @Test
    void aSecondUnreadableFileInTheSameSecondGetsItsOwnAsideName() throws Exception {
        GrantStore store = store(K1);
        Files.createDirectories(dir());
        Files.writeString(store.file(), "first");
        store.save(grant(0));
        Files.writeString(store.file(), "second");
        store.save(grant(1));

        assertEquals("first", Files.readString(dir().resolve("grant.enc.unreadable-20260314T092653Z")));
        assertEquals("second", Files.readString(dir().resolve("grant.enc.unreadable-20260314T092653Z-2")));
    }

    @Test
    void loadReencryptsAFileUnderAnOlderKeyWithTheNewestKey() throws Exception {
        store(K1).save(grant(0));
        Keyring rotated = K1.withKey("k2", KEY_2).withPrimary("k2");

        assertEquals(Optional.of(grant(0)), store(rotated).load());

        assertEquals("k2", envelopeKeyId(store(rotated).file()));
        assertEquals(Optional.of(grant(0)), store(rotated.withoutKey("k1")).load());
    }

    /**
     * The child JVM of {@link #writeFailureLeavesTheOldFileReadable}: saves generation 1 where no byte may be
     * written (ulimit -f 0, which binds root too) and prints what came of it.
     */
    public static void main(String[] args) {
        try {
            new GrantStore(Path.of(args[0]), K1, ORG, CLOCK).save(grant(1));
            System.out.println("written");
        } catch (StoreWriteException e) {
            boolean secret = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                String message = String.valueOf(t.getMessage());
                secret |= message.contains(ACCESS_TOKEN) || message.contains(REFRESH_TOKEN);
            }
            System.out.println("StoreWriteException location=" + e.location() + " secret=" + secret);
        }
    }

    @Test
    void writeFailureLeavesTheOldFileReadable() throws Exception {
        GrantStore store = store(K1);
        store.save(grant(0));
        new StoreLock(dir()).tryAcquire(java.time.Duration.ZERO).orElseThrow().close(); // lock file exists already

        // a file-size limit of zero fails every write with EFBIG, for root as for anyone (a read-only directory
        // does not stop root, and CI runs as root)
        Process child = new ProcessBuilder("bash", "-c", "ulimit -f 0; exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), GrantStoreTest.class.getName(), dir().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));

        assertEquals("StoreWriteException location=" + store.file() + " secret=false", out);
        assertEquals(Optional.of(grant(0)), store.load());
        try (var files = Files.list(dir())) {
            assertEquals(Set.of("grant.enc", "grant.lock"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "no temp file left");
        }
    }

    @Test
    void aGrantOfAnotherOrgIsUnreadable() throws Exception {
        store(K1).save(grant(0));

        StoreUnreadableException e = assertThrows(StoreUnreadableException.class,
                () -> new GrantStore(dir(), K1, "org-2", CLOCK).load());

        assertTrue(e.reason().startsWith("authentication failed"), e.reason());
        assertThrows(IllegalArgumentException.class, () -> new GrantStore(dir(), K1, "org-2", CLOCK).save(grant(1)));
    }

    @Test
    void aFormatOneFileIsReadAndRewrittenWithTheOrgBound() throws Exception {
        Files.createDirectories(dir());
        Files.write(store(K1).file(), FormatOne.encode(K1, grant(0)));

        assertEquals(Optional.of(grant(0)), store(K1).load());

        assertTrue(Files.readString(store(K1).file()).startsWith("{\"format\":2,"), "rewritten as format 2");
        assertEquals(Optional.of(grant(0)), store(K1).load());
        Files.write(store(K1).file(), FormatOne.encode(K1, grant(0)));
        assertEquals("the grant is for another org than the configured one", assertThrows(
                StoreUnreadableException.class, () -> new GrantStore(dir(), K1, "org-2", CLOCK).load()).reason());
    }

    @Test
    void writeFailureIsAStoreWriteException() throws IOException {
        Files.writeString(tmp.resolve("not-a-directory"), "x");
        GrantStore store = new GrantStore(tmp.resolve("not-a-directory/store"), K1, ORG, CLOCK);

        StoreWriteException e = assertThrows(StoreWriteException.class, () -> store.save(grant(0)));

        assertNoSecretIn(e);
    }

    @Test
    void compareAndSaveRefusesAStaleGeneration() throws Exception {
        GrantStore store = store(K1);

        assertTrue(store.compareAndSave(GrantSlot.NO_GRANT, grant(0), Optional.empty()));
        assertFalse(store.compareAndSave(GrantSlot.NO_GRANT, grant(5), Optional.empty()));
        Grant next = grant(0).withTokens(grant(0).tokens(), NOW, "refreshed");
        assertTrue(store.compareAndSave(0, next, Optional.empty()));
        assertFalse(store.compareAndSave(0, grant(9), Optional.empty()), "another node already wrote generation 1");

        assertEquals(Optional.of(next), store.load());
    }

    @Test
    void compareAndSaveOnAnUnreadableFileLeavesItForSave() throws Exception {
        GrantStore store = store(K1);
        Files.createDirectories(dir());
        Files.writeString(store.file(), "garbage");

        assertThrows(StoreUnreadableException.class, () -> store.compareAndSave(GrantSlot.NO_GRANT, grant(0), Optional.empty()));
        assertEquals("garbage", Files.readString(store.file()));
    }

    @Test
    void leftoverTempFileFromACrashDoesNotConfuseLoadOrSave() throws Exception {
        GrantStore store = store(K1);
        Files.createDirectories(dir());
        Files.writeString(dir().resolve(".grant.enc.4711.tmp"), "{\"format\":1,\"keyId\":\"k1\",\"da");

        assertEquals(Optional.empty(), store.load());
        store.save(grant(0));
        assertEquals(Optional.of(grant(0)), store.load());
    }

    @Test
    void saveLeavesNoTempFileBehind() throws Exception {
        GrantStore store = store(K1);
        store.save(grant(0));
        store.save(grant(1));

        try (var files = Files.list(dir())) {
            assertEquals(Set.of("grant.enc", "grant.lock"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void deleteRemovesTheGrant() throws Exception {
        GrantStore store = store(K1);
        store.save(grant(0));

        store.delete();
        store.delete();

        assertEquals(Optional.empty(), store.load());
        assertFalse(Files.exists(store.file()));
    }

    private static String envelopeKeyId(Path file) throws IOException {
        Matcher m = Pattern.compile("\"keyId\":\"([^\"]+)\"").matcher(Files.readString(file));
        assertTrue(m.find());
        return m.group(1);
    }

    private static void assertNoSecretIn(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertFalse(message.contains(ACCESS_TOKEN) || message.contains(REFRESH_TOKEN), message);
        }
    }
}
