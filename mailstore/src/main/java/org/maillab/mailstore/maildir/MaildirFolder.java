package org.maillab.mailstore.maildir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.core.CrlfInputStream;
import org.maillab.mailstore.core.MailboxStorage;

/**
 * One Maildir folder ({@code cur/ new/ tmp/}) as a {@link MailboxStorage}. Messages are files named
 * {@code <unique>,S=<size>,W=<size>:2,<flags>}; flags are letters in ASCII order (D F R S T for the
 * system flags, a-z for keywords listed in {@code dovecot-keywords}). A message becomes visible by
 * one rename, from {@code tmp/} into {@code new/} or {@code cur/}, after its bytes are complete
 * (and forced to disk). Everything the names cannot say is in the {@link FolderIndex}.
 */
final class MaildirFolder implements MailboxStorage {

    private volatile Path dir;
    private final Path staging;
    private final boolean fsync;
    private final long uidValidityIfNew;
    private Keywords keywords;
    private final FolderIndex index;
    private final HashMap<String, MaildirMessage> byBase = new HashMap<>();
    private final Map<String, Flags> decoded = new HashMap<>();
    private final Set<Path> touched = new java.util.HashSet<>(); // directories with renames to force
    private final GroupCommit durability = new GroupCommit();
    /** Files of released expunged messages, unlinked by {@link #sync()} outside the mailbox lock. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Path> released = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private int scanGeneration;
    private int keywordsVersion;
    /** new/ and cur/ modification times at the last full scan, if it may be trusted (see {@link #unchanged}). */
    private FileTime trustedNew;
    private FileTime trustedCur;
    /** How long a directory must have been quiet before its mtime can stand for its contents. */
    private static final long QUIET_MILLIS = 2_000;

    MaildirFolder(Path dir, Path staging, boolean fsync, long uidValidityIfNew) {
        this.dir = dir;
        this.staging = staging;
        this.fsync = fsync;
        this.uidValidityIfNew = uidValidityIfNew;
        this.index = new FolderIndex(dir, fsync);
    }

    /** Creates the directories of an empty folder and its index. */
    static void create(Path dir, long uidValidity, boolean fsync, boolean marker) throws IOException {
        Files.createDirectories(dir);
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(dir.resolve(sub));
        }
        if (marker) {
            // Maildir++: marks a sub-folder (Courier, Dovecot)
            Files.write(dir.resolve("maildirfolder"), new byte[0]);
        }
        FolderIndex.create(dir, uidValidity, fsync);
    }

    // ---- loading and scanning ----

    @Override
    public Snapshot load() {
        keywords = new Keywords(dir, fsync);
        java.util.Collection<FolderIndex.Entry> entries = index.load(uidValidityIfNew);
        List<Stored> stored = new ArrayList<>(entries.size());
        for (FolderIndex.Entry e : entries) {
            MaildirMessage m = new MaildirMessage(e.base(), null, false);
            m.uid = e.uid();
            m.modSeq = e.modSeq();
            m.size = e.size();
            m.date = e.date();
            m.crlfOnDisk = e.crlf();
            m.letters = e.letters();
            byBase.put(e.base(), m);
            stored.add(new Stored(m.uid, decode(m.letters), Instant.ofEpochMilli(m.date), m.size, m.modSeq, m));
        }
        return new Snapshot(index.uidValidity, index.uidNext, index.highestModSeq, index.firstRecentUid, stored,
                index.expunged.copy());
    }

    @Override
    public ScanResult scan() {
        if (unchanged()) {
            return ScanResult.NONE;
        }
        int generation = ++scanGeneration;
        List<MaildirMessage> found = new ArrayList<>();
        Set<String> foundBases = new java.util.HashSet<>();
        List<FlagChange> changes = new ArrayList<>();
        for (boolean inNew : new boolean[] {true, false}) {
            String[] names = new File(dir.toFile(), inNew ? "new" : "cur").list();
            if (names == null) {
                continue;
            }
            for (String name : names) {
                if (name.startsWith(".")) {
                    continue; // editors' and MUAs' temporary files
                }
                String[] parts = MaildirMessage.split(name);
                MaildirMessage m = byBase.get(parts[0]);
                if (m == null) {
                    if (foundBases.add(parts[0])) {
                        found.add(new MaildirMessage(parts[0], parts[1], inNew));
                    }
                    continue;
                }
                if (m.scanMark == generation) {
                    continue; // the same base twice: keep the first
                }
                m.scanMark = generation;
                m.inNew = inNew;
                if (!parts[1].equals(m.info)) {
                    m.info = parts[1];
                    String letters = MaildirMessage.lettersOf(parts[1]);
                    if (!decode(letters).equals(decode(m.letters))) {
                        changes.add(new FlagChange(m.uid, m, decode(letters)));
                    }
                }
            }
        }
        List<Long> vanished = new ArrayList<>();
        for (MaildirMessage m : byBase.values()) {
            if (m.scanMark != generation) {
                vanished.add(m.uid);
            }
        }
        vanished.sort(null);
        found.sort((a, b) -> DeliveryOrder.INSTANCE.compare(a.base, b.base));
        List<Found> result = new ArrayList<>(found.size());
        for (MaildirMessage m : found) {
            if (measure(m)) {
                result.add(new Found(m, decode(MaildirMessage.lettersOf(m.info)), Instant.ofEpochMilli(m.date), m.size));
            }
        }
        if (result.isEmpty() && vanished.isEmpty() && changes.isEmpty()) {
            return ScanResult.NONE;
        }
        return new ScanResult(result, vanished, changes);
    }

    /**
     * Whether new/ and cur/ are as the last full scan saw them, judged by their modification times.
     * Any rename, creation or deletion in a directory sets its mtime. Timestamps are coarse, so two
     * changes close together may share one; the mtimes are therefore only trusted when the listing
     * that saw them began well after them. Our own changes also move the mtimes: the next look lists.
     */
    private boolean unchanged() {
        FileTime newTime = mtime("new");
        FileTime curTime = mtime("cur");
        long listingStarts = System.currentTimeMillis();
        boolean same = trustedNew != null && trustedNew.equals(newTime) && trustedCur != null
                && trustedCur.equals(curTime);
        boolean quiet = newTime != null && curTime != null
                && listingStarts - Math.max(newTime.toMillis(), curTime.toMillis()) > QUIET_MILLIS;
        trustedNew = quiet ? newTime : null;
        trustedCur = quiet ? curTime : null;
        return same && quiet;
    }

    private FileTime mtime(String sub) {
        try {
            return Files.getLastModifiedTime(dir.resolve(sub));
        } catch (IOException e) {
            return null;
        }
    }

    /** Size and date of a file another program delivered; false if it is gone again. */
    private boolean measure(MaildirMessage m) {
        Path path = pathOf(m);
        try {
            m.date = Files.getLastModifiedTime(path).toMillis();
            long w = MaildirMessage.field(m.base, 'W');
            long s = MaildirMessage.field(m.base, 'S');
            if (w >= 0 && s >= 0) {
                m.size = w;
                m.crlfOnDisk = s == w;
            } else {
                long physical = Files.size(path);
                try (InputStream in = Files.newInputStream(path)) {
                    m.size = CrlfInputStream.canonicalSize(in);
                }
                m.crlfOnDisk = m.size == physical;
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- appending ----

    @Override
    public Staged stage(InputStream canonical) {
        Path tmp = staging.resolve(UniqueNames.next());
        long size = 0;
        try (canonical; FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = canonical.readNBytes(buf, 0, buf.length)) > 0) {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                size += n;
            }
            if (fsync) {
                out.force(true);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
        return new Staged(size, tmp);
    }

    @Override
    public Object commitAppend(Staged staged, long uid, Flags flags, Instant internalDate, long modSeq) {
        Path tmp = (Path) staged.handle();
        String letters = encode(flags, "");
        MaildirMessage m = new MaildirMessage(tmp.getFileName() + ",S=" + staged.size() + ",W=" + staged.size(),
                letters.isEmpty() ? "" : ":2," + letters, letters.isEmpty());
        m.size = staged.size();
        m.crlfOnDisk = true;
        m.date = internalDate.toEpochMilli();
        try {
            install(tmp, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record(m, uid, modSeq, letters);
    }

    /** Moves a finished file from tmp/ to its name, dated: IMAP INTERNALDATE is the mtime for Dovecot and others. */
    private void install(Path tmp, MaildirMessage m) throws IOException {
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(m.date));
        Files.move(tmp, pathOf(m), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void discard(Staged staged) {
        deleteQuietly((Path) staged.handle());
    }

    @Override
    public Object copyIn(MailboxStorage source, Object sourceRef, long uid, Flags flags, Instant internalDate,
            long size, long modSeq) {
        MaildirFolder from = (MaildirFolder) source;
        MaildirMessage original = (MaildirMessage) sourceRef;
        String letters = encode(flags, "");
        String base = UniqueNames.next() + (original.crlfOnDisk ? ",S=" + size : "") + ",W=" + size;
        MaildirMessage m = new MaildirMessage(base, letters.isEmpty() ? "" : ":2," + letters, letters.isEmpty());
        m.size = size;
        m.crlfOnDisk = original.crlfOnDisk;
        m.date = internalDate.toEpochMilli();
        Path src = from.pathOf(original);
        try {
            try {
                // a hard link: instant, no second copy on disk, and still one atomic step
                Files.createLink(pathOf(m), src);
            } catch (UnsupportedOperationException | IOException e) {
                if (e instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                Path tmp = staging.resolve(UniqueNames.next());
                Files.copy(src, tmp);
                if (fsync) {
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
                install(tmp, m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record(m, uid, modSeq, letters);
    }

    @Override
    public Object moveIn(MailboxStorage source, Object sourceRef, long uid, Flags flags, Instant internalDate,
            long size, long modSeq) {
        MaildirFolder from = (MaildirFolder) source;
        MaildirMessage original = (MaildirMessage) sourceRef;
        // keyword letters are per folder: the name is rebuilt with this folder's letters
        String letters = encode(flags, MaildirMessage.lettersOf(original.info));
        boolean inNew = original.inNew && letters.isEmpty();
        MaildirMessage m = new MaildirMessage(original.base, inNew ? "" : ":2," + letters, inNew);
        m.size = size;
        m.crlfOnDisk = original.crlfOnDisk;
        m.date = internalDate.toEpochMilli();
        try {
            Files.move(from.pathOf(original), pathOf(m), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        from.touched.add(from.pathOf(original).getParent());
        return record(m, uid, modSeq, letters);
    }

    private MaildirMessage record(MaildirMessage m, long uid, long modSeq, String letters) {
        m.uid = uid;
        m.modSeq = modSeq;
        m.letters = letters;
        byBase.put(m.base, m);
        m.scanMark = scanGeneration;
        touched.add(pathOf(m).getParent());
        index.added(entry(m));
        return m;
    }

    private static FolderIndex.Entry entry(MaildirMessage m) {
        return new FolderIndex.Entry(m.uid, m.modSeq, m.size, m.date, m.crlfOnDisk, m.letters, m.base);
    }

    // ---- changing ----

    @Override
    public void setFlags(Object ref, long uid, Flags flags, long modSeq) {
        MaildirMessage m = (MaildirMessage) ref;
        String letters = encode(flags, MaildirMessage.lettersOf(m.info));
        String info = ":2," + letters;
        Path from = pathOf(m);
        Path to = dir.resolve("cur").resolve(m.base + info);
        if (!from.equals(to)) {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // removed behind our back: the next scan reports it as expunged
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        touched.add(from.getParent());
        touched.add(to.getParent());
        m.info = info;
        m.inNew = false;
        m.letters = letters;
        m.modSeq = modSeq;
        index.flagsChanged(uid, modSeq, letters);
    }

    @Override
    public void expunge(Object ref, long uid, long modSeq) {
        MaildirMessage m = (MaildirMessage) ref;
        touched.add(pathOf(m).getParent());
        try {
            Files.deleteIfExists(pathOf(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        forget(ref, uid, modSeq);
    }

    /**
     * Deferred unlink: the file leaves the folder by one rename into the account's {@code tmp/} (so no
     * Maildir reader and no scan sees it any more), where it stays readable until {@link #release}.
     * A kill -9 in between leaves it there; the account's clean-up at open removes it (docs/maildir.md).
     */
    @Override
    public Object expungeKeeping(Object ref, long uid, long modSeq) {
        MaildirMessage m = (MaildirMessage) ref;
        Path from = pathOf(m);
        Path to = staging.resolve(MaildirAccount.EXPUNGED_PREFIX + m.base);
        touched.add(from.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            m.kept = to;
        } catch (NoSuchFileException e) {
            // removed behind our back: nothing left to keep
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        forget(ref, uid, modSeq);
        return m;
    }

    @Override
    public void release(Object keptRef) {
        Path kept = ((MaildirMessage) keptRef).kept;
        if (kept != null) {
            released.add(kept); // a leftover after a crash is removed when the account opens
        }
    }

    @Override
    public void forget(Object ref, long uid, long modSeq) {
        MaildirMessage m = (MaildirMessage) ref;
        byBase.remove(m.base, m);
        index.removed(uid, modSeq);
    }

    @Override
    public void adopt(Object ref, long uid, Flags flags, Instant internalDate, long size, long modSeq) {
        MaildirMessage m = (MaildirMessage) ref;
        record(m, uid, modSeq, MaildirMessage.lettersOf(m.info));
    }

    @Override
    public void flagsFound(Object ref, long uid, Flags flags, long modSeq) {
        MaildirMessage m = (MaildirMessage) ref;
        m.letters = MaildirMessage.lettersOf(m.info);
        m.modSeq = modSeq;
        index.flagsChanged(uid, modSeq, m.letters);
    }

    @Override
    public void setFirstRecentUid(long uid) {
        index.recentFrom(uid);
    }

    @Override
    public void commit() {
        boolean recorded = index.flush();
        if (fsync && (recorded || !touched.isEmpty())) {
            // an empty commit (EXPUNGE with nothing deleted, a STORE that changed nothing) forces nothing
            durability.committed(touched);
        }
        touched.clear();
        if (index.wantsCompaction(byBase.size())) {
            compact();
        }
    }

    @Override
    public void sync() {
        for (Path p; (p = released.poll()) != null; ) {
            deleteQuietly(p); // an unlink can take milliseconds on a busy disk: not under the lock
        }
        if (fsync) {
            // the renames first, then the journal that refers to them
            durability.sync(dirs -> {
                for (Path d : dirs) {
                    AtomicFiles.syncDirectory(d);
                }
                index.force();
            });
        }
    }

    void compact() {
        List<FolderIndex.Entry> entries = new ArrayList<>(byBase.size());
        for (MaildirMessage m : byBase.values()) {
            entries.add(entry(m));
        }
        index.compact(entries);
    }

    @Override
    public MessageContent content(Object ref, long size) {
        return new FileContent(this, (MaildirMessage) ref, size);
    }

    void close() {
        sync();
        index.close();
    }

    /** The folder's directory was renamed (the open journal survives: it is the same file). */
    void relocate(Path newDir) {
        dir = newDir;
        index.relocate(newDir);
        if (keywords != null) {
            keywords.relocate(newDir);
        }
    }

    // ---- names and flags ----

    Path pathOf(MaildirMessage m) {
        Path kept = m.kept;
        if (kept != null) {
            return kept;
        }
        return dir.resolve(m.inNew ? "new" : "cur").resolve(m.fileName());
    }

    /** The letters for flags, keeping letters of {@code previous} that MailLab does not interpret. */
    private String encode(Flags flags, String previous) {
        TreeSet<Character> letters = new TreeSet<>();
        for (SystemFlag f : flags.system()) {
            letters.add(f.maildirLetter());
        }
        for (String k : flags.keywords()) {
            letters.add(keywords.letter(k));
        }
        for (char c : previous.toCharArray()) {
            boolean ours = "DFRST".indexOf(c) >= 0 || (c >= 'a' && c <= 'z' && keywords.keyword(c) != null);
            if (!ours && c > ' ' && c < 127 && c != '/' && c != ':') {
                letters.add(c); // e.g. P (passed) from another MUA
            }
        }
        StringBuilder sb = new StringBuilder(letters.size());
        letters.forEach(sb::append);
        return sb.toString();
    }

    /** Flags of a letter string; shared instances, as many messages have the same flags. */
    private Flags decode(String letters) {
        if (keywordsVersion != keywords.version()) {
            decoded.clear(); // a letter may have just been given to a keyword
            keywordsVersion = keywords.version();
        }
        Flags cached = decoded.get(letters);
        if (cached != null) {
            return cached;
        }
        EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        Set<String> kws = new TreeSet<>();
        for (char c : letters.toCharArray()) {
            for (SystemFlag f : SystemFlag.values()) {
                if (f.maildirLetter() == c) {
                    system.add(f);
                }
            }
            String k = keywords.keyword(c);
            if (k != null) {
                kws.add(k);
            }
        }
        Flags flags = new Flags(system, kws);
        decoded.put(letters, flags);
        return flags;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // leftovers in tmp/ are cleaned when the account is opened
        }
    }

    @Override
    public String toString() {
        return "MaildirFolder[" + dir + "]";
    }
}
