package org.maillab.mailstore.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.FlagOp;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxEvent;
import org.maillab.mailstore.MailboxStatus;
import org.maillab.mailstore.Maildrop;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.Quota;
import org.maillab.mailstore.SpecialUse;
import org.maillab.mailstore.SystemFlag;

/** What only the Maildir store has: files, restarts, and other programs in the same tree. */
class MaildirStoreTest {

    private static final Instant DATE = Instant.parse("2026-02-03T04:05:06Z");
    /** fsync off: a test cannot cut the power; the contract suite runs with it on. */
    private static final MaildirStore.Options OPTIONS = MaildirStore.Options.defaults().withPbkdf2Iterations(1000)
            .withFsync(false);

    private Path root;
    private MaildirStore store;
    private Account alice;

    @BeforeEach
    void setUp() {
        root = TempDirs.create("maillab-maildir");
        store = MaildirStore.open(root, OPTIONS);
        alice = store.createAccount("alice", "pw", true);
    }

    @AfterEach
    void tearDown() {
        store.close();
        TempDirs.delete(root);
    }

    private Path inbox() {
        return root.resolve("alice");
    }

    private void reopen() {
        store.close();
        store = MaildirStore.open(root, OPTIONS);
        alice = store.authenticate("alice", "pw").orElseThrow();
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private long append(String mailbox, String text, Flags flags) {
        return alice.append(mailbox, bytes(text), flags, DATE).uid();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String read(MessageContent c) throws IOException {
        try (InputStream in = c.open()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    // ---- layout ----

    // ---- expunged messages kept for sessions not yet told (deferred unlink, docs/maildir.md) ----

    private static List<String> kept(Path tmp) throws IOException {
        return files(tmp).stream().filter(n -> n.startsWith(MaildirAccount.EXPUNGED_PREFIX)).toList();
    }

    @Test
    void anExpungedMessageWaitsInTmpUntilTheLastLaggingViewLetsGo() throws IOException {
        alice.create("Work");
        long uid = append("Work", "Subject: kept\r\n\r\nbody\r\n", Flags.of(SystemFlag.DELETED));
        Path work = inbox().resolve(".Work");
        try (Mailbox expunger = alice.open("Work", false); Mailbox lagging = alice.open("Work", false)) {
            lagging.setListener(e -> { });
            expunger.expunge();
            assertEquals(List.of(), files(work.resolve("cur")));
            assertEquals(List.of(), files(work.resolve("new")));
            assertEquals(1, kept(inbox().resolve("tmp")).size());
            assertEquals(List.of(), expunger.messages());
            lagging.releaseExpunged(List.of(uid));
            assertEquals(List.of(), kept(inbox().resolve("tmp")));
        }
    }

    @Test
    void closingALaggingViewFreesWhatItHeld() throws IOException {
        append("INBOX", "Subject: kept\r\n\r\nbody\r\n", Flags.of(SystemFlag.DELETED));
        try (Mailbox expunger = alice.open("INBOX", false)) {
            Mailbox lagging = alice.open("INBOX", false);
            lagging.setListener(e -> { });
            expunger.expunge();
            assertEquals(1, kept(inbox().resolve("tmp")).size());
            lagging.close();
            assertEquals(List.of(), kept(inbox().resolve("tmp")));
        }
    }

    /**
     * kill -9 while a session still holds an expunged message: the tree is copied as it is on disk at
     * that moment (what the dead process leaves), and the store opened on the copy removes the kept
     * file when it opens the account; the message stays expunged and its UID is not used again.
     */
    @Test
    void aKeptFileLeftByACrashIsRemovedAtOpenAndTheMessageStaysExpunged() throws IOException {
        // dated now: the file's mtime is its internal date, and tmp/ files older than 36 hours go anyway
        long first = alice.append("INBOX", bytes("Subject: one\r\n\r\n1\r\n"), Flags.of(SystemFlag.DELETED),
                Instant.now()).uid();
        long second = append("INBOX", "Subject: two\r\n\r\n2\r\n", Flags.NONE);
        Path copy = TempDirs.create("maillab-crashed");
        try (Mailbox expunger = alice.open("INBOX", false); Mailbox lagging = alice.open("INBOX", false)) {
            lagging.setListener(e -> { });
            expunger.expunge();
            assertEquals(1, kept(inbox().resolve("tmp")).size());
            copyTree(root, copy);
        }
        try (MaildirStore restarted = MaildirStore.open(copy, OPTIONS)) {
            Account again = restarted.authenticate("alice", "pw").orElseThrow(); // opens the account
            assertEquals(List.of(), kept(copy.resolve("alice").resolve("tmp")));
            try (Mailbox inbox = again.open("INBOX", false)) {
                assertEquals(List.of(second), inbox.messages().stream().map(MessageInfo::uid).toList());
                assertEquals(Optional.empty(), inbox.visible(first));
                long next = inbox.append(bytes("Subject: three\r\n\r\n3\r\n"), Flags.NONE, DATE).uid();
                assertTrue(next > second);
            }
        } finally {
            TempDirs.delete(copy);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void inboxIsTheMaildirAndMailboxesAreMaildirPlusPlusFolders() throws IOException {
        alice.create("Work/2026");
        alice.create("v1.2");
        alice.create("back\\slash");
        List<String> entries = files(inbox());
        assertTrue(entries.containsAll(List.of("cur", "new", "tmp", ".Work", ".Work.2026", ".v1\\2e2", ".back\\5cslash")),
                entries.toString());
        assertTrue(Files.exists(inbox().resolve(".Work.2026").resolve("maildirfolder")));
        reopen();
        assertEquals(List.of("INBOX", "Work", "Work/2026", "back\\slash", "v1.2"),
                alice.list("*").stream().map(i -> i.name()).toList());
    }

    @Test
    void flagsAreLettersInAsciiOrderAndKeywordsUseDovecotKeywords() throws IOException {
        long uid = append("INBOX", "Subject: x\r\n\r\nbody\r\n", Flags.NONE);
        assertEquals(1, files(inbox().resolve("new")).size(), "a message without flags is delivered to new/");
        try (Mailbox m = alice.open("INBOX", false)) {
            m.store(List.of(uid), FlagOp.REPLACE, new Flags(Set.of(SystemFlag.SEEN, SystemFlag.DRAFT,
                    SystemFlag.FLAGGED, SystemFlag.ANSWERED, SystemFlag.DELETED), Set.of("Work", "$Forwarded")));
        }
        List<String> cur = files(inbox().resolve("cur"));
        assertEquals(1, cur.size());
        assertTrue(cur.get(0).endsWith(":2,DFRSTab"), cur.get(0));
        assertTrue(cur.get(0).contains(",S=20,W=20"), cur.get(0));
        assertEquals("0 $Forwarded\n1 Work\n", Files.readString(inbox().resolve("dovecot-keywords")));
        assertEquals(List.of(), files(inbox().resolve("new")));
        assertEquals(List.of(), files(inbox().resolve("tmp")));
    }

    @Test
    void internalDateIsTheFileModificationTime() throws IOException {
        append("INBOX", "Subject: x\r\n\r\n", Flags.NONE);
        Path file = inbox().resolve("new").resolve(files(inbox().resolve("new")).get(0));
        assertEquals(DATE, Files.getLastModifiedTime(file).toInstant());
    }

    @Test
    void aMailboxBeyondTwentySixKeywordsIsALimit() {
        long uid = append("INBOX", "Subject: x\r\n\r\n", Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            for (int i = 0; i < 26; i++) {
                m.store(List.of(uid), FlagOp.ADD, new Flags(Set.of(), Set.of("k" + i)));
            }
            MailStoreException e = assertThrows(MailStoreException.class,
                    () -> m.store(List.of(uid), FlagOp.ADD, new Flags(Set.of(), Set.of("k26"))));
            assertEquals(Reason.LIMIT, e.reason());
            assertEquals(26, m.message(uid).orElseThrow().flags().keywords().size());
        }
    }

    // ---- restarts ----

    @Test
    void quotaLimitsSurviveARestartAndCountMailboxesNotYetOpened_rfc9208Section5() {
        alice.create("Archive");
        append("Archive", "Subject: a\r\n\r\n", Flags.NONE);
        append("Archive", "Subject: b\r\n\r\n", Flags.NONE);
        alice.setQuota(OptionalLong.of(40), OptionalLong.of(2));
        reopen();
        // nobody opened Archive since the restart: its messages count all the same
        MailStoreException e = assertThrows(MailStoreException.class,
                () -> append("INBOX", "Subject: c\r\n\r\n", Flags.NONE));
        assertEquals(MailStoreException.Reason.OVER_QUOTA, e.reason());
        assertEquals(new Quota(OptionalLong.of(40), OptionalLong.of(2), 28, 2), alice.quota());
        alice.setQuota(OptionalLong.empty(), OptionalLong.empty());
        reopen();
        assertEquals(new Quota(OptionalLong.empty(), OptionalLong.empty(), 28, 2), alice.quota());
    }

    @Test
    void usageIsExactAfterExpungeCopyAndMoveAndARestart_rfc9208Section5() {
        alice.create("Archive");
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.NONE);
        long b = append("INBOX", "Subject: bb\r\n\r\n", Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            m.copyTo(List.of(a), "Archive");
            m.moveTo(List.of(b), "Archive");
            m.store(List.of(a), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            m.expunge();
        }
        Quota before = alice.quota();
        assertEquals(2, before.messagesUsed());
        assertEquals(29, before.storageUsed());
        reopen();
        assertEquals(before, alice.quota());
    }

    @Test
    void usageReadFromDiskWithoutAStoreMatchesTheStore_rfc9208Section5() throws IOException {
        alice.create("Archive/2026");
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.NONE);
        append("Archive/2026", "Subject: bb\n\nbare line ends\n", Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            m.copyTo(List.of(a), "Archive/2026");
        }
        // delivered by hand, with bare LF line ends, and not yet seen by the store
        Files.writeString(inbox().resolve("new").resolve("1700000000.hand.example"), "Subject: d\n\nx\n");
        alice.setQuota(OptionalLong.of(5000), OptionalLong.empty());
        Quota onDisk = MaildirUsage.read(inbox()).orElseThrow();
        assertEquals(alice.quota(), onDisk);
        assertEquals(4, onDisk.messagesUsed());
        assertEquals(Optional.empty(), MaildirUsage.read(root.resolve("nobody")));
    }

    @Test
    void everythingSurvivesARestart() throws IOException {
        alice.create("Sent", SpecialUse.SENT);
        alice.subscribe("Sent");
        alice.setQuota(OptionalLong.of(1_000_000), OptionalLong.of(100));
        long a = append("INBOX", "Subject: a\r\n\r\n", new Flags(Set.of(SystemFlag.SEEN), Set.of("Work")));
        long b = append("INBOX", "Subject: b\r\n\r\n", Flags.NONE);
        long c = append("Sent", "Subject: c\r\n\r\n", Flags.NONE);
        MailboxStatus before;
        try (Mailbox m = alice.open("INBOX", false)) {
            m.store(List.of(b), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            m.expunge();
            before = alice.status("INBOX");
        }
        reopen();
        MailboxStatus after = alice.status("INBOX");
        assertEquals(before, after);
        try (Mailbox m = alice.open("INBOX", true)) {
            MessageInfo info = m.message(a).orElseThrow();
            assertEquals(new Flags(Set.of(SystemFlag.SEEN), Set.of("Work")), info.flags());
            assertEquals(DATE, info.internalDate());
            assertEquals("Subject: a\r\n\r\n", read(m.content(a)));
        }
        assertEquals(Optional.of(SpecialUse.SENT), alice.mailbox("Sent").orElseThrow().specialUse());
        assertTrue(alice.mailbox("Sent").orElseThrow().subscribed());
        assertEquals(OptionalLong.of(100), alice.quota().messageLimit());
        assertEquals(2, alice.quota().messagesUsed());
        assertEquals(c + 1, alice.status("Sent").uidNext());
        assertTrue(store.authenticateApop("alice", "<x@y>",
                md5Hex("<x@y>pw")).isPresent(), "the APOP secret survives");
    }

    @Test
    void uidsAreNeverReusedAfterARestart_rfc9051Section2_3_1_1() {
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.of(SystemFlag.DELETED));
        long b = append("INBOX", "Subject: b\r\n\r\n", Flags.of(SystemFlag.DELETED));
        long validity = alice.status("INBOX").uidValidity();
        try (Mailbox m = alice.open("INBOX", false)) {
            m.expunge();
        }
        reopen();
        assertEquals(validity, alice.status("INBOX").uidValidity());
        long c = append("INBOX", "Subject: c\r\n\r\n", Flags.NONE);
        assertTrue(c > b && b > a);
    }

    @Test
    void aRecreatedMailboxGetsAHigherUidValidityEvenAfterARestart() {
        alice.create("Box");
        long first = alice.status("Box").uidValidity();
        alice.delete("Box");
        reopen();
        alice.create("Box");
        assertTrue(alice.status("Box").uidValidity() > first);
    }

    @Test
    void recentSurvivesARestart_rfc3501Section2_3_2() {
        append("INBOX", "Subject: a\r\n\r\n", Flags.NONE);
        reopen();
        assertEquals(1, alice.status("INBOX").recent());
        alice.open("INBOX", false).close();
        reopen();
        assertEquals(0, alice.status("INBOX").recent());
    }

    @Test
    void aTornJournalLineIsIgnoredAndTheFilesStayTheTruth() throws IOException {
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.NONE);
        store.close();
        Files.writeString(inbox().resolve(FolderIndex.LOG), "A 99 99 5 0 1 - half-writ", StandardOpenOption.APPEND);
        store = MaildirStore.open(root, OPTIONS);
        alice = store.account("alice").orElseThrow();
        try (Mailbox m = alice.open("INBOX", false)) {
            assertEquals(List.of(a), m.messages().stream().map(MessageInfo::uid).toList());
            long b = m.append(bytes("Subject: b\r\n\r\n"), Flags.NONE, DATE).uid();
            assertEquals(a + 1, b);
        }
        assertFalse(Files.readString(inbox().resolve(FolderIndex.LOG)).contains("half-writ"));
        reopen();
        assertEquals(2, alice.status("INBOX").messages());
    }

    @Test
    void aLostIndexIsRebuiltFromTheFileNames() throws IOException {
        append("INBOX", "Subject: a\r\n\r\n", Flags.of(SystemFlag.SEEN));
        append("INBOX", "Subject: b\r\n\r\n", Flags.NONE);
        store.close();
        Files.delete(inbox().resolve(FolderIndex.LOG));
        Files.delete(inbox().resolve(FolderIndex.SNAPSHOT));
        store = MaildirStore.open(root, OPTIONS);
        alice = store.account("alice").orElseThrow();
        try (Mailbox m = alice.open("INBOX", true)) {
            List<MessageInfo> msgs = m.messages();
            assertEquals(2, msgs.size());
            assertEquals(Flags.of(SystemFlag.SEEN), msgs.get(0).flags());
            assertEquals(DATE, msgs.get(0).internalDate());
            assertEquals("Subject: a\r\n\r\n".length(), msgs.get(0).size());
        }
    }

    @Test
    void manyChangesCompactTheJournal() throws IOException {
        long uid = append("INBOX", "Subject: a\r\n\r\n", Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            for (int i = 0; i < 1200; i++) {
                m.store(List.of(uid), i % 2 == 0 ? FlagOp.ADD : FlagOp.REMOVE, Flags.of(SystemFlag.SEEN));
            }
        }
        assertTrue(Files.size(inbox().resolve(FolderIndex.LOG)) < 1000 * 10, "the journal was compacted");
        long modSeq = alice.status("INBOX").highestModSeq();
        reopen();
        assertEquals(modSeq, alice.status("INBOX").highestModSeq());
    }

    @Test
    void expungeModSeqsSurviveARestartAndACompaction_rfc7162Section3_2_5_1() throws IOException {
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.of(SystemFlag.DELETED));
        long b = append("INBOX", "Subject: b\r\n\r\n", Flags.NONE);
        long c = append("INBOX", "Subject: c\r\n\r\n", Flags.NONE);
        long synced;
        try (Mailbox m = alice.open("INBOX", false)) {
            m.expunge(); // a
            synced = m.highestModSeq();
            m.store(List.of(c), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            m.expunge(); // c, after the client's mod-sequence
        }
        reopen(); // from the journal
        try (Mailbox m = alice.open("INBOX", false)) {
            assertFalse(m.expungedSince(a, synced));
            assertTrue(m.expungedSince(c, synced));
            for (int i = 0; i < 1200; i++) { // enough to compact the journal into a new snapshot
                m.store(List.of(b), i % 2 == 0 ? FlagOp.ADD : FlagOp.REMOVE, Flags.of(SystemFlag.SEEN));
            }
        }
        assertTrue(Files.readString(inbox().resolve(FolderIndex.SNAPSHOT)).contains("\nE " + c + " " + c + " "),
                "the snapshot keeps the expunge log");
        reopen(); // from the snapshot
        try (Mailbox m = alice.open("INBOX", true)) {
            assertFalse(m.expungedSince(a, synced));
            assertTrue(m.expungedSince(c, synced));
            assertFalse(m.expungedSince(c, m.highestModSeq()));
        }
    }

    @Test
    void aSnapshotFromBeforeTheExpungeLogRemembersNoEarlierExpunge_rfc7162Section3_2_5_1() throws IOException {
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.of(SystemFlag.DELETED));
        try (Mailbox m = alice.open("INBOX", false)) {
            m.expunge();
        }
        long modSeq = alice.status("INBOX").highestModSeq();
        long validity = alice.status("INBOX").uidValidity();
        store.close();
        // the format before the log: no E field in the header, no E lines, an empty journal
        Path snapshot = inbox().resolve(FolderIndex.SNAPSHOT);
        Files.writeString(snapshot, "maillab-index 1 V" + validity + " N" + (a + 1)
                + " M" + modSeq + " R" + (a + 1) + "\n");
        Files.writeString(inbox().resolve(FolderIndex.LOG), "");
        store = MaildirStore.open(root, OPTIONS);
        alice = store.authenticate("alice", "pw").orElseThrow();
        try (Mailbox m = alice.open("INBOX", true)) {
            assertTrue(m.expungedSince(a, modSeq - 1), "unknown: reported, as before the log existed");
            assertFalse(m.expungedSince(a, modSeq), "a client at the snapshot's mod-sequence knew of it");
        }
    }

    // ---- other programs in the tree ----

    private Path deliverExternally(String folder, String name, String content, Instant mtime) throws IOException {
        Path dir = folder.isEmpty() ? inbox() : inbox().resolve(folder);
        Path tmp = dir.resolve("tmp").resolve(name);
        Files.writeString(tmp, content, StandardCharsets.ISO_8859_1);
        Files.setLastModifiedTime(tmp, FileTime.from(mtime));
        Path target = dir.resolve(name.contains(":2,") ? "cur" : "new").resolve(name);
        Files.move(tmp, target);
        return target;
    }

    @Test
    void mailDroppedIntoNewIsPickedUpOnOpenAndOnRefresh() throws IOException {
        deliverExternally("", "1700000000.P1Q1.mda", "Subject: one\n\nhi\n", DATE);
        try (Mailbox m = alice.open("INBOX", false); Mailbox other = alice.open("INBOX", false)) {
            assertEquals(1, m.messages().size());
            assertEquals(Set.of(m.messages().get(0).uid()), m.recent());
            ConcurrentLinkedQueue<MailboxEvent> mine = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<MailboxEvent> theirs = new ConcurrentLinkedQueue<>();
            m.setListener(mine::add);
            other.setListener(theirs::add);
            deliverExternally("", "1700000001.P1Q2.mda", "Subject: two\n\nhi\n", DATE);
            m.refresh();
            assertEquals(1, mine.size(), "refresh tells every view, the caller's included");
            assertEquals(1, theirs.size());
            MessageInfo second = ((MailboxEvent.MessageAdded) mine.peek()).message();
            assertEquals(DATE, second.internalDate());
            assertEquals("Subject: two\r\n\r\nhi\r\n".length(), second.size());
            assertEquals(2, m.messages().size());
            assertTrue(m.recent().contains(second.uid()));
        }
    }

    @Test
    void aQuietMailboxIsNotListedAgainButAChangeAfterwardsIsSeen() throws IOException {
        long uid = append("INBOX", "Subject: a\r\n\r\n", Flags.of(SystemFlag.SEEN));
        try (Mailbox m = alice.open("INBOX", false)) {
            ConcurrentLinkedQueue<MailboxEvent> events = new ConcurrentLinkedQueue<>();
            m.setListener(events::add);
            // as if nothing had touched the directories for a minute
            FileTime quiet = FileTime.from(Instant.now().minusSeconds(60));
            Files.setLastModifiedTime(inbox().resolve("new"), quiet);
            Files.setLastModifiedTime(inbox().resolve("cur"), quiet);
            m.refresh();
            m.refresh();
            assertEquals(List.of(), List.copyOf(events));
            deliverExternally("", "1700000002.P1Q3.mda", "Subject: late\n\n", DATE);
            m.refresh();
            assertEquals(1, events.size());
            Files.setLastModifiedTime(inbox().resolve("new"), quiet);
            Files.setLastModifiedTime(inbox().resolve("cur"), quiet);
            m.refresh();
            String name = files(inbox().resolve("cur")).get(0);
            Files.move(inbox().resolve("cur").resolve(name), inbox().resolve("cur").resolve(name.replace(":2,S", ":2,ST")));
            m.refresh();
            assertEquals(2, events.size());
            assertTrue(m.message(uid).orElseThrow().flags().contains(SystemFlag.DELETED));
        }
    }

    @Test
    void lfFilesAreServedAsCrlfWithCrlfSizesAndRanges() throws IOException {
        String lf = "Subject: lf\nX: y\n\nline 1\nline 2\n";
        String crlf = lf.replace("\n", "\r\n");
        deliverExternally("", "1700000000.M1P1.host,S=" + lf.length() + ",W=" + crlf.length() + ":2,S", lf, DATE);
        deliverExternally("", "1700000001.M1P1.host", lf, DATE);
        try (Mailbox m = alice.open("INBOX", true)) {
            List<MessageInfo> msgs = m.messages();
            assertEquals(2, msgs.size());
            assertEquals(Flags.of(SystemFlag.SEEN), msgs.get(0).flags());
            for (MessageInfo info : msgs) {
                assertEquals(crlf.length(), info.size());
                MessageContent c = m.content(info.uid());
                assertEquals(crlf.length(), c.size());
                assertEquals(crlf, read(c));
                for (int off = 0; off <= crlf.length(); off += 3) {
                    for (int len : new int[] {0, 1, 2, 5, 100}) {
                        String expected = crlf.substring(off, Math.min(crlf.length(), off + len));
                        assertEquals(expected, read(c.open(off, len)), "range " + off + "+" + len);
                    }
                }
            }
        }
    }

    @Test
    void filesRemovedOrRenamedByAnotherProgramBecomeExpungeAndFlagEvents() throws IOException {
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.of(SystemFlag.SEEN));
        long b = append("INBOX", "Subject: b\r\n\r\n", Flags.of(SystemFlag.SEEN));
        try (Mailbox m = alice.open("INBOX", false)) {
            ConcurrentLinkedQueue<MailboxEvent> events = new ConcurrentLinkedQueue<>();
            m.setListener(events::add);
            // which file is which by content: unique names do not sort in delivery order (M99 > M100)
            List<String> cur = new java.util.ArrayList<>(files(inbox().resolve("cur")));
            if (!Files.readString(inbox().resolve("cur").resolve(cur.get(0))).contains("Subject: a")) {
                java.util.Collections.reverse(cur);
            }
            Files.delete(inbox().resolve("cur").resolve(cur.get(0)));
            Files.move(inbox().resolve("cur").resolve(cur.get(1)),
                    inbox().resolve("cur").resolve(cur.get(1).replace(":2,S", ":2,FS")));
            long modSeq = m.highestModSeq();
            m.refresh();
            List<MailboxEvent> list = List.copyOf(events);
            assertEquals(2, list.size());
            assertEquals(a, ((MailboxEvent.MessageExpunged) list.get(0)).uid());
            MessageInfo changed = ((MailboxEvent.FlagsChanged) list.get(1)).message();
            assertEquals(b, changed.uid());
            assertEquals(Flags.of(SystemFlag.SEEN, SystemFlag.FLAGGED), changed.flags());
            assertTrue(changed.modSeq() > modSeq);
        }
    }

    @Test
    void aCopyThatFailsPartWayLeavesTheTargetAsItWas_rfc9051Section6_4_7() throws IOException {
        alice.create("Archive");
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.of(SystemFlag.SEEN));
        long b = append("INBOX", "Subject: b\r\n\r\n", Flags.of(SystemFlag.SEEN));
        long c = append("INBOX", "Subject: c\r\n\r\n", Flags.of(SystemFlag.SEEN));
        try (Mailbox m = alice.open("INBOX", false)) {
            // Another program removes message b's file; the store has not looked yet.
            Files.delete(inbox().resolve("cur").resolve(files(inbox().resolve("cur")).get(1)));
            MailStoreException e = assertThrows(MailStoreException.class, () -> m.copyTo(List.of(a, b, c), "Archive"));
            assertEquals(Reason.NONEXISTENT, e.reason());
        }
        assertEquals(List.of(), files(inbox().resolve(".Archive").resolve("cur")), "a's copy is removed again");
        assertEquals(0, alice.status("Archive").messages());
        reopen();
        assertEquals(0, alice.status("Archive").messages());
        assertEquals(2, alice.status("INBOX").messages());
    }

    @Test
    void aMoveThatFailsPartWayTellsTheMovingViewWhatLeft_rfc6851Section3_3() throws IOException {
        alice.create("Archive");
        long a = append("INBOX", "Subject: a\r\n\r\n", Flags.of(SystemFlag.SEEN));
        long b = append("INBOX", "Subject: b\r\n\r\n", Flags.of(SystemFlag.SEEN));
        try (Mailbox m = alice.open("INBOX", false)) {
            ConcurrentLinkedQueue<MailboxEvent> events = new ConcurrentLinkedQueue<>();
            m.setListener(events::add);
            Files.delete(inbox().resolve("cur").resolve(files(inbox().resolve("cur")).get(1)));
            assertEquals(Reason.NONEXISTENT, assertThrows(MailStoreException.class,
                    () -> m.moveTo(List.of(a, b), "Archive")).reason());
            // Each message is moved or not, never lost (a is in Archive) and the view hears of a's move.
            assertEquals(List.of(a), events.stream().map(e -> ((MailboxEvent.MessageExpunged) e).uid()).toList());
        }
        assertEquals(1, alice.status("Archive").messages());
    }

    @Test
    void contentStaysReadableWhileAnotherSessionRenamesTheFileByChangingFlags() throws Exception {
        String text = "Subject: busy\r\n\r\n" + "x".repeat(5000) + "\r\n";
        long uid = append("INBOX", text, Flags.NONE);
        try (Mailbox writer = alice.open("INBOX", false); Mailbox reader = alice.open("INBOX", true)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            java.util.concurrent.Future<?> flips = pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    writer.store(List.of(uid), i % 2 == 0 ? FlagOp.ADD : FlagOp.REMOVE, Flags.of(SystemFlag.SEEN));
                }
            });
            MessageContent content = reader.content(uid);
            int reads = 0;
            while (!flips.isDone() || reads < 50) {
                assertEquals(text, read(content));
                assertEquals(text.substring(100, 200), read(content.open(100, 100)));
                reads++;
            }
            flips.get();
            pool.shutdown();
        }
    }

    @Test
    void unknownFlagLettersOfOtherProgramsAreKept() throws IOException {
        deliverExternally("", "1700000000.M1P1.host:2,PS", "Subject: x\n\n", DATE);
        try (Mailbox m = alice.open("INBOX", false)) {
            long uid = m.messages().get(0).uid();
            m.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.FLAGGED));
        }
        assertEquals(List.of("1700000000.M1P1.host:2,FPS"), files(inbox().resolve("cur")));
    }

    @Test
    void aMaildirWrittenByAnotherProgramIsAdoptedAsAnAccount() throws IOException {
        Path foreign = root.resolve("bob");
        for (String d : List.of("cur", "new", "tmp", ".Lists/cur", ".Lists/new", ".Lists/tmp")) {
            Files.createDirectories(foreign.resolve(d));
        }
        Files.writeString(foreign.resolve("cur").resolve("1600000000.A.host:2,RS"), "Subject: old\n\n");
        Files.writeString(foreign.resolve(".Lists/new").resolve("1600000001.B.host"), "Subject: list\n\n");
        Account bob = store.createAccount("bob", "pw", false);
        assertEquals(List.of("INBOX", "Lists"), bob.list("*").stream().map(i -> i.name()).toList());
        try (Mailbox m = bob.open("INBOX", true)) {
            assertEquals(Flags.of(SystemFlag.ANSWERED, SystemFlag.SEEN), m.messages().get(0).flags());
            assertEquals("Subject: old\r\n\r\n", read(m.content(m.messages().get(0).uid())));
        }
        assertEquals(1, bob.status("Lists").messages());
    }

    // ---- processes ----

    @Test
    void theMaildropLockHoldsAgainstASecondStoreOnTheSameTree_rfc1939Section8() {
        try (MaildirStore second = MaildirStore.open(root, OPTIONS);
             Maildrop drop = alice.openMaildrop()) {
            Account again = second.account("alice").orElseThrow();
            MailStoreException e = assertThrows(MailStoreException.class, again::openMaildrop);
            assertEquals(Reason.IN_USE, e.reason());
            assertEquals(0, drop.messages().size());
        }
        alice.openMaildrop().close();
    }

    @Test
    void aFailedAppendLeavesNothingInTmp() throws IOException {
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 100_000) {
                    throw new IOException("peer went away");
                }
                return 'a';
            }
        };
        assertThrows(RuntimeException.class, () -> alice.append("INBOX", failing, Flags.NONE, DATE));
        assertEquals(List.of(), files(inbox().resolve("tmp")));
        assertEquals(List.of(), files(inbox().resolve("new")));
    }

    @Test
    void theAccountRecordKeepsOnlyAHashOfThePassword() throws IOException {
        store.createAccount("carol", "very-secret-password", false);
        String record = Files.readString(root.resolve("carol").resolve(MaildirAccount.RECORD));
        assertFalse(record.contains("very-secret-password"));
        assertTrue(record.contains("pbkdf2-sha256$"));
    }

    private static String md5Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
