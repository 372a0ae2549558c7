package org.skillbroker.state.file;

import org.skillbroker.token.AtomicFileWriter;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;
import org.skillbroker.state.CallBudget;
import org.skillbroker.state.StoreUnavailableException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The call budget in {@code budget.json}: calls taken per window start, the newest few windows only, changed
 * under the directory's {@link StoreLock}.
 */
final class FileBudget implements CallBudget {

    static final String FILE = "budget.json";
    /** Windows kept: the current one and a few before it, for nodes whose clocks lag a little. */
    private static final int WINDOWS_KEPT = 4;

    private final Path file;
    private final StoreLock lock;
    private final Duration lockWait;

    FileBudget(Path directory, StoreLock lock, Duration lockWait) {
        this.file = Objects.requireNonNull(directory, "directory").resolve(FILE);
        this.lock = Objects.requireNonNull(lock, "lock");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    }

    @Override
    public boolean tryTake(Instant windowStart, int n, int limit) {
        long window = windowStart.toEpochMilli();
        try (StoreLock.Held held = lock.acquire(lockWait)) {
            TreeMap<Long, Long> windows = read();
            long used = windows.getOrDefault(window, 0L);
            if (!CallBudget.fits(used, n, limit)) {
                return false;
            }
            windows.put(window, used + n);
            while (windows.size() > WINDOWS_KEPT) {
                windows.pollFirstEntry();
            }
            JsonObjectBuilder out = Jsonp.createObjectBuilder();
            windows.forEach((start, count) -> out.add(Long.toString(start), count));
            // not forced to the disk: a count lost to a power cut lets a window spend at most that many calls
            // again, and Contact Center's own limit still stands behind it (as for an unreadable file)
            AtomicFileWriter.replaceUnforced(file, (out.build() + "\n").getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long used(Instant windowStart) {
        try {
            return read().getOrDefault(windowStart.toEpochMilli(), 0L);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** An unparsable file (edited by hand) counts as an empty budget: the Webex limit still stands behind it. */
    private TreeMap<Long, Long> read() throws IOException {
        TreeMap<Long, Long> windows = new TreeMap<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return windows;
        }
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            JsonObject o = reader.readObject();
            for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                windows.put(Long.parseLong(e.getKey()), o.getJsonNumber(e.getKey()).longValueExact());
            }
        } catch (RuntimeException e) {
            windows.clear();
        }
        return windows;
    }

    private StoreUnavailableException unavailable(IOException e) {
        return new StoreUnavailableException("cannot use " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
}
