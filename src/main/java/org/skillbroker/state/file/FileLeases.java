package org.skillbroker.state.file;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;
import org.skillbroker.state.PolledLeases;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.state.StoredLease;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Leases in one small file, {@code leases.slots}, changed only under the directory's {@link StoreLock} (the
 * same lock grant writes take, so a fenced grant write is atomic with the lease check). The OS lock is held for
 * a read and a rewrite only, never across a Webex call; the lease itself outlives the process that took it until
 * it expires, which is what lets a stalled node be fenced.
 *
 * <p>Fencing tokens come from one counter for the whole file, so a name that was released and taken again
 * still gets a larger token. Released and expired leases are pruned at every write, so the file holds only the
 * leases held right now.
 *
 * <p>The file is rewritten in place, in one of its two slots ({@link SlotFile}), and not {@code fsync}ed: one
 * write takes a lease and one releases it, on every change of a profile, and syncing them, or replacing the file
 * by a rename, was most of a change's CPU. A power cut of the machine that holds the
 * store may bring back an earlier file: a released lease then blocks its name until it expires, a taken one is
 * gone and its holder finds it lost at its next check (before its next Webex write), and a counter that went back
 * hands out a token again, but never to the same holder, whose id is random per lease and part of every check.
 */
final class FileLeases extends PolledLeases {

    static final String FILE = "leases.slots";
    private static final System.Logger LOG = System.getLogger(FileLeases.class.getName());
    private static final Duration POLL = Duration.ofMillis(20);

    private final SlotFile file;
    private final StoreLock lock;
    private final Clock clock;
    private final Duration lockWait;
    private final Queue<Queued<?>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock combining = new ReentrantLock();
    private final AtomicLong rewrites = new AtomicLong();
    private volatile Parsed last;
    private final AtomicLong parses = new AtomicLong();

    FileLeases(Path directory, StoreLock lock, Clock clock, Duration lockWait) {
        super(POLL);
        this.file = new SlotFile(Objects.requireNonNull(directory, "directory").resolve(FILE));
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    }

    @Override
    protected Optional<StoredLease> tryTake(String name, String holder, Duration ttl) {
        return change(table -> {
            Instant now = clock.instant();
            Entry held = table.leases.get(name);
            if (held != null && held.expiresAt.isAfter(now)) {
                return Optional.empty();
            }
            long token = table.next++;
            Entry mine = new Entry(holder, token, now.plus(ttl));
            table.leases.put(name, mine);
            table.changed = true;
            return Optional.of(new FileLease(name, mine, ttl));
        });
    }

    private interface Change<T> {
        /** Reads and changes the table; it is written back if the change set {@link Table#changed} or any lease expired. */
        T apply(Table table);
    }

    /**
     * One read and at most one rewrite of the file for every change queued meanwhile (group commit): the thread
     * that gets {@link #combining} applies, in arrival order, its own change and every other thread's queued
     * behind it, under one store lock. Each change sees the table as the ones before it left it, as if done one
     * by one; none is answered before the file holding it is written. Under load this is what a change costs most
     * (a lease taken and released on every profile write): 32 writers take one rewrite, not 64.
     */
    private <T> T change(Change<T> change) {
        if (lock.heldByCurrentThread()) {
            return changeNow(change); // inside a fenced grant write: the lock is this thread's already
        }
        Queued<T> mine = new Queued<>(change);
        queued.add(mine);
        combining.lock();
        try {
            if (!mine.done) {
                applyQueued();
            }
        } finally {
            combining.unlock();
        }
        return mine.answer();
    }

    /** One store-lock hold, one read and at most one rewrite for every change queued so far. */
    private void applyQueued() {
        List<Queued<?>> batch = new ArrayList<>();
        try {
            changeNow(table -> {
                for (Queued<?> q = queued.poll(); q != null; q = queued.poll()) {
                    batch.add(q);
                    q.apply(table);
                }
                return null;
            });
            batch.forEach(Queued::done);
        } catch (RuntimeException e) {
            StoreUnavailableException failure = e instanceof StoreUnavailableException s ? s
                    : new StoreUnavailableException("cannot use " + file + " (" + e.getClass().getSimpleName() + ")", e);
            for (Queued<?> q = queued.poll(); q != null; q = queued.poll()) {
                batch.add(q); // the lock was not had: every change waiting for it fails alike
            }
            batch.forEach(q -> q.failed(failure));
        }
    }

    private <T> T changeNow(Change<T> change) {
        try (StoreLock.Held held = lock.acquire(lockWait)) {
            Table table = read(true);
            T result = change.apply(table);
            write(table);
            return result;
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot use " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private void write(Table table) throws IOException {
        Instant now = clock.instant();
        if (table.leases.values().removeIf(e -> !e.expiresAt.isAfter(now))) {
            table.pruned = true;
        }
        if (table.changed || table.pruned) {
            String after = table.toJson();
            // in place and not forced to the disk: a lease means nothing after a power cut (see the class comment)
            file.write(table.read, after);
            last = new Parsed(after, table.next, table.leases);
            rewrites.incrementAndGet();
        }
    }

    /**
     * The table as this node last read or wrote it, with its text. Most reads find the text this node wrote (the
     * other node writes only its own changes), and parsing it again was a third of a lease change's CPU: a read
     * that finds the same text, compared whole, takes the table from here.
     */
    private record Parsed(String text, long next, Map<String, Entry> leases) {
        Parsed {
            leases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leases));
        }

        void copyTo(Table table) {
            table.next = next;
            table.leases.putAll(leases);
        }
    }

    /** Stops the renewal thread and closes the lease file's kept channel (undeploy). */
    @Override
    public void close() {
        super.close();
        file.close();
    }

    /** How often the lease file was opened since this object was made. */
    long opens() {
        return file.opens();
    }

    /** How often the file's text was parsed since this object was made. */
    long parses() {
        return parses.get();
    }

    /** How often the file was rewritten since this object was made. */
    long rewrites() {
        return rewrites.get();
    }

    /** A change waiting for the thread that writes the file; its answer is read after that thread let go. */
    private static final class Queued<T> {
        private final Change<T> change;
        private T result;
        private RuntimeException failure;
        private boolean done;

        Queued(Change<T> change) {
            this.change = change;
        }

        void apply(Table table) {
            try {
                result = change.apply(table);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void done() {
            done = true;
        }

        void failed(StoreUnavailableException e) {
            failure = e;
            result = null;
            done = true;
        }

        T answer() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /**
     * A file without an intact lease table (a power cut, a hand edit) counts as no leases. {@code locked}: this
     * thread holds the store lock (the file's kept channel may then be opened again on a replaced file).
     */
    private Table read(boolean locked) throws IOException {
        SlotFile.Snapshot read = locked ? file.read() : file.readWithoutLock();
        Table table = new Table(read);
        if (read.unreadable()) {
            return unreadable(table);
        }
        if (read.text().isEmpty()) {
            return table; // no file yet
        }
        String text = read.text().get();
        Parsed known = last;
        if (known != null && known.text().equals(text)) {
            known.copyTo(table);
            return table;
        }
        parses.incrementAndGet();
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            JsonObject o = reader.readObject();
            table.next = o.getJsonNumber("next").longValueExact();
            for (Map.Entry<String, JsonValue> e : o.getJsonObject("leases").entrySet()) {
                JsonObject l = e.getValue().asJsonObject();
                table.leases.put(e.getKey(), new Entry(l.getString("holder"),
                        ((JsonNumber) l.get("token")).longValueExact(),
                        Instant.ofEpochMilli(((JsonNumber) l.get("expiresAt")).longValueExact())));
            }
            last = new Parsed(text, table.next, table.leases);
        } catch (RuntimeException e) {
            return unreadable(table);
        }
        return table;
    }

    /** Every lease counts as expired, and the fencing counter still grows past any token handed out before. */
    private Table unreadable(Table table) {
        LOG.log(System.Logger.Level.WARNING, "{0} unreadable; treating every lease as expired", file.path());
        // time in milliseconds is larger than any count
        table.next = Math.max(table.next, clock.millis());
        table.leases.clear();
        table.pruned = true;
        return table;
    }

    private static final class Table {
        final SlotFile.Snapshot read;
        long next = 1;
        boolean pruned;
        boolean changed;
        final Map<String, Entry> leases = new LinkedHashMap<>();

        Table(SlotFile.Snapshot read) {
            this.read = read;
        }

        String toJson() {
            StringWriter out = new StringWriter(64 + 160 * leases.size());
            try (JsonGenerator json = Jsonp.createGenerator(out)) {
                json.writeStartObject().write("next", next).writeStartObject("leases");
                leases.forEach((name, e) -> json.writeStartObject(name).write("holder", e.holder)
                        .write("token", e.token).write("expiresAt", e.expiresAt.toEpochMilli()).writeEnd());
                json.writeEnd().writeEnd();
            }
            return out.append('\n').toString();
        }
    }

    private record Entry(String holder, long token, Instant expiresAt) {
    }

    /** A lease in the file: its entry there, with this holder's token, unexpired. */
    private final class FileLease extends StoredLease {

        FileLease(String name, Entry entry, Duration ttl) {
            super(name, entry.holder, entry.token, entry.expiresAt, ttl, clock);
        }

        /**
         * Read without the lock: a slot being written is not intact, so a reader sees one state or the one before.
         * Under a held store lock (a fenced grant write) the answer stays true until that lock is let go.
         */
        @Override
        protected boolean currentInStore(Instant now) {
            try {
                return mine(read(lock.heldByCurrentThread()).leases.get(name()), now);
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }

        @Override
        protected boolean extendInStore(Instant now, Instant until) {
            return change(table -> {
                if (!mine(table.leases.get(name()), now)) {
                    return false;
                }
                table.leases.put(name(), new Entry(holder(), fencingToken(), until));
                table.changed = true;
                return true;
            });
        }

        @Override
        protected void releaseInStore() {
            change(table -> {
                Entry entry = table.leases.get(name());
                if (entry != null && entry.token == fencingToken() && entry.holder.equals(holder())) {
                    table.leases.remove(name());
                    table.changed = true;
                }
                return null;
            });
        }

        private boolean mine(Entry entry, Instant now) {
            return entry != null && entry.token == fencingToken() && entry.holder.equals(holder())
                    && entry.expiresAt.isAfter(now);
        }
    }
}
