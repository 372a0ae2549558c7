package org.skillbroker.state.file;

import org.skillbroker.token.AtomicFileWriter;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;
import org.skillbroker.state.Lease;
import org.skillbroker.state.LeaseRenewal;
import org.skillbroker.state.Leases;
import org.skillbroker.state.StoreUnavailableException;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Leases in one small file, {@code leases.json}, changed only under the directory's {@link StoreLock} (the
 * same lock grant writes take, so a fenced grant write is atomic with the lease check). The OS lock is held for
 * a read and a rewrite only, never across a Webex call; the lease itself outlives the process that took it until
 * it expires, which is what lets a stalled node be fenced.
 *
 * <p>Fencing tokens come from one counter for the whole file, so a name that was released and taken again
 * still gets a larger token. Released and expired leases are pruned at every write, so the file holds only the
 * leases held right now.
 */
final class FileLeases implements Leases {

    static final String FILE = "leases.json";
    private static final System.Logger LOG = System.getLogger(FileLeases.class.getName());
    private static final long POLL_MILLIS = 20;
    private static final int MAX_NAME = 200;
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final Path directory;
    private final Path file;
    private final StoreLock lock;
    private final Clock clock;
    private final Duration lockWait;
    private final LeaseRenewal renewal = new LeaseRenewal();

    FileLeases(Path directory, StoreLock lock, Clock clock, Duration lockWait) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.file = directory.resolve(FILE);
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration ttl, Duration wait) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a lease name has 1 to " + MAX_NAME + " characters");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive time to live");
        }
        String holder = NODE + "/" + UUID.randomUUID();
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        while (true) {
            Optional<Lease> taken = change(table -> {
                Instant now = clock.instant();
                Entry held = table.leases.get(name);
                if (held != null && held.expiresAt.isAfter(now)) {
                    return Optional.empty();
                }
                long token = table.next++;
                Entry mine = new Entry(holder, token, now.plus(ttl));
                table.leases.put(name, mine);
                return Optional.of((Lease) new FileLease(name, mine, ttl));
            });
            if (taken.isPresent()) {
                ((Renewed) taken.get()).keepAlive();
                return taken;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private interface Change<T> {
        /** Reads and changes the table; the table is written back only if {@link Table#changed} says so. */
        T apply(Table table);
    }

    private <T> T change(Change<T> change) {
        try (StoreLock.Held held = lock.tryAcquire(lockWait).orElseThrow(() -> new StoreUnavailableException(
                "store directory " + directory + " is locked by another writer (waited " + lockWait + ")", null))) {
            Table table = read();
            String before = table.toJson(clock.instant());
            T result = change.apply(table);
            String after = table.toJson(clock.instant());
            if (!after.equals(before) || table.pruned) {
                AtomicFileWriter.replace(file, after.getBytes(StandardCharsets.UTF_8));
            }
            return result;
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot use " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** A file that cannot be parsed (torn by a crash before atomic writes, edited by hand) counts as no leases. */
    private Table read() throws IOException {
        Table table = new Table();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return table;
        }
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            JsonObject o = reader.readObject();
            table.next = o.getJsonNumber("next").longValueExact();
            for (Map.Entry<String, JsonValue> e : o.getJsonObject("leases").entrySet()) {
                JsonObject l = e.getValue().asJsonObject();
                table.leases.put(e.getKey(), new Entry(l.getString("holder"),
                        ((JsonNumber) l.get("token")).longValueExact(),
                        Instant.ofEpochMilli(((JsonNumber) l.get("expiresAt")).longValueExact())));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} unreadable; treating every lease as expired", file);
            // keep the counter above any token handed out before: time in milliseconds is larger than any count
            table.next = Math.max(table.next, clock.millis());
            table.leases.clear();
            table.pruned = true;
        }
        return table;
    }

    private static final class Table {
        long next = 1;
        boolean pruned;
        final Map<String, Entry> leases = new LinkedHashMap<>();

        String toJson(Instant now) {
            JsonObjectBuilder all = Jsonp.createObjectBuilder();
            leases.forEach((name, e) -> {
                if (e.expiresAt.isAfter(now)) {
                    all.add(name, Jsonp.createObjectBuilder().add("holder", e.holder).add("token", e.token)
                            .add("expiresAt", e.expiresAt.toEpochMilli()));
                } else {
                    pruned = true;
                }
            });
            return Jsonp.createObjectBuilder().add("next", next).add("leases", all).build() + "\n";
        }
    }

    private record Entry(String holder, long token, Instant expiresAt) {
    }

    /** Stops the renewal thread: at undeploy. Leases still held then expire by themselves. */
    void close() {
        renewal.close();
    }

    private interface Renewed {
        void keepAlive();
    }

    private final class FileLease implements Lease, Renewed {
        private volatile ScheduledFuture<?> renewing;
        private final String name;
        private final String holder;
        private final long token;
        private final Duration ttl;
        private volatile Instant expiresAt;
        private volatile boolean closed;

        FileLease(String name, Entry entry, Duration ttl) {
            this.name = name;
            this.holder = entry.holder;
            this.token = entry.token;
            this.expiresAt = entry.expiresAt;
            this.ttl = ttl;
        }

        @Override
        public void keepAlive() {
            renewing = renewal.keepAlive(this, ttl);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long fencingToken() {
            return token;
        }

        @Override
        public Instant expiresAt() {
            return expiresAt;
        }

        @Override
        public boolean isCurrent() {
            if (closed) {
                return false;
            }
            return change(table -> mine(table.leases.get(name)));
        }

        @Override
        public boolean renew() {
            if (closed) {
                return false;
            }
            return change(table -> {
                if (!mine(table.leases.get(name))) {
                    return false;
                }
                Instant until = clock.instant().plus(ttl);
                table.leases.put(name, new Entry(holder, token, until));
                expiresAt = until;
                return true;
            });
        }

        private boolean mine(Entry entry) {
            return entry != null && entry.token == token && entry.expiresAt.isAfter(clock.instant());
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            ScheduledFuture<?> r = renewing;
            if (r != null) {
                r.cancel(false);
            }
            try {
                change(table -> {
                    Entry entry = table.leases.get(name);
                    if (entry != null && entry.token == token) {
                        table.leases.remove(name);
                    }
                    return null;
                });
            } catch (StoreUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "could not release lease {0}; it expires at {1}: {2}", name,
                        expiresAt, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "Lease[" + name + ", token " + token + "]";
        }
    }
}
