package org.skillbroker.state.file;

import jakarta.json.bind.JsonbBuilder;
import org.skillbroker.token.Grant;
import org.skillbroker.token.Keyring;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes a grant as brokers before the org binding did (format 1), to prove they are still read. */
final class FormatOne {

    private FormatOne() {
    }

    static byte[] encode(Keyring keyring, Grant grant) throws Exception {
        byte[] plaintext;
        try (var jsonb = JsonbBuilder.create()) {
            plaintext = jsonb.toJson(grant).getBytes(StandardCharsets.UTF_8);
        }
        String keyId = keyring.primaryKeyId();
        byte[] aad = ("skillbroker-grant-store|format=1|keyId=" + keyId + "|purpose=admin-grant")
                .getBytes(StandardCharsets.UTF_8);
        String data = Base64.getEncoder().encodeToString(keyring.encrypt(plaintext, aad));
        return ("{\"format\":1,\"keyId\":\"" + keyId + "\",\"purpose\":\"admin-grant\",\"data\":\"" + data + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
