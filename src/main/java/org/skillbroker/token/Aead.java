package org.skillbroker.token;

import java.security.GeneralSecurityException;

/**
 * Authenticated encryption with associated data (RFC 5116), the whole boundary between the store and the
 * cryptography; shaped like Google Tink's {@code Aead}.
 *
 * <p>The associated data is authenticated but not encrypted: it says what the ciphertext is for, so a
 * ciphertext copied into another place (another purpose, another format version) fails to decrypt.
 */
public interface Aead {

    /** Encrypts and authenticates {@code plaintext}, binding it to {@code associatedData}. */
    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    /**
     * Decrypts {@code ciphertext} if and only if it is authentic and was encrypted with the same
     * {@code associatedData}.
     *
     * @throws GeneralSecurityException if the ciphertext was altered, truncated, encrypted under another key or
     *                                  with other associated data; the message never contains plaintext or keys
     */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
}
