package org.skillbroker.token;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store keys come from; configure at most one of {@code inlineKeys}, {@code keyFile} and
 * {@code keystore}. With none, {@link KeyringLoader} generates a key into {@code generatedKeyFile}.
 *
 * @param inlineKeys       {@value #INLINE_KEYS} (env {@code SKILLBROKER_STORE_KEYS}): a bare base64 key, or
 *                         {@code id=base64,id2=base64} with the newest last
 * @param keyFile          {@value #KEY_FILE}: lines {@code id=base64}, newest last, {@code #} comments
 * @param keystore         {@value #KEYSTORE}: a PKCS#12 file whose AES secret-key entries are the keys
 * @param keystorePassword {@value #KEYSTORE_PASSWORD}
 * @param primaryKeyId     {@value #PRIMARY_KEY_ID}: overrides "newest is primary"
 * @param generatedKeyFile {@value #GENERATED_KEY_FILE}: used only when nothing else is configured
 */
public record KeySettings(Optional<String> inlineKeys, Optional<Path> keyFile, Optional<Path> keystore,
                          Optional<String> keystorePassword, Optional<String> primaryKeyId, Path generatedKeyFile) {

    public static final String INLINE_KEYS = "skillbroker.store.keys";
    public static final String KEY_FILE = "skillbroker.store.key-file";
    public static final String KEYSTORE = "skillbroker.store.keystore";
    public static final String KEYSTORE_PASSWORD = "skillbroker.store.keystore-password";
    public static final String PRIMARY_KEY_ID = "skillbroker.store.primary-key-id";
    public static final String GENERATED_KEY_FILE = "skillbroker.store.generated-key-file";

    public KeySettings {
        inlineKeys = Objects.requireNonNull(inlineKeys, "inlineKeys").filter(s -> !s.isBlank());
        keyFile = Objects.requireNonNull(keyFile, "keyFile");
        keystore = Objects.requireNonNull(keystore, "keystore");
        keystorePassword = Objects.requireNonNull(keystorePassword, "keystorePassword");
        primaryKeyId = Objects.requireNonNull(primaryKeyId, "primaryKeyId").map(String::strip)
                .filter(s -> !s.isEmpty());
        Objects.requireNonNull(generatedKeyFile, GENERATED_KEY_FILE);
    }

    /** Nothing configured: a key is generated into (or read back from) {@code generatedKeyFile}. */
    public static KeySettings generated(Path generatedKeyFile) {
        return new KeySettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), generatedKeyFile);
    }

    public static KeySettings inline(String keys, Path generatedKeyFile) {
        return new KeySettings(Optional.of(keys), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), generatedKeyFile);
    }

    public static KeySettings keyFile(Path keyFile, Path generatedKeyFile) {
        return new KeySettings(Optional.empty(), Optional.of(keyFile), Optional.empty(), Optional.empty(),
                Optional.empty(), generatedKeyFile);
    }

    public static KeySettings keystore(Path keystore, String password, Path generatedKeyFile) {
        return new KeySettings(Optional.empty(), Optional.empty(), Optional.of(keystore), Optional.of(password),
                Optional.empty(), generatedKeyFile);
    }

    public KeySettings withPrimaryKeyId(String keyId) {
        return new KeySettings(inlineKeys, keyFile, keystore, keystorePassword, Optional.of(keyId),
                generatedKeyFile);
    }

    /** Inline keys and the keystore password are secrets; say only whether they are set. */
    @Override
    public String toString() {
        return "KeySettings[inlineKeys=" + inlineKeys.map(s -> "<redacted>").orElse("<unset>")
                + ", keyFile=" + keyFile.map(Path::toString).orElse("<unset>")
                + ", keystore=" + keystore.map(Path::toString).orElse("<unset>")
                + ", keystorePassword=" + keystorePassword.map(s -> "<redacted>").orElse("<unset>")
                + ", primaryKeyId=" + primaryKeyId.orElse("<unset>")
                + ", generatedKeyFile=" + generatedKeyFile + "]";
    }
}
