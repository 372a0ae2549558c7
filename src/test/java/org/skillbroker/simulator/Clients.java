package org.skillbroker.simulator;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Registered integrations: client id → secret and the exact redirect URIs allowed (webex-api.md §1.2). */
final class Clients {

    private record Client(String secret, Set<String> redirectUris) {
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    synchronized void register(String clientId, String secret, String redirectUri) {
        Client existing = clients.get(clientId);
        Set<String> uris = new LinkedHashSet<>(existing == null ? Set.of() : existing.redirectUris());
        uris.add(redirectUri);
        clients.put(clientId, new Client(secret, Set.copyOf(uris)));
    }

    boolean known(String clientId) {
        return clientId != null && clients.containsKey(clientId);
    }

    boolean redirectAllowed(String clientId, String redirectUri) {
        Client client = clientId == null ? null : clients.get(clientId);
        return client != null && redirectUri != null && client.redirectUris().contains(redirectUri);
    }

    boolean authenticate(String clientId, String secret) {
        Client client = clientId == null ? null : clients.get(clientId);
        return client != null && secret != null && MessageDigest.isEqual(
                client.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    Set<String> ids() {
        return Set.copyOf(clients.keySet());
    }
}
