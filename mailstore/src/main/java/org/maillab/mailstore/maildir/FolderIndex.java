package org.maillab.mailstore.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maillab.mailstore.core.ExpungeLog;

/**
 * What a folder knows beyond its file names: UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, the first
 * not-yet-\Recent UID, and per message its UID, modification sequence, canonical size and internal
 * date. Two files:
 *
 * <ul>
 * <li>{@code maillab-index}, a snapshot, rewritten whole (temp file + rename);
 * <li>{@code maillab-log}, a journal of changes since the snapshot, one line each, appended and
 * forced at each commit. A line without its newline (a crash while writing) is ignored and cut.
 * </ul>
 *
 * The snapshot also keeps the expunge log (RFC 7162 QRESYNC, see {@link ExpungeLog}): its floor in the
 * header ({@code E}) and its ranges as {@code E first last modseq} lines; the journal's {@code X}
 * records add to it. A snapshot without {@code E} (written before the log existed) remembers no expunge
 * before its HIGHESTMODSEQ.
 *
 * <p>Replaying the journal over the snapshot is idempotent, so a crash between writing a new snapshot
 * and emptying the journal loses nothing. The file names stay the truth about which messages exist
 * and their flags; the index only adds what names cannot hold.
 */
final class FolderIndex {

    static final String SNAPSHOT = "maillab-index";
    static final String LOG = "maillab-log";
    private static final String MAGIC = "maillab-index 1";

    /** One message as recorded. */
    record Entry(long uid, long modSeq, long size, long date, boolean crlf, String letters, String base) {
    }

    private Path dir;
    private final boolean fsync;
    long uidValidity;
    long uidNext = 1;
    long highestModSeq;
    long firstRecentUid = 1;
    ExpungeLog expunged = new ExpungeLog(0);
    private FileChannel log;
    private long logLines;
    private final StringBuilder pending = new StringBuilder();
    private boolean pendingMatters; // pending holds more than \Recent claims

    FolderIndex(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
    }

    /** Writes the snapshot of a new, empty folder. */
    static void create(Path dir, long uidValidity, boolean fsync) {
        AtomicFiles.write(dir.resolve(SNAPSHOT), header(uidValidity, 1, 0, 1, 0) + "\n", fsync);
    }

    private static String header(long uidValidity, long uidNext, long modSeq, long firstRecent, long expungeFloor) {
        return MAGIC + " V" + uidValidity + " N" + uidNext + " M" + modSeq + " R" + firstRecent + " E" + expungeFloor;
    }

    /**
     * Reads snapshot and journal. Without a snapshot (a Maildir written by another program) one is
     * created with {@code uidValidityIfNew}. Returns the entries, in ascending UID order.
     */
    Collection<Entry> load(long uidValidityIfNew) {
        Map<Long, Entry> byUid = new LinkedHashMap<>();
        List<String> snapshot = readLines(dir.resolve(SNAPSHOT), false);
        if (snapshot.isEmpty() || !snapshot.get(0).startsWith(MAGIC)) {
            uidValidity = uidValidityIfNew;
            expunged = new ExpungeLog(0);
            create(dir, uidValidity, fsync);
        } else {
            long expungeFloor = -1;
            for (String field : snapshot.get(0).substring(MAGIC.length()).trim().split(" ")) {
                if (field.length() < 2) {
                    continue;
                }
                long value = parse(field.substring(1));
                switch (field.charAt(0)) {
                    case 'V' -> uidValidity = value;
                    case 'N' -> uidNext = Math.max(uidNext, value);
                    case 'M' -> highestModSeq = Math.max(highestModSeq, value);
                    case 'R' -> firstRecentUid = Math.max(1, value);
                    case 'E' -> expungeFloor = Math.max(0, value);
                    default -> {
                        // a field of a later version
                    }
                }
            }
            List<ExpungeLog.Range> ranges = new ArrayList<>();
            for (int i = 1; i < snapshot.size(); i++) {
                String line = snapshot.get(i);
                Entry e = line.startsWith("E ") ? null : parseEntry(line, 0);
                if (e != null) {
                    add(byUid, e);
                } else if (line.startsWith("E ")) {
                    ExpungeLog.Range r = parseRange(line);
                    if (r != null) {
                        ranges.add(r);
                    }
                }
            }
            expunged = new ExpungeLog(expungeFloor >= 0 ? expungeFloor : highestModSeq);
            ranges.forEach(expunged::add);
        }
        Path logFile = dir.resolve(LOG);
        List<String> journal = readLines(logFile, true);
        for (String line : journal) {
            replay(byUid, line);
        }
        logLines = journal.size();
        try {
            log = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            log.position(log.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>(byUid.values());
        entries.sort(Comparator.comparingLong(Entry::uid));
        return entries;
    }

    private void add(Map<Long, Entry> byUid, Entry e) {
        byUid.put(e.uid(), e);
        uidNext = Math.max(uidNext, e.uid() + 1);
        highestModSeq = Math.max(highestModSeq, e.modSeq());
    }

    private void replay(Map<Long, Entry> byUid, String line) {
        if (line.length() < 3 || line.charAt(1) != ' ') {
            return;
        }
        String[] f = line.substring(2).split(" ", 3);
        switch (line.charAt(0)) {
            case 'A' -> {
                Entry e = parseEntry(line, 2);
                if (e != null) {
                    add(byUid, e);
                }
            }
            case 'F' -> {
                if (f.length == 3) {
                    long uid = parse(f[0]);
                    long ms = parse(f[1]);
                    Entry e = byUid.get(uid);
                    if (e != null && ms > 0) {
                        byUid.put(uid, new Entry(uid, ms, e.size(), e.date(), e.crlf(), letters(f[2]), e.base()));
                    }
                    highestModSeq = Math.max(highestModSeq, ms);
                }
            }
            case 'X' -> {
                if (f.length >= 2) {
                    long uid = parse(f[0]);
                    long ms = parse(f[1]);
                    byUid.remove(uid);
                    highestModSeq = Math.max(highestModSeq, ms);
                    if (uid > 0 && ms > 0) {
                        expunged.add(uid, ms);
                    }
                }
            }
            case 'R' -> firstRecentUid = Math.max(firstRecentUid, parse(f[0]));
            default -> {
                // a record we do not know: the file names remain the truth
            }
        }
    }

    /** {@code uid modseq size date crlf letters base}, from {@code offset}; null if malformed. */
    private static Entry parseEntry(String line, int offset) {
        String[] f = line.substring(offset).split(" ", 7);
        if (f.length != 7) {
            return null;
        }
        long uid = parse(f[0]);
        long ms = parse(f[1]);
        long size = parse(f[2]);
        long date = parse(f[3]);
        if (uid <= 0 || ms < 0 || size < 0 || date == Long.MIN_VALUE || f[6].isEmpty()) {
            return null;
        }
        return new Entry(uid, ms, size, date, f[4].equals("1"), letters(f[5]), f[6]);
    }

    /** {@code E first last modseq}; null if malformed. */
    private static ExpungeLog.Range parseRange(String line) {
        String[] f = line.split(" ");
        if (f.length != 4) {
            return null;
        }
        long first = parse(f[1]);
        long last = parse(f[2]);
        long ms = parse(f[3]);
        return first > 0 && last >= first && ms > 0 ? new ExpungeLog.Range(first, last, ms) : null;
    }

    private static String letters(String field) {
        return field.equals("-") ? "" : field;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static String format(Entry e) {
        return e.uid() + " " + e.modSeq() + " " + e.size() + " " + e.date() + " " + (e.crlf() ? "1" : "0") + " "
                + (e.letters().isEmpty() ? "-" : e.letters()) + " " + e.base();
    }

    /** Reads whole lines; with {@code cutTornTail}, a last line without newline is dropped from the file. */
    private static List<String> readLines(Path file, boolean cutTornTail) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length && cutTornTail) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(start);
                ch.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (start < bytes.length) {
            lines.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return lines;
    }

    // ---- recording ----

    void added(Entry e) {
        uidNext = Math.max(uidNext, e.uid() + 1);
        highestModSeq = Math.max(highestModSeq, e.modSeq());
        record("A " + format(e), true);
    }

    void flagsChanged(long uid, long modSeq, String letters) {
        highestModSeq = Math.max(highestModSeq, modSeq);
        record("F " + uid + " " + modSeq + " " + (letters.isEmpty() ? "-" : letters), true);
    }

    void removed(long uid, long modSeq) {
        highestModSeq = Math.max(highestModSeq, modSeq);
        expunged.add(uid, modSeq);
        record("X " + uid + " " + modSeq, true);
    }

    /** \Recent is a hint (RFC 3501 §2.3.2): its record is written but not worth an fsync of its own. */
    void recentFrom(long uid) {
        firstRecentUid = uid;
        record("R " + uid, false);
    }

    private void record(String line, boolean matters) {
        pending.append(line).append('\n');
        pendingMatters |= matters;
        logLines++;
    }

    /**
     * Writes the pending records to the journal: from then on a crash of the process loses none of
     * them (the kernel has them); {@link #force} makes them survive a power cut too. Returns whether
     * they held a change that must be forced before it is acknowledged (anything but \Recent claims).
     */
    boolean flush() {
        boolean matters = pendingMatters;
        pendingMatters = false;
        if (pending.length() == 0) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
        pending.setLength(0);
        try {
            while (buf.hasRemaining()) {
                log.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matters;
    }

    /** Forces what {@link #flush} wrote to disk, if this index forces at all. */
    void force() {
        if (!fsync) {
            return;
        }
        try {
            log.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean wantsCompaction(int messages) {
        return logLines > 1000 && logLines > 2L * messages;
    }

    /** A new snapshot of {@code messages}, then an empty journal. */
    void compact(Collection<Entry> messages) {
        flush();
        List<Entry> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparingLong(Entry::uid));
        StringBuilder sb = new StringBuilder(64 + sorted.size() * 80);
        sb.append(header(uidValidity, uidNext, highestModSeq, firstRecentUid, expunged.floor())).append('\n');
        for (Entry e : sorted) {
            sb.append(format(e)).append('\n');
        }
        for (ExpungeLog.Range r : expunged.ranges()) {
            sb.append("E ").append(r.first()).append(' ').append(r.last()).append(' ').append(r.modSeq()).append('\n');
        }
        AtomicFiles.write(dir.resolve(SNAPSHOT), sb.toString(), fsync);
        try {
            log.truncate(0);
            log.position(0);
            if (fsync) {
                log.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        logLines = 0;
    }

    void relocate(Path newDir) {
        dir = newDir;
    }

    void close() {
        try {
            flush();
            force();
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
