package org.skillbroker.servers;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.skillbroker.state.file.SlotFile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;

/** Who holds a lease, as the tests read it from the store: the node's pid in the holder id "pid@host/...". */
final class LeaseHolders {

    private LeaseHolders() {
    }

    static long pidOf(String holder) {
        return Long.parseLong(holder.substring(0, holder.indexOf('@')));
    }

    /** The pid of the node holding the lease of that name in a file store's {@code leases.slots} now, if any. */
    static Optional<Long> inFileStore(Path storeDir, String name) throws IOException {
        Optional<String> text = SlotFile.currentText(storeDir.resolve("leases.slots"));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonObject leases;
        try (var reader = Json.createReader(new StringReader(text.get()))) {
            leases = reader.readObject().getJsonObject("leases");
        } catch (RuntimeException e) {
            return Optional.empty(); // not the table a node writes: ask again
        }
        JsonObject lease = leases.getJsonObject(name);
        if (lease == null || lease.getJsonNumber("expiresAt").longValue() <= System.currentTimeMillis()) {
            return Optional.empty();
        }
        return Optional.of(pidOf(lease.getString("holder")));
    }
}
