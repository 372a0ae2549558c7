package org.skillbroker.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every attempted change, one JSON line each: to the logger {@code org.skillbroker.audit} (so the container can
 * route it to its own file or collector), to an append-only file readable by the owner only (unless switched
 * off), and the latest few in memory for the status page. A failing audit file never fails the change; it is
 * reported in the server log.
 */
public final class AuditTrail {

    public static final String LOGGER = "org.skillbroker.audit";
    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final System.Logger PROBLEMS = System.getLogger(AuditTrail.class.getName());

    private final Optional<Path> file;
    private final int keep;
    private final Clock clock;
    private final Deque<AuditEntry> latest = new ArrayDeque<>();

    public AuditTrail(Optional<Path> file, int keep, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.keep = keep;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param outcome {@code changed}, {@code unchanged} or the kind of problem that refused it */
    public void record(ChangeAttempt attempt, String outcome, int status) {
        AuditEntry entry = AuditEntry.of(clock.instant(), attempt, outcome, status);
        String line = entry.toJson();
        LOG.log(System.Logger.Level.INFO, line);
        synchronized (this) {
            file.ifPresent(path -> append(path, line));
            latest.addFirst(entry);
            while (latest.size() > keep) {
                latest.removeLast();
            }
        }
    }

    /** Newest first. */
    public synchronized List<AuditEntry> latest() {
        return new ArrayList<>(latest);
    }

    public Optional<Path> file() {
        return file;
    }

    private static void append(Path path, String line) {
        try {
            createOwnerOnly(path);
            Files.writeString(path, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            PROBLEMS.log(System.Logger.Level.ERROR, "Cannot append to the audit file {0} ({1})", path,
                    e.getClass().getSimpleName());
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        if (Files.exists(path)) {
            return;
        }
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        try {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            // another node sharing the directory created it first: append to theirs
        }
    }
}
