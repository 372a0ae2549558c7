package org.skillbroker.state.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotFileTest {

    @TempDir
    Path dir;

    private SlotFile file() {
        return new SlotFile(dir.resolve("state.slots"));
    }

    /** Each state is written over the slot that does not hold the one before, so there is always an intact one. */
    @Test
    void statesAlternateBetweenTheTwoSlotsAndTheNewestIsRead() throws Exception {
        SlotFile file = file();
        assertEquals(SlotFile.Snapshot.NONE, file.read());

        file.write(file.read(), "one");
        SlotFile.Snapshot first = file.read();
        file.write(first, "two");
        SlotFile.Snapshot second = file.read();
        file.write(second, "three");
        SlotFile.Snapshot third = file.read();

        assertEquals(Optional.of("one"), first.text());
        assertEquals(Optional.of("two"), second.text());
        assertEquals(Optional.of("three"), third.text());
        assertEquals(first.slot(), third.slot());
        assertEquals(1 - first.slot(), second.slot());
        assertEquals(Optional.of("three"), SlotFile.currentText(file.path()));
        assertEquals(2 * SlotFile.MIN_SLOT, Files.size(file.path()));
    }

    /** What makes it cheap: the file is not replaced (no new inode, no rename) once it exists with room. */
    @Test
    void aStateThatFitsIsWrittenInPlace() throws Exception {
        SlotFile file = file();
        file.write(file.read(), "first");
        Object inode = Files.getAttribute(file.path(), "unix:ino");

        for (int i = 0; i < 10; i++) {
            file.write(file.read(), "state " + i);
        }

        assertEquals(inode, Files.getAttribute(file.path(), "unix:ino"));
        assertEquals(Optional.of("state 9"), file.read().text());
    }

    /** A crash while a slot is written leaves that slot torn: the state before it is read, never the torn bytes. */
    @Test
    void aTornSlotHidesOnlyTheStateBeingWritten() throws Exception {
        SlotFile file = file();
        SlotFile.Snapshot newest = written(file, "{\"held\":\"before\"}", "{\"held\":\"after!\"}");
        // one byte of the newest text changed, as a write stopped halfway would leave it
        overwrite(file, newest.slot(), SlotFile.HEADER + 10, "X");

        SlotFile.Snapshot read = file.read();

        assertEquals(Optional.of("{\"held\":\"before\"}"), read.text());
        assertFalse(read.unreadable());
        file.write(read, "{\"held\":\"again\"}"); // over the torn slot: the intact one stays as it was
        assertEquals(Optional.of("{\"held\":\"again\"}"), file.read().text());
    }

    @Test
    void aHeaderTornInItsSequenceIsNotTrusted() throws Exception {
        SlotFile file = file();
        SlotFile.Snapshot newest = written(file, "old", "new");
        // a larger sequence without a matching CRC must not win
        overwrite(file, 1 - newest.slot(), "SBSLOT1 ".length(), "7fffffffffffffff");

        assertEquals(Optional.of("new"), file.read().text());
    }

    /** No intact slot at all (a power cut, a hand edit): the caller is told, to restrict as for a missing file. */
    @Test
    void aFileWithoutAnIntactSlotIsUnreadableAndRewrittenWhole() throws Exception {
        SlotFile file = file();
        Files.writeString(file.path(), "{\"next\":");

        SlotFile.Snapshot read = file.read();

        assertTrue(read.unreadable());
        assertEquals(Optional.empty(), read.text());
        file.write(read, "fresh");
        assertEquals(Optional.of("fresh"), file.read().text());
        assertEquals(2 * SlotFile.MIN_SLOT, Files.size(file.path()));
    }

    @Test
    void aStateThatOutgrowsItsSlotMovesToALargerFile() throws Exception {
        SlotFile file = file();
        file.write(file.read(), "small");
        String large = "x".repeat(3 * SlotFile.MIN_SLOT);

        file.write(file.read(), large);
        SlotFile.Snapshot read = file.read();

        assertEquals(Optional.of(large), read.text());
        assertTrue(read.slotSize() >= 2 * large.length(), "room left to grow: " + read.slotSize());
        file.write(read, "small again");
        assertEquals(Optional.of("small again"), file.read().text());
        assertEquals(2L * read.slotSize(), Files.size(file.path()));
    }

    /**
     * The file is opened once for all reads and in-place writes (open and close were most of a lease change's system
     * calls), also for reads without the lock, and {@code close()} closes it; reads and writes after that open it for
     * themselves and leave nothing open.
     */
    @Test
    void theFileStaysOpenAcrossReadsAndWritesUntilClosed() throws Exception {
        SlotFile file = file();
        file.write(file.read(), "first"); // no file yet: made whole
        for (int i = 0; i < 5; i++) {
            file.write(file.read(), "state " + i);
            assertEquals(Optional.of("state " + i), file.readWithoutLock().text());
        }
        assertEquals(1, file.opens(), "opened once, by the first read of the file");
        assertEquals(1, OpenFiles.under(dir));

        file.close();
        assertEquals(0, OpenFiles.under(dir));
        file.write(file.read(), "after close");
        assertEquals(Optional.of("after close"), file.readWithoutLock().text());
        assertEquals(0, OpenFiles.under(dir), "nothing kept open after close");
    }

    /**
     * Another node that grows the file replaces it: the kept channel is then on the old file, and a read (with the
     * lock or without) finds the new one by its file key and reads that.
     */
    @Test
    void aFileReplacedByAnotherWriterIsReadAfterTheReplacement() throws Exception {
        SlotFile here = file();
        SlotFile there = file();
        there.write(there.read(), "small");
        assertEquals(Optional.of("small"), here.read().text()); // here's channel is open on that file now
        String large = "x".repeat(3 * SlotFile.MIN_SLOT);

        there.write(there.read(), large);

        assertEquals(Optional.of(large), here.readWithoutLock().text(), "without the lock");
        assertEquals(Optional.of(large), here.read().text(), "with the lock");
        assertEquals(3, here.opens(), "the new file read once without the lock, then kept open by the writer's read");
        here.write(here.read(), "written in place here");
        assertEquals(Optional.of("written in place here"), there.read().text(), "into the new file");
        here.close();
        there.close();
        assertEquals(0, OpenFiles.under(dir));
    }

    @Test
    void theTextIsUtf8AndTheFileReadableWithCat() throws Exception {
        SlotFile file = file();
        file.write(file.read(), "{\"name\":\"Zoë\"}");

        String shown = Files.readString(file.path(), StandardCharsets.UTF_8);

        assertEquals(Optional.of("{\"name\":\"Zoë\"}"), file.read().text());
        assertTrue(shown.startsWith("SBSLOT1 0000000000000001 0000000f "), shown.substring(0, 60));
        assertTrue(shown.contains("\n{\"name\":\"Zoë\"}"));
    }

    /** Writes each text in turn, as states one after the other; returns what a read then finds. */
    private static SlotFile.Snapshot written(SlotFile file, String... texts) throws Exception {
        for (String text : texts) {
            file.write(file.read(), text);
        }
        return file.read();
    }

    /** Overwrites bytes of one slot, at an offset from its start, as a crash or a hand edit would. */
    private static void overwrite(SlotFile file, int slot, int offset, String ascii) throws Exception {
        long position = (long) slot * file.read().slotSize() + offset;
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(ascii.getBytes(StandardCharsets.US_ASCII)), position);
        }
    }
}
