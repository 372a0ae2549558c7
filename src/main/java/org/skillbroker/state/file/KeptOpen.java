package org.skillbroker.state.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Whether the store may keep a file open between uses ({@link StoreLock}'s lock file, {@link SlotFile}'s lease
 * file): only on a local file system, where every process reads through one page cache, so a file kept open sees
 * another process's write at once. On a network file system (NFS, SMB), two hosts see each other's writes only
 * through opening and closing the file (close-to-open consistency: a write is sent to the server at close, and an
 * open asks the server whether the file changed), so there each read and write opens the file, as before files
 * were kept. An unknown type counts as a network one.
 */
final class KeptOpen {

    /** Types as Linux names them in {@code /proc/mounts} (and macOS's two), local disks and memory only. */
    private static final Set<String> LOCAL = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay",
            "zfs", "f2fs", "jfs", "reiserfs", "bcachefs", "apfs", "hfs");

    private KeptOpen() {
    }

    static boolean allowedIn(Path directory) {
        try {
            return LOCAL.contains(Files.getFileStore(directory).type());
        } catch (IOException | RuntimeException e) {
            return false; // cannot tell: open for each use
        }
    }
}
