package org.skillbroker.state.file;

import org.skillbroker.token.AtomicFileWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A small file rewritten in place, for state that changes many times a second and means nothing after a power cut
 * (the leases: two changes of {@code leases.slots} per change of a profile). Replacing such a file by a temp file
 * and a rename cost most of a change's CPU on ext4: a new inode each time, the old one evicted, and the block
 * writeback ext4 starts on a rename over an existing file.
 *
 * <p>The file holds two slots of equal size, written alternately. Each starts with a header line, {@code SBSLOT1},
 * a sequence number, the length of the text and a CRC-32C of both, followed by the text (UTF-8) and padded with
 * spaces, so {@code cat} shows the two latest states. A reader takes the intact slot with the larger sequence; a
 * writer overwrites the other one. So a slot being written, or torn by a crash while written, only hides the state
 * before it for as long as it takes, and a reader without the lock sees one state or the one before, as with a
 * rename. Writers must exclude each other (the store lock): two writers could pick the same slot.
 *
 * <p>A text that outgrows its slot is written to a new file of larger slots, replaced atomically (rare: the leases
 * held at once are bounded by the admission limits). Not {@code fsync}ed: after a power cut the file may hold an
 * earlier state or no intact slot, which the caller must read as it reads a missing file, restricting.
 *
 * <p>The file stays open between reads and writes, until {@link #close()}: opening and closing it for every read
 * and every write was most of the system calls of a lease change (one {@code stat}, a positional read and a
 * positional write are left). Because a file that outgrew its slots is replaced, here or by another node, every
 * read first compares the path's file key (one {@code stat}: device and inode, and the size to read) with the
 * open channel's, and a writer (holding the lock, so nobody replaces the file meanwhile) opens the file again when
 * they differ. A read without the lock that finds another file reads it once through a channel of its own: a
 * channel opened without the lock could be the file a writer is replacing. On a network file system the file is
 * opened for every read and write, as before ({@link KeptOpen}).
 */
public final class SlotFile implements AutoCloseable {

    static final int MIN_SLOT = 4096;
    private static final byte[] MAGIC = "SBSLOT1 ".getBytes(StandardCharsets.US_ASCII);
    /** {@code SBSLOT1 <sequence: 16 hex> <length: 8 hex> <crc: 8 hex>\n} */
    static final int HEADER = MAGIC.length + 16 + 1 + 8 + 1 + 8 + 1;
    /** The header's bytes the CRC covers with the text: all but the CRC field itself and the newline. */
    private static final int CHECKED_HEADER = MAGIC.length + 16 + 1 + 8 + 1;

    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    private final AtomicLong opens = new AtomicLong();
    /** The kept channel; replaced only by a reader or writer holding the writers' lock. */
    private volatile Opened opened;
    private volatile boolean closed;
    /** Whether the file may stay open ({@link KeptOpen}), known at the first read of an existing file. */
    private volatile Boolean keep;
    /** Reused by reads under the writers' lock, which that lock serialises. */
    private byte[] buffer = new byte[0];

    SlotFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** A channel and the file key of the file it was opened on. */
    private record Opened(FileChannel channel, Object key) {
    }

    Path path() {
        return file;
    }

    /**
     * What a read found: the newest intact text (absent if there is no file or no intact slot), where it is, and
     * whether the file existed without an intact slot (torn by a crash or a power cut, or written by hand).
     */
    record Snapshot(Optional<String> text, long sequence, int slot, int slotSize, boolean unreadable) {
        static final Snapshot NONE = new Snapshot(Optional.empty(), 0, -1, 0, false);
    }

    @Override
    public String toString() {
        return file.toString();
    }

    /** The newest intact state of the file at {@code path}, if any: for operators' tools and tests. */
    public static Optional<String> currentText(Path path) throws IOException {
        try (SlotFile file = new SlotFile(path)) {
            return file.readWithoutLock().text();
        }
    }

    /** How often the file was opened since this object was made: once while it is not replaced. */
    long opens() {
        return opens.get();
    }

    /**
     * Reads the newest state for a writer: the caller holds the writers' lock (or is the only writer), so the
     * file cannot be replaced meanwhile, and the kept channel is (re)opened on the file at the path.
     */
    Snapshot read() throws IOException {
        BasicFileAttributes attributes = attributes();
        if (attributes == null) {
            discard(); // removed: a write makes it again
            return Snapshot.NONE;
        }
        int size = size(attributes);
        if (size < 0) {
            return UNREADABLE_WHOLE;
        }
        Object key = attributes.fileKey();
        Opened current = opened;
        if (keep == null) {
            keep = KeptOpen.allowedIn(file.getParent());
        }
        if (closed || key == null || !keep) {
            return readOnce(); // closed (a lease given back after undeploy), no file keys, a network file system
        }
        if (current == null || !current.key().equals(key) || !current.channel().isOpen()) {
            discard();
            current = open(key);
            if (current == null) {
                return Snapshot.NONE;
            }
        }
        if (buffer.length < size) {
            buffer = new byte[size];
        }
        try {
            return parse(buffer, readFully(current.channel(), buffer, size));
        } catch (IOException e) {
            discard(); // a channel that failed is not trusted (an interrupt closes it, for one)
            throw e;
        }
    }

    /**
     * Reads the newest state without the writers' lock (a lease's own check): through the kept channel when the
     * path's file is still the one it is open on, else through a channel opened for this read. A slot being written
     * is not intact, so this sees one state or the one before it.
     */
    Snapshot readWithoutLock() throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            BasicFileAttributes attributes = attributes();
            if (attributes == null) {
                return Snapshot.NONE;
            }
            int size = size(attributes);
            if (size < 0) {
                return UNREADABLE_WHOLE;
            }
            Opened current = opened;
            if (current == null || attributes.fileKey() == null || !current.key().equals(attributes.fileKey())) {
                return readOnce();
            }
            byte[] all = new byte[size];
            try {
                return parse(all, readFully(current.channel(), all, size));
            } catch (ClosedChannelException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // a writer replaced the channel meanwhile, or another thread's interrupt closed it: look again
            }
        }
        return readOnce();
    }

    private static final Snapshot UNREADABLE_WHOLE = new Snapshot(Optional.empty(), 0, -1, 0, true);

    /** The file's attributes, or null if there is no file. */
    private BasicFileAttributes attributes() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The size to read, or -1 if the file is not two slots (not written by this class: rewritten whole). */
    private static int size(BasicFileAttributes attributes) {
        long size = attributes.size();
        return twoSlots(size) ? (int) size : -1;
    }

    /** Whether {@code length} bytes can be two slots of this class, and be read into one array. */
    private static boolean twoSlots(long length) {
        return length % 2 == 0 && length / 2 >= HEADER + 1 && length <= Integer.MAX_VALUE - 8;
    }

    /** Opens the kept channel; the caller holds the writers' lock. Null if the file was removed since the stat. */
    private Opened open(Object key) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return null;
        }
        opens.incrementAndGet();
        Opened fresh = new Opened(channel, key);
        opened = fresh;
        if (closed) { // closed meanwhile: nothing may stay open
            discard();
        }
        return fresh;
    }

    /** Reads the file through a channel of its own, closed at once (as every read was before channels were kept). */
    private Snapshot readOnce() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            opens.incrementAndGet();
            long actual = channel.size();
            if (!twoSlots(actual)) {
                return UNREADABLE_WHOLE;
            }
            byte[] all = new byte[(int) actual];
            return parse(all, readFully(channel, all, all.length));
        } catch (NoSuchFileException e) {
            return Snapshot.NONE;
        }
    }

    /** Positional reads from the start; fewer bytes than asked only if the file ends earlier. */
    private static int readFully(FileChannel channel, byte[] into, int size) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(into, 0, size);
        while (target.hasRemaining()) {
            if (channel.read(target, target.position()) < 0) {
                break;
            }
        }
        return target.position();
    }

    private Snapshot parse(byte[] all, int length) {
        if (!twoSlots(length)) {
            return UNREADABLE_WHOLE; // not written by this class (or cut short since its stat): rewritten whole
        }
        int slotSize = length / 2;
        long bestSequence = -1;
        int best = -1;
        String bestText = null;
        for (int slot = 0; slot < 2; slot++) {
            int offset = slot * slotSize;
            long sequence = intactSequence(all, offset, slotSize);
            if (sequence > bestSequence) {
                bestSequence = sequence;
                best = slot;
                bestText = new String(all, offset + HEADER, length(all, offset), StandardCharsets.UTF_8);
            }
        }
        if (best < 0) {
            return new Snapshot(Optional.empty(), 0, -1, slotSize, true);
        }
        return new Snapshot(Optional.of(bestText), bestSequence, best, slotSize, false);
    }

    /**
     * Writes {@code text} as the state after {@code previous}, which the caller read under the same lock: in place,
     * into the slot that does not hold it; a new file when there is none yet or the text does not fit.
     */
    void write(Snapshot previous, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long sequence = previous.sequence() + 1;
        int needed = HEADER + bytes.length + 1;
        if (previous.slotSize() >= needed) {
            int slot = previous.slot() == 0 ? 1 : 0;
            ByteBuffer encoded = ByteBuffer.wrap(encode(previous.slotSize(), sequence, bytes));
            long position = (long) slot * previous.slotSize();
            Opened current = opened;
            if (current != null && current.channel().isOpen()) {
                // the channel the caller's read (under the same lock) found at the path
                try {
                    writeFully(current.channel(), encoded, position);
                    return;
                } catch (IOException e) {
                    discard();
                    throw e;
                }
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                opens.incrementAndGet();
                writeFully(channel, encoded, position);
                return;
            } catch (NoSuchFileException e) {
                // removed since it was read: made again below
            }
        }
        int slotSize = MIN_SLOT;
        while (slotSize < 2 * needed) {
            slotSize *= 2; // room to grow before the next new file
        }
        byte[] whole = new byte[2 * slotSize];
        System.arraycopy(encode(slotSize, sequence, bytes), 0, whole, 0, slotSize);
        Arrays.fill(whole, slotSize, whole.length - 1, (byte) ' ');
        whole[whole.length - 1] = '\n'; // the second slot holds no state yet: no header, so not intact
        discard(); // the file it is open on is replaced: the next read opens the new one
        AtomicFileWriter.replaceUnforced(file, whole);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    /** Closes the kept channel (undeploy); reads and writes after it open the file for each call. */
    @Override
    public void close() {
        closed = true;
        discard();
    }

    /** Closes the kept channel, if any; a reader using it meanwhile looks again. */
    private void discard() {
        Opened open = opened;
        opened = null;
        if (open != null) {
            try {
                open.channel().close();
            } catch (IOException e) {
                // nothing written through it is lost: writes are positional and not buffered
            }
        }
    }

    private static byte[] encode(int slotSize, long sequence, byte[] text) {
        byte[] slot = new byte[slotSize];
        Arrays.fill(slot, (byte) ' ');
        String header = HEX.toHexDigits(sequence) + ' ' + HEX.toHexDigits(text.length) + ' ';
        System.arraycopy(MAGIC, 0, slot, 0, MAGIC.length);
        System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, slot, MAGIC.length, header.length());
        System.arraycopy(text, 0, slot, HEADER, text.length);
        String crc = HEX.toHexDigits((int) crc(slot, 0, text.length));
        System.arraycopy(crc.getBytes(StandardCharsets.US_ASCII), 0, slot, CHECKED_HEADER, 8);
        slot[HEADER - 1] = '\n';
        slot[slotSize - 1] = '\n';
        return slot;
    }

    /** The slot's sequence if its header is well formed and its CRC matches, else -1. */
    private static long intactSequence(byte[] all, int offset, int slotSize) {
        if (!Arrays.equals(all, offset, offset + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return -1;
        }
        long sequence = hex(all, offset + MAGIC.length, 16);
        long length = hex(all, offset + MAGIC.length + 17, 8);
        long crc = hex(all, offset + CHECKED_HEADER, 8);
        if (sequence < 0 || length < 0 || crc < 0 || length > slotSize - HEADER - 1) {
            return -1;
        }
        return crc(all, offset, (int) length) == crc ? sequence : -1;
    }

    private static int length(byte[] all, int offset) {
        return (int) hex(all, offset + MAGIC.length + 17, 8);
    }

    private static long crc(byte[] bytes, int slotOffset, int textLength) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, slotOffset, CHECKED_HEADER);
        crc.update(bytes, slotOffset + HEADER, textLength);
        return crc.getValue();
    }

    /** Lower-case hex digits only; -1 for anything else (a torn or hand-written header). */
    private static long hex(byte[] bytes, int offset, int digits) {
        long value = 0;
        for (int i = offset; i < offset + digits; i++) {
            int d = Character.digit(bytes[i], 16);
            if (d < 0 || Character.isUpperCase(bytes[i])) {
                return -1;
            }
            value = (value << 4) | d;
        }
        return value;
    }
}
