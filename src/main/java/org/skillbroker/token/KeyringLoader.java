package org.skillbroker.token;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link Keyring} from {@link KeySettings}: inline keys, a key file, a PKCS#12 keystore, or - when
 * none is configured - a key generated once into an owner-only file.
 *
 * <p>Every error is a {@link KeyConfigurationException} naming the setting, file and line, and never the value:
 * a message that quoted a malformed line would print a key into the log whenever a separator was mistyped.
 * Base64 decoder messages are not passed on for the same reason (they quote the offending character).
 */
public final class KeyringLoader {

    static final String DEFAULT_KEY_ID = "default";
    private static final Logger LOG = System.getLogger(KeyringLoader.class.getName());
    private static final DateTimeFormatter GENERATED_ID =
            DateTimeFormatter.ofPattern("'k'yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public KeyringLoader(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws KeyConfigurationException if the configured keys are missing, unreadable or malformed */
    public Keyring load(KeySettings settings) {
        Objects.requireNonNull(settings, "settings");
        List<String> configured = new ArrayList<>();
        settings.inlineKeys().ifPresent(v -> configured.add(KeySettings.INLINE_KEYS));
        settings.keyFile().ifPresent(v -> configured.add(KeySettings.KEY_FILE));
        settings.keystore().ifPresent(v -> configured.add(KeySettings.KEYSTORE));
        if (configured.size() > 1) {
            throw new KeyConfigurationException("configure only one of " + KeySettings.INLINE_KEYS + ", "
                    + KeySettings.KEY_FILE + ", " + KeySettings.KEYSTORE + "; found " + configured);
        }
        Optional<String> primary = settings.primaryKeyId();
        if (settings.inlineKeys().isPresent()) {
            return fromInline(settings.inlineKeys().get(), primary);
        }
        if (settings.keyFile().isPresent()) {
            return fromKeyFile(settings.keyFile().get(), KeySettings.KEY_FILE, primary);
        }
        if (settings.keystore().isPresent()) {
            return fromKeystore(settings.keystore().get(), settings.keystorePassword(), primary);
        }
        return generatedOrExisting(settings.generatedKeyFile(), primary);
    }

    private Keyring fromInline(String value, Optional<String> primary) {
        String source = KeySettings.INLINE_KEYS;
        List<NamedKey> keys = new ArrayList<>();
        String[] entries = value.split(",", -1);
        int nonBlank = (int) Arrays.stream(entries).filter(e -> !e.isBlank()).count();
        for (int i = 0; i < entries.length; i++) {
            if (!entries[i].isBlank()) {
                keys.add(parseEntry(entries[i], source + " entry " + (i + 1), nonBlank == 1));
            }
        }
        return assemble(keys, primary, source);
    }

    private Keyring fromKeyFile(Path file, String setting, Optional<String> primary) {
        String source = setting + " " + file;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyConfigurationException(source + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
        warnIfOthersCanRead(file, source);
        int keyLines = (int) lines.stream().filter(KeyringLoader::isKeyLine).count();
        List<NamedKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (isKeyLine(lines.get(i))) {
                keys.add(parseEntry(lines.get(i), source + " line " + (i + 1), keyLines == 1));
            }
        }
        return assemble(keys, primary, source);
    }

    private Keyring fromKeystore(Path path, Optional<String> password, Optional<String> primary) {
        String source = KeySettings.KEYSTORE + " " + path;
        char[] secret = password.map(String::toCharArray).orElseThrow(() -> new KeyConfigurationException(
                source + ": " + KeySettings.KEYSTORE_PASSWORD + " is not set"));
        List<NamedKey> keys = new ArrayList<>();
        List<Instant> created = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, secret);
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                    keys.add(secretEntry(keyStore, alias, secret, source));
                    created.add(keyStore.getCreationDate(alias).toInstant());
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyConfigurationException(source + ": cannot load, wrong password or not a PKCS#12 file ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (keys.isEmpty()) {
            throw new KeyConfigurationException(source + ": no AES secret-key entries");
        }
        // keyIds() lists oldest first, as a key file would
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> created.get(i)).thenComparing(i -> keys.get(i).id()));
        List<NamedKey> sorted = order.stream().map(keys::get).toList();
        if (primary.isEmpty() && sorted.size() > 1) {
            int last = order.get(order.size() - 1);
            int beforeLast = order.get(order.size() - 2);
            if (created.get(last).equals(created.get(beforeLast))) {
                throw new KeyConfigurationException(source + ": entries " + keys.get(beforeLast).id() + " and "
                        + keys.get(last).id() + " are equally new; set " + KeySettings.PRIMARY_KEY_ID);
            }
        }
        // PKCS#12 aliases come back in lower case
        Optional<String> matched = primary.map(p -> sorted.stream().map(NamedKey::id)
                .filter(p::equalsIgnoreCase).findFirst().orElse(p));
        return assemble(sorted, matched, source);
    }

    private static NamedKey secretEntry(KeyStore keyStore, String alias, char[] password, String source)
            throws GeneralSecurityException {
        String where = source + " entry " + alias;
        if (!Keyring.isValidKeyId(alias)) {
            throw new KeyConfigurationException(where + ": alias is not a valid key id [A-Za-z0-9._-]{1,32}");
        }
        Key key = keyStore.getKey(alias, password);
        if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new KeyConfigurationException(where + ": algorithm " + key.getAlgorithm() + ", expected AES");
        }
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != Keyring.KEY_BYTES) {
            throw new KeyConfigurationException(where + ": not a " + Keyring.KEY_BYTES + "-byte AES key");
        }
        return new NamedKey(alias, encoded);
    }

    private Keyring generatedOrExisting(Path file, Optional<String> primary) {
        String source = KeySettings.GENERATED_KEY_FILE + " " + file;
        if (Files.exists(file)) {
            // ours, generated earlier: keep it owner-only even if someone loosened it or its directory since
            AtomicFileWriter.tighten(file.toAbsolutePath().getParent(), AtomicFileWriter.OWNER_DIRECTORY);
            AtomicFileWriter.tighten(file, AtomicFileWriter.OWNER_FILE);
            return fromKeyFile(file, KeySettings.GENERATED_KEY_FILE, primary);
        }
        String id = GENERATED_ID.format(clock.instant());
        byte[] key = new byte[Keyring.KEY_BYTES];
        RANDOM.nextBytes(key);
        byte[] content = ("# Skill Broker grant store key, generated " + clock.instant() + " because none of "
                + KeySettings.INLINE_KEYS + ", " + KeySettings.KEY_FILE + ", " + KeySettings.KEYSTORE
                + " is set.\n# Back it up and move it out of band; without it the stored grant is lost.\n"
                + id + "=" + Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        boolean created;
        try {
            AtomicFileWriter.createPrivateDirectories(file.toAbsolutePath().getParent());
            created = AtomicFileWriter.createNew(file, content);
        } catch (IOException e) {
            throw new KeyConfigurationException(source + ": cannot write a generated key ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        if (!created) {
            Arrays.fill(key, (byte) 0);
            // another node sharing the directory generated one first: use theirs
            return fromKeyFile(file, KeySettings.GENERATED_KEY_FILE, primary);
        }
        LOG.log(Level.WARNING, "No store key configured ({0}, {1} or {2}): generated key {3} and wrote it to {4}."
                        + " Back up that file and move the key out of band (a secret store, then {1}); whoever"
                        + " loses it loses the stored grant, whoever reads it can decrypt it.",
                KeySettings.INLINE_KEYS, KeySettings.KEY_FILE, KeySettings.KEYSTORE, id, file.toAbsolutePath());
        return assemble(List.of(new NamedKey(id, key)), primary, source);
    }

    private static boolean isKeyLine(String line) {
        String stripped = line.strip();
        return !stripped.isEmpty() && !stripped.startsWith("#");
    }

    /** {@code id=base64}, or a bare base64 key (id "default") when it is the only one. */
    private static NamedKey parseEntry(String entry, String where, boolean onlyEntry) {
        String text = entry.strip();
        // a bare key ends in '=' padding, so try it whole before splitting at the first '='
        byte[] bare = decodeKey(text);
        if (bare != null) {
            if (!onlyEntry) {
                Arrays.fill(bare, (byte) 0);
                throw new KeyConfigurationException(where + ": a key without id=... is allowed only as the only key");
            }
            return new NamedKey(DEFAULT_KEY_ID, bare);
        }
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new KeyConfigurationException(where + ": expected id=base64 or a bare base64 key of 32 bytes");
        }
        String id = text.substring(0, equals).strip();
        if (!Keyring.isValidKeyId(id)) {
            throw new KeyConfigurationException(where + ": key id must match [A-Za-z0-9._-]{1,32}");
        }
        byte[] key = decodeKey(text.substring(equals + 1).strip());
        if (key == null) {
            throw new KeyConfigurationException(where + ": key " + id + " is not base64 of "
                    + Keyring.KEY_BYTES + " bytes");
        }
        return new NamedKey(id, key);
    }

    private static byte[] decodeKey(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (decoded.length != Keyring.KEY_BYTES) {
            Arrays.fill(decoded, (byte) 0);
            return null;
        }
        return decoded;
    }

    /** Newest (last) is primary unless {@code primary} names another; zeroes the decoded bytes afterwards. */
    private static Keyring assemble(List<NamedKey> keys, Optional<String> primary, String source) {
        try {
            if (keys.isEmpty()) {
                throw new KeyConfigurationException(source + ": no keys");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (NamedKey key : keys) {
                if (!ids.add(key.id())) {
                    throw new KeyConfigurationException(source + ": duplicate key id " + key.id());
                }
            }
            String primaryId = primary.orElse(keys.get(keys.size() - 1).id());
            if (!ids.contains(primaryId)) {
                throw new KeyConfigurationException(source + ": " + KeySettings.PRIMARY_KEY_ID + " "
                        + (Keyring.isValidKeyId(primaryId) ? primaryId : "(malformed)") + " is not among " + ids);
            }
            Keyring keyring = Keyring.of(keys.get(0).id(), keys.get(0).key());
            for (NamedKey key : keys.subList(1, keys.size())) {
                keyring = keyring.withKey(key.id(), key.key());
            }
            return keyring.withPrimary(primaryId);
        } finally {
            keys.forEach(key -> Arrays.fill(key.key(), (byte) 0));
        }
    }

    private static void warnIfOthersCanRead(Path file, String source) {
        if (!AtomicFileWriter.isPosix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.log(Level.WARNING, "{0} is readable by other users; restrict it to its owner (chmod 600)", source);
            }
        } catch (IOException e) {
            // we just read it; a failing stat is not worth failing start-up for
        }
    }

    /** A decoded key on its way into the keyring; never printed. */
    private record NamedKey(String id, byte[] key) {
        @Override
        public String toString() {
            return "NamedKey[" + id + ", <redacted>]";
        }
    }
}
