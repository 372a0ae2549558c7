package org.skillbroker.state.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** This process's open file descriptors on files under a directory, from {@code /proc/self/fd} (Linux). */
final class OpenFiles {

    private OpenFiles() {
    }

    static long under(Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(OpenFiles::target).filter(t -> t != null && t.startsWith(root.toString())).count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString(); // "... (deleted)" for a removed file: still counted
        } catch (IOException e) {
            return null; // closed while listed (the listing's own descriptor, another thread's)
        }
    }
}
