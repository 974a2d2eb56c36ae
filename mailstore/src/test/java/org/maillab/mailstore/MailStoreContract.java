package org.maillab.mailstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maillab.mailstore.MailStoreException.Reason;

/**
 * The contract every {@link MailStore} implementation passes: one suite, so the in-memory and the
 * Maildir store behave the same. A concrete test class says how to make a fresh store. Shipped in
 * the mailstore test-jar, so the protocol modules may run it against anything they build.
 *
 * <p>Generated-input properties (hostile names, a model-based run of random operations) are in
 * {@link MailStoreProperties}, which uses the same factory.
 */
public abstract class MailStoreContract {

    protected static final Instant DATE = Instant.parse("2026-03-01T10:15:30Z");

    protected MailStore store;
    protected Account alice;

    /** A new, empty store. */
    protected abstract MailStore newStore();

    /** Closes a store made by {@link #newStore()} and removes what it left behind. */
    protected void dispose(MailStore store) {
        store.close();
    }

    @BeforeEach
    void createStore() {
        store = newStore();
        alice = store.createAccount("alice", "alice-secret", true);
    }

    @AfterEach
    void disposeStore() {
        dispose(store);
    }

    // ---- helpers ----

    protected static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    protected static String message(int n) {
        return "Subject: message " + n + "\r\nMessage-ID: <" + n + "@maillab.test>\r\n\r\nBody " + n + "\r\n";
    }

    protected static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String text(MessageContent content) {
        return new String(read(content.open()), StandardCharsets.ISO_8859_1);
    }

    protected long append(Account account, String mailbox, String text, Flags flags) {
        return account.append(mailbox, bytes(text), flags, DATE).uid();
    }

    protected static Reason reasonOf(Runnable action) {
        MailStoreException e = assertThrows(MailStoreException.class, action::run);
        return e.reason();
    }

    protected static List<String> names(List<MailboxInfo> infos) {
        return infos.stream().map(MailboxInfo::name).toList();
    }

    protected static Flags flags(String... keywordsAndSystem) {
        Set<SystemFlag> system = new java.util.HashSet<>();
        Set<String> keywords = new java.util.HashSet<>();
        for (String f : keywordsAndSystem) {
            Optional<SystemFlag> sf = SystemFlag.fromImapName(f);
            if (sf.isPresent()) {
                system.add(sf.get());
            } else {
                keywords.add(f);
            }
        }
        return new Flags(system, keywords);
    }

    /** Records events a view receives. */
    protected static final class Recorder implements MailboxListener {
        final ConcurrentLinkedQueue<MailboxEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        public void onEvent(MailboxEvent event) {
            events.add(event);
        }

        List<MailboxEvent> drain() {
            List<MailboxEvent> list = new ArrayList<>();
            MailboxEvent e;
            while ((e = events.poll()) != null) {
                list.add(e);
            }
            return list;
        }
    }

    // ==== accounts and passwords ====

    @Test
    void authenticateAcceptsOnlyTheRightPassword() {
        assertEquals("alice", store.authenticate("alice", "alice-secret").orElseThrow().name());
        assertTrue(store.authenticate("alice", "wrong").isEmpty());
        assertTrue(store.authenticate("alice", "").isEmpty());
        assertTrue(store.authenticate("nobody", "alice-secret").isEmpty());
        assertTrue(store.authenticate("../alice", "alice-secret").isEmpty());
    }

    @Test
    void createAccountTwiceIsAlreadyExists() {
        assertEquals(Reason.ALREADY_EXISTS, reasonOf(() -> store.createAccount("alice", "x", false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".hidden", "a/b", "/etc", "a\u0000b", "a b", "-rf", "\u00e9t\u00e9"})
    void unfitAccountNamesAreInvalid(String name) {
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> store.createAccount(name, "x", false)));
    }

    @Test
    void accountNamesAreSortedAndAccountLooksUpWithoutPassword() {
        store.createAccount("carol", "c", false);
        store.createAccount("bob", "b", false);
        assertEquals(List.of("alice", "bob", "carol"), store.accountNames());
        assertEquals("bob", store.account("bob").orElseThrow().name());
        assertTrue(store.account("dave").isEmpty());
    }

    @Test
    void setPasswordReplacesTheOldOne() {
        store.setPassword("alice", "new-secret");
        assertTrue(store.authenticate("alice", "alice-secret").isEmpty());
        assertTrue(store.authenticate("alice", "new-secret").isPresent());
    }

    @Test
    void apopDigestOfRfc1939Section7Example() {
        store.createAccount("mrose", "tanstaaf", true);
        String timestamp = "<1896.697170952@dbc.mtview.ca.us>";
        assertTrue(store.authenticateApop("mrose", timestamp, "c4c9334bac560ecc979e58001b3e22fb").isPresent());
        assertTrue(store.authenticateApop("mrose", timestamp, "C4C9334BAC560ECC979E58001B3E22FB").isPresent());
        assertTrue(store.authenticateApop("mrose", timestamp, "c4c9334bac560ecc979e58001b3e22fc").isEmpty());
        assertTrue(store.authenticateApop("mrose", "<other@host>", "c4c9334bac560ecc979e58001b3e22fb").isEmpty());
    }

    @Test
    void apopIsRefusedForAnAccountCreatedWithoutIt_rfc1939Section7() {
        store.createAccount("bob", "tanstaaf", false);
        String timestamp = "<1896.697170952@dbc.mtview.ca.us>";
        assertTrue(store.authenticateApop("bob", timestamp, "c4c9334bac560ecc979e58001b3e22fb").isEmpty());
    }

    // ==== mailboxes: names, create, delete, rename, list, subscribe ====

    @Test
    void inboxAlwaysExistsAndIsCaseInsensitive_rfc9051Section5_1() {
        assertEquals(List.of("INBOX"), names(alice.list("*")));
        assertTrue(alice.mailbox("inbox").isPresent());
        assertEquals("INBOX", alice.mailbox("InBoX").orElseThrow().name());
        long uid = append(alice, "inbox", message(1), Flags.NONE);
        try (Mailbox m = alice.open("iNbOx", false)) {
            assertEquals("INBOX", m.name());
            assertEquals(List.of(uid), m.messages().stream().map(MessageInfo::uid).toList());
        }
        assertEquals(Reason.ALREADY_EXISTS, reasonOf(() -> alice.create("Inbox")));
    }

    @Test
    void createMakesMissingParents_rfc9051Section6_3_4() {
        alice.create("Work/2026/Q1");
        assertEquals(List.of("INBOX", "Work", "Work/2026", "Work/2026/Q1"), names(alice.list("*")));
        MailboxInfo work = alice.mailbox("Work").orElseThrow();
        assertTrue(work.selectable());
        assertTrue(work.hasChildren());
        assertFalse(alice.mailbox("Work/2026/Q1").orElseThrow().hasChildren());
    }

    @Test
    void createWithTrailingDelimiterCreatesTheName_rfc9051Section6_3_4() {
        alice.create("Projects/");
        assertEquals(List.of("INBOX", "Projects"), names(alice.list("*")));
    }

    @Test
    void createExistingIsAlreadyExists_rfc9051Section6_3_4() {
        alice.create("Work");
        assertEquals(Reason.ALREADY_EXISTS, reasonOf(() -> alice.create("Work")));
    }

    @Test
    void deleteRemovesTheMailboxAndItsMessages_rfc9051Section6_3_5() {
        alice.create("Old");
        append(alice, "Old", message(1), Flags.NONE);
        alice.delete("Old");
        assertTrue(alice.mailbox("Old").isEmpty());
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.open("Old", false)));
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.delete("Old")));
        assertEquals(0, alice.quota().messagesUsed());
    }

    @Test
    void inboxCannotBeDeleted_rfc9051Section6_3_5() {
        assertEquals(Reason.CANNOT, reasonOf(() -> alice.delete("inbox")));
    }

    @Test
    void deletingAMailboxWithChildrenMakesItNoselect_rfc9051Section6_3_5() {
        alice.create("A/B");
        append(alice, "A", message(1), Flags.NONE);
        alice.delete("A");
        MailboxInfo a = alice.mailbox("A").orElseThrow();
        assertFalse(a.selectable());
        assertTrue(a.hasChildren());
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.open("A", true)));
        // a \Noselect name with children cannot be deleted
        assertEquals(Reason.CANNOT, reasonOf(() -> alice.delete("A")));
        alice.delete("A/B");
        assertTrue(alice.mailbox("A").isEmpty());
    }

    @Test
    void recreatedMailboxHasANewUidValidity_rfc9051Section2_3_1_1() {
        alice.create("Box");
        long first = alice.status("Box").uidValidity();
        append(alice, "Box", message(1), Flags.NONE);
        alice.delete("Box");
        alice.create("Box");
        MailboxStatus again = alice.status("Box");
        assertNotEquals(first, again.uidValidity());
        assertTrue(again.uidValidity() > first);
    }

    @Test
    void renameMovesChildrenAndKeepsMessages_rfc9051Section6_3_6() {
        alice.create("A/B/C");
        long uid = append(alice, "A/B", message(1), Flags.of(SystemFlag.SEEN));
        long validity = alice.status("A/B").uidValidity();
        alice.subscribe("A/B");
        alice.rename("A", "Z/Y");
        assertEquals(List.of("INBOX", "Z", "Z/Y", "Z/Y/B", "Z/Y/B/C"), names(alice.list("*")));
        try (Mailbox m = alice.open("Z/Y/B", false)) {
            assertEquals(validity, m.uidValidity());
            assertEquals(uid, m.messages().get(0).uid());
            assertEquals(message(1), text(m.content(uid)));
        }
        assertTrue(alice.mailbox("Z/Y/B").orElseThrow().subscribed());
    }

    @Test
    void renameToAnExistingNameIsRefused_rfc9051Section6_3_6() {
        alice.create("A");
        alice.create("B/C");
        assertEquals(Reason.ALREADY_EXISTS, reasonOf(() -> alice.rename("A", "B/C")));
        assertEquals(Reason.ALREADY_EXISTS, reasonOf(() -> alice.rename("A", "B")));
        assertEquals(Reason.ALREADY_EXISTS, reasonOf(() -> alice.rename("A", "inbox")));
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.rename("Nope", "Q")));
    }

    @Test
    void renameBelowItselfIsRefused() {
        alice.create("A");
        assertEquals(Reason.CANNOT, reasonOf(() -> alice.rename("A", "A/B")));
    }

    @Test
    void renameInboxMovesItsMessagesAndLeavesItEmpty_rfc9051Section6_3_6() {
        alice.create("INBOX/Child");
        long first = append(alice, "INBOX", message(1), Flags.of(SystemFlag.SEEN));
        append(alice, "INBOX", message(2), flags("Work"));
        long inboxUidNext = alice.status("INBOX").uidNext();
        alice.rename("INBOX", "Archive/2025");

        MailboxStatus inbox = alice.status("INBOX");
        assertEquals(0, inbox.messages());
        assertEquals(inboxUidNext, inbox.uidNext(), "INBOX keeps counting: its UIDs are never reused");
        // inferior names of INBOX are not renamed
        assertTrue(alice.mailbox("INBOX/Child").isPresent());
        try (Mailbox archive = alice.open("Archive/2025", true)) {
            List<MessageInfo> moved = archive.messages();
            assertEquals(2, moved.size());
            assertEquals(Set.of(SystemFlag.SEEN), moved.get(0).flags().system());
            assertEquals(Set.of("Work"), moved.get(1).flags().keywords());
            assertEquals(message(1), text(archive.content(moved.get(0).uid())));
            assertEquals(DATE, moved.get(0).internalDate());
        }
        assertTrue(first > 0);
        long next = append(alice, "INBOX", message(3), Flags.NONE);
        assertEquals(inboxUidNext, next);
    }

    @Test
    void listPatternsStarAndPercent_rfc9051Section6_3_9() {
        alice.create("Work/2026/Q1");
        alice.create("Work/Old");
        alice.create("Private");
        assertEquals(List.of("INBOX", "Private", "Work"), names(alice.list("%")));
        assertEquals(List.of("Work/2026", "Work/2026/Q1", "Work/Old"), names(alice.list("Work/*")));
        assertEquals(List.of("Work/2026", "Work/Old"), names(alice.list("Work/%")));
        assertEquals(List.of("Work/2026/Q1"), names(alice.list("W*Q%")));
        assertEquals(List.of("INBOX"), names(alice.list("inbox")));
        assertEquals(List.of(), names(alice.list("Nothing*")));
        assertEquals(List.of("Private"), names(alice.list("P%e")));
    }

    @Test
    void listShowsNoselectParentsWithChildren_rfc3348() {
        alice.create("A/B");
        alice.delete("A");
        List<MailboxInfo> all = alice.list("*");
        assertEquals(List.of("INBOX", "A", "A/B"), names(all));
        assertFalse(all.get(1).selectable());
        assertTrue(all.get(1).hasChildren());
    }

    @Test
    void subscribeAndUnsubscribe_rfc9051Section6_3_7() {
        alice.create("News");
        alice.subscribe("News");
        assertTrue(alice.mailbox("News").orElseThrow().subscribed());
        alice.unsubscribe("News");
        assertFalse(alice.mailbox("News").orElseThrow().subscribed());
        alice.unsubscribe("News");
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.subscribe("Missing")));
    }

    @Test
    void subscriptionsOutliveTheirMailbox_rfc9051Section6_3_5() {
        alice.create("Lists/Java");
        alice.create("News");
        alice.subscribe("News");
        alice.subscribe("Lists/Java");
        alice.delete("News");
        assertEquals(List.of("Lists/Java", "News"), alice.subscriptions());
        alice.rename("Lists", "Groups");
        assertEquals(List.of("Groups/Java", "News"), alice.subscriptions());
        alice.unsubscribe("News");
        assertEquals(List.of("Groups/Java"), alice.subscriptions());
    }

    @Test
    void specialUseIsKeptAndListed_rfc6154() {
        alice.create("Sent Items", SpecialUse.SENT);
        alice.create("Bin", SpecialUse.TRASH);
        assertEquals(Optional.of(SpecialUse.SENT), alice.mailbox("Sent Items").orElseThrow().specialUse());
        alice.rename("Bin", "Trash");
        assertEquals(Optional.of(SpecialUse.TRASH), alice.mailbox("Trash").orElseThrow().specialUse());
        assertEquals(Optional.empty(), alice.mailbox("INBOX").orElseThrow().specialUse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../bob", "a/../../bob", "/etc/passwd", "a//b", "a//", "./a", "a/.",
        "a\u0000b", "a\nb", "a\rb", "tab\there", "del\u007f", "c1\u0085", "star*", "per%cent", "\ud800x"})
    void hostileMailboxNamesAreInvalid(String name) {
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.create(name)));
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.open(name, true)));
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.rename("INBOX", name)));
        assertEquals(List.of("INBOX"), names(alice.list("*")));
    }

    @Test
    void overLongAndOverDeepNamesAreInvalid() {
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.create("x".repeat(201))));
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.create("\u00e9".repeat(101))));
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.create("a/".repeat(16) + "a")));
        alice.create("a/".repeat(15) + "a");
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.rename("a", "b/".repeat(15) + "b")));
        assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.create(null)));
    }

    @Test
    void dotsBackslashesAndUnicodeAreOrdinaryCharacters() {
        for (String name : List.of("v1.2", "a.b/c.d", ".dotfile", "back\\slash", "\u00c9t\u00e9", "x~y", "..a")) {
            alice.create(name);
            append(alice, name, message(1), Flags.NONE);
            assertEquals(1, alice.status(name).messages(), name);
        }
        assertTrue(names(alice.list("*")).contains("a.b/c.d"));
    }

    @Test
    void openingAMissingMailboxIsNonexistent() {
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.open("Missing", false)));
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.status("Missing")));
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.append("Missing", bytes(message(1)), Flags.NONE, DATE)));
    }

    // ==== accounts are isolated ====

    @Test
    void anAccountReachesOnlyItsOwnMail() {
        Account bob = store.createAccount("bob", "bob-secret", false);
        bob.create("Secret");
        append(bob, "INBOX", message(1), Flags.NONE);
        assertEquals(List.of("INBOX"), names(alice.list("*")));
        assertEquals(0, alice.status("INBOX").messages());
        assertEquals(Reason.NONEXISTENT, reasonOf(() -> alice.open("Secret", true)));
        for (String trick : List.of("../bob/INBOX", "../bob", "/bob", "..")) {
            assertEquals(Reason.INVALID_NAME, reasonOf(() -> alice.open(trick, true)), trick);
        }
        assertEquals(1, bob.status("INBOX").messages());
    }

    // ==== messages ====

    @Test
    void appendReturnsAppendUid_rfc4315Section3() {
        AppendResult first = alice.append("INBOX", bytes(message(1)), Flags.NONE, DATE);
        AppendResult second = alice.append("INBOX", bytes(message(2)), Flags.NONE, DATE);
        MailboxStatus status = alice.status("INBOX");
        assertEquals(status.uidValidity(), first.uidValidity());
        assertTrue(second.uid() > first.uid());
        assertEquals(second.uid() + 1, status.uidNext());
    }

    @Test
    void appendKeepsFlagsKeywordsDateAndSize() {
        Flags f = flags("\\Seen", "\\Flagged", "$Forwarded", "Work");
        long uid = append(alice, "INBOX", message(1), f);
        try (Mailbox m = alice.open("INBOX", true)) {
            MessageInfo info = m.message(uid).orElseThrow();
            assertEquals(f, info.flags());
            assertEquals(DATE, info.internalDate());
            assertEquals(message(1).length(), info.size());
            assertEquals(info.size(), m.content(uid).size());
        }
    }

    @Test
    void appendNormalizesLineEndsToCrlf() {
        String raw = "Subject: mixed\nA: b\r\n\nline one\rline two\r\nline three\n\rend";
        String canonical = "Subject: mixed\r\nA: b\r\n\r\nline one\r\nline two\r\nline three\r\n\r\nend";
        long uid = append(alice, "INBOX", raw, Flags.NONE);
        try (Mailbox m = alice.open("INBOX", true)) {
            assertEquals(canonical, text(m.content(uid)));
            assertEquals(canonical.length(), m.message(uid).orElseThrow().size());
        }
    }

    @Test
    void appendThatFailsWhileReadingLeavesNothing() {
        InputStream failing = new InputStream() {
            int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection dropped");
                }
                return 'x';
            }
        };
        assertThrows(RuntimeException.class, () -> alice.append("INBOX", failing, Flags.NONE, DATE));
        MailboxStatus status = alice.status("INBOX");
        assertEquals(0, status.messages());
        assertEquals(0, alice.quota().storageUsed());
    }

    @Test
    void contentIsReadableAsByteRanges_rfc9051Section6_4_5() {
        String m = message(7);
        long uid = append(alice, "INBOX", m, Flags.NONE);
        try (Mailbox box = alice.open("INBOX", true)) {
            MessageContent c = box.content(uid);
            assertEquals(m.substring(3, 13), new String(read(c.open(3, 10)), StandardCharsets.ISO_8859_1));
            assertEquals(m.substring(m.length() - 4), new String(read(c.open(m.length() - 4, 100)),
                    StandardCharsets.ISO_8859_1));
            assertEquals(0, read(c.open(m.length(), 5)).length);
            assertEquals(0, read(c.open(m.length() + 100, 5)).length);
            assertEquals(0, read(c.open(0, 0)).length);
            assertEquals(m, new String(read(c.open(0, Long.MAX_VALUE)), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void uidsAscendAndAreNeverReused_rfc9051Section2_3_1_1() {
        long a = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DELETED));
        long b = append(alice, "INBOX", message(2), Flags.of(SystemFlag.DELETED));
        try (Mailbox m = alice.open("INBOX", false)) {
            assertEquals(List.of(a, b), m.expunge());
        }
        long c = append(alice, "INBOX", message(3), Flags.NONE);
        assertTrue(a < b && b < c);
    }

    @Test
    void storeReplacesAddsAndRemovesFlags_rfc9051Section6_4_6() {
        long uid = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DRAFT));
        try (Mailbox m = alice.open("INBOX", false)) {
            assertEquals(flags("\\Seen", "\\Draft"),
                    m.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.SEEN)).get(0).flags());
            assertEquals(flags("\\Seen"),
                    m.store(List.of(uid), FlagOp.REMOVE, Flags.of(SystemFlag.DRAFT)).get(0).flags());
            assertEquals(flags("Todo", "\\Answered"),
                    m.store(List.of(uid), FlagOp.REPLACE, flags("Todo", "\\Answered")).get(0).flags());
            assertEquals(flags("Todo", "\\Answered"), m.message(uid).orElseThrow().flags());
        }
    }

    @Test
    void everyChangeRaisesTheModSeqButANoOpStoreDoesNot_rfc7162Section3() {
        long uid = append(alice, "INBOX", message(1), Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            long before = m.highestModSeq();
            MessageInfo changed = m.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.SEEN)).get(0);
            assertTrue(changed.modSeq() > before);
            assertEquals(changed.modSeq(), m.highestModSeq());
            MessageInfo same = m.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.SEEN)).get(0);
            assertEquals(changed.modSeq(), same.modSeq());
            assertEquals(changed.modSeq(), m.highestModSeq());
            m.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            long beforeExpunge = m.highestModSeq();
            m.expunge();
            assertTrue(m.highestModSeq() > beforeExpunge);
            assertEquals(m.highestModSeq(), alice.status("INBOX").highestModSeq());
        }
    }

    @Test
    void expungedSinceNamesUidsExpungedAfterTheModSeqOnly_rfc7162Section3_2_5_1() {
        long a = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DELETED));
        long b = append(alice, "INBOX", message(2), Flags.NONE);
        long c = append(alice, "INBOX", message(3), Flags.NONE);
        long d = append(alice, "INBOX", message(4), Flags.NONE);
        alice.create("Moved");
        try (Mailbox m = alice.open("INBOX", false); Mailbox other = alice.open("INBOX", false)) {
            m.expunge();
            long clientSynced = m.highestModSeq();
            m.store(List.of(c), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            m.expunge(List.of(c));
            other.moveTo(List.of(d), "Moved"); // a MOVE expunges here too (RFC 6851 §3.3)
            assertFalse(m.expungedSince(a, clientSynced), "expunged before the client's mod-sequence");
            assertTrue(m.expungedSince(c, clientSynced));
            assertTrue(m.expungedSince(d, clientSynced));
            assertTrue(m.expungedSince(a, clientSynced - 1), "expunged at the mod-sequence after it");
            assertFalse(m.expungedSince(c, m.highestModSeq()), "nothing left after the newest mod-sequence");
            assertFalse(m.expungedSince(b, 0), "a UID still present was never expunged");
            assertFalse(m.expungedSince(d + 1, 0), "a UID never used was never expunged");
        }
    }

    @Test
    void aConditionalStoreLeavesMessagesChangedSinceAlone_rfc7162Section3_2() {
        long a = append(alice, "INBOX", message(1), Flags.NONE);
        long b = append(alice, "INBOX", message(2), Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false); Mailbox other = alice.open("INBOX", false)) {
            long seen = m.highestModSeq();
            other.store(List.of(b), FlagOp.ADD, Flags.of(SystemFlag.FLAGGED)); // b changes after "seen"
            ConditionalStoreResult r = m.store(List.of(a, b, 999L), FlagOp.ADD, Flags.of(SystemFlag.SEEN), seen);
            assertEquals(List.of(b), r.modified());
            assertEquals(1, r.stored().size());
            assertEquals(a, r.stored().get(0).uid());
            assertTrue(r.stored().get(0).flags().contains(SystemFlag.SEEN));
            assertFalse(m.message(b).orElseThrow().flags().contains(SystemFlag.SEEN));
            // UNCHANGEDSINCE 0 fails for every message: each has a mod-sequence of at least 1
            ConditionalStoreResult zero = m.store(List.of(a, b), FlagOp.ADD, Flags.of(SystemFlag.DRAFT), 0);
            assertEquals(List.of(a, b), zero.modified());
            assertEquals(List.of(), zero.stored());
        }
    }

    @Test
    void expungeRemovesOnlyDeletedMessages_rfc9051Section6_4_3() {
        long keep = append(alice, "INBOX", message(1), Flags.of(SystemFlag.SEEN));
        long gone = append(alice, "INBOX", message(2), Flags.of(SystemFlag.DELETED));
        try (Mailbox m = alice.open("INBOX", false)) {
            assertEquals(List.of(gone), m.expunge());
            assertEquals(List.of(keep), m.messages().stream().map(MessageInfo::uid).toList());
            assertEquals(Reason.NONEXISTENT, reasonOf(() -> m.content(gone)));
        }
    }

    @Test
    void uidExpungeRemovesOnlyTheGivenDeletedMessages_rfc4315Section2_1() {
        long a = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DELETED));
        long b = append(alice, "INBOX", message(2), Flags.of(SystemFlag.DELETED));
        long c = append(alice, "INBOX", message(3), Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            assertEquals(List.of(b), m.expunge(List.of(b, c, 999L)));
            assertEquals(List.of(a, c), m.messages().stream().map(MessageInfo::uid).toList());
        }
    }

    @Test
    void uidsThatDoNotExistAreIgnored_rfc9051Section6_4_9() {
        long uid = append(alice, "INBOX", message(1), Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            List<MessageInfo> result = m.store(List.of(uid, 77L, 0L, -1L), FlagOp.ADD, Flags.of(SystemFlag.SEEN));
            assertEquals(List.of(uid), result.stream().map(MessageInfo::uid).toList());
            CopyResult copy = m.copyTo(List.of(55L), "INBOX");
            assertEquals(List.of(), copy.sourceUids());
            assertTrue(m.message(99).isEmpty());
        }
    }

    @Test
    void copyKeepsFlagsAndDatesAndReportsCopyUid_rfc4315Section3() {
        alice.create("Archive");
        long a = append(alice, "INBOX", message(1), flags("\\Seen", "Work"));
        long b = append(alice, "INBOX", message(2), Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            CopyResult result = m.copyTo(List.of(b, a), "Archive");
            assertEquals(alice.status("Archive").uidValidity(), result.targetUidValidity());
            assertEquals(List.of(a, b), result.sourceUids());
            assertEquals(2, m.messages().size(), "copy leaves the source alone");
            try (Mailbox archive = alice.open("Archive", true)) {
                MessageInfo copied = archive.message(result.targetUids().get(0)).orElseThrow();
                assertEquals(flags("\\Seen", "Work"), copied.flags());
                assertEquals(DATE, copied.internalDate());
                assertEquals(message(1), text(archive.content(copied.uid())));
                assertTrue(result.targetUids().get(0) < result.targetUids().get(1));
            }
        }
        assertEquals(4, alice.quota().messagesUsed());
    }

    @Test
    void copyAllAndMoveAllTransferNothingWhenOneMessageIsGone_rfc9051Section6_4_7() {
        alice.create("Archive");
        long a = append(alice, "INBOX", message(1), Flags.NONE);
        long b = append(alice, "INBOX", message(2), Flags.NONE);
        long c = append(alice, "INBOX", message(3), Flags.NONE);
        try (Mailbox mine = alice.open("INBOX", false); Mailbox other = alice.open("INBOX", false)) {
            other.store(List.of(b), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            other.expunge();
            assertEquals(Reason.NONEXISTENT, reasonOf(() -> mine.copyAllTo(List.of(a, b, c), "Archive")));
            assertEquals(Reason.NONEXISTENT, reasonOf(() -> mine.moveAllTo(List.of(a, b, c), "Archive")));
            assertEquals(0, alice.status("Archive").messages(), "the target is as it was");
            assertEquals(List.of(a, c), mine.messages().stream().map(MessageInfo::uid).toList());
            assertEquals(2, alice.quota().messagesUsed());
            // Those that exist are copied when all of them are asked for, and by the lenient form.
            assertEquals(List.of(a, c), mine.copyAllTo(List.of(a, c), "Archive").sourceUids());
            assertEquals(List.of(a, c), mine.copyTo(List.of(a, b, c), "Archive").sourceUids());
        }
        assertEquals(4, alice.status("Archive").messages());
    }

    @Test
    void copyToTheSameMailboxDuplicates() {
        long a = append(alice, "INBOX", message(1), Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            CopyResult r = m.copyTo(List.of(a), "INBOX");
            assertEquals(2, m.messages().size());
            assertEquals(message(1), text(m.content(r.targetUids().get(0))));
        }
    }

    @Test
    void moveExpungesFromTheSource_rfc6851Section3() {
        alice.create("Done");
        long a = append(alice, "INBOX", message(1), Flags.of(SystemFlag.FLAGGED));
        long b = append(alice, "INBOX", message(2), Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            CopyResult r = m.moveTo(List.of(a), "Done");
            assertEquals(List.of(a), r.sourceUids());
            assertEquals(List.of(b), m.messages().stream().map(MessageInfo::uid).toList());
            assertEquals(Reason.CANNOT, reasonOf(() -> m.moveTo(List.of(b), "INBOX")));
            assertEquals(Reason.NONEXISTENT, reasonOf(() -> m.moveTo(List.of(b), "Missing")));
        }
        try (Mailbox done = alice.open("Done", true)) {
            MessageInfo moved = done.messages().get(0);
            assertEquals(Flags.of(SystemFlag.FLAGGED), moved.flags());
            assertEquals(message(1), text(done.content(moved.uid())));
        }
        assertEquals(2, alice.quota().messagesUsed());
    }

    @Test
    void aReadOnlyViewRefusesChanges_rfc9051Section6_3_3() {
        long uid = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DELETED));
        alice.create("Other");
        try (Mailbox m = alice.open("INBOX", true)) {
            assertTrue(m.readOnly());
            assertEquals(Reason.CANNOT, reasonOf(() -> m.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.SEEN))));
            assertEquals(Reason.CANNOT, reasonOf(m::expunge));
            assertEquals(Reason.CANNOT, reasonOf(() -> m.moveTo(List.of(uid), "Other")));
            assertEquals(Reason.CANNOT, reasonOf(() -> m.append(bytes(message(2)), Flags.NONE, DATE)));
            assertEquals(1, m.copyTo(List.of(uid), "Other").targetUids().size());
        }
    }

    @Test
    void statusCountsMessagesUnseenDeletedAndSize_rfc9051Section6_3_11() {
        append(alice, "INBOX", message(1), Flags.of(SystemFlag.SEEN));
        append(alice, "INBOX", message(2), Flags.of(SystemFlag.DELETED));
        append(alice, "INBOX", message(3), Flags.NONE);
        MailboxStatus s = alice.status("INBOX");
        assertEquals(3, s.messages());
        assertEquals(2, s.unseen());
        assertEquals(1, s.deleted());
        assertEquals(3, s.recent());
        assertEquals(message(1).length() + message(2).length() + message(3).length(), s.size());
        assertEquals(4, s.uidNext());
    }

    @Test
    void aStreamOpenedBeforeExpungeStaysReadable() throws IOException {
        String big = "Subject: big\r\n\r\n" + "0123456789abcdef\r\n".repeat(2000);
        long uid = append(alice, "INBOX", big, Flags.of(SystemFlag.DELETED));
        try (Mailbox m = alice.open("INBOX", false)) {
            try (InputStream in = m.content(uid).open()) {
                byte[] head = in.readNBytes(10);
                m.expunge();
                byte[] rest = in.readAllBytes();
                assertEquals(big.length(), head.length + rest.length);
            }
        }
    }

    // ==== expunged but not yet told (RFC 2180 §4.1.1, §4.2.1) ====

    @Test
    void aMessageExpungedByAnotherViewStaysReadableUntilReleased_rfc2180Section4_1_1() {
        long uid = append(alice, "INBOX", message(1), flags("\\Seen", "$Work"));
        try (Mailbox expunger = alice.open("INBOX", false); Mailbox lagging = alice.open("INBOX", false)) {
            lagging.setListener(new Recorder());
            expunger.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            expunger.expunge();
            assertEquals(Optional.empty(), lagging.message(uid));
            assertEquals(List.of(), lagging.messages());
            MessageInfo info = lagging.visible(uid).orElseThrow();
            assertEquals(flags("\\Seen", "$Work", "\\Deleted"), info.flags());
            assertEquals(message(1), text(lagging.content(uid)));
            assertEquals(message(1).substring(9, 16), new String(read(lagging.content(uid).open(9, 7)),
                    StandardCharsets.ISO_8859_1));
            // the view that expunged it sees it gone at once
            assertEquals(Optional.empty(), expunger.visible(uid));
            assertEquals(Reason.NONEXISTENT, reasonOf(() -> expunger.content(uid)));
            lagging.releaseExpunged(List.of(uid));
            assertEquals(Optional.empty(), lagging.visible(uid));
            assertEquals(Reason.NONEXISTENT, reasonOf(() -> lagging.content(uid)));
        }
    }

    @Test
    void aStoreOnAMessageExpungedByAnotherViewIsQuietlyIgnored_rfc2180Section4_2_1() {
        long kept = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DELETED));
        long other = append(alice, "INBOX", message(2), Flags.NONE);
        try (Mailbox expunger = alice.open("INBOX", false); Mailbox lagging = alice.open("INBOX", false)) {
            lagging.setListener(new Recorder());
            expunger.expunge();
            List<MessageInfo> stored = lagging.store(List.of(kept, other), FlagOp.ADD, Flags.of(SystemFlag.SEEN));
            assertEquals(List.of(other), stored.stream().map(MessageInfo::uid).toList());
            assertEquals(Flags.of(SystemFlag.DELETED), lagging.visible(kept).orElseThrow().flags());
        }
    }

    @Test
    void aMessageStaysReadableUntilTheLastLaggingViewReleasesIt() {
        long uid = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DELETED));
        try (Mailbox expunger = alice.open("INBOX", false); Mailbox first = alice.open("INBOX", false);
                Mailbox second = alice.open("INBOX", true)) {
            first.setListener(new Recorder());
            second.setListener(new Recorder());
            expunger.expunge();
            first.releaseExpunged(List.of(uid));
            first.releaseExpunged(List.of(uid)); // twice: the second is ignored, not a second let-go
            assertEquals(Optional.empty(), first.visible(uid));
            assertEquals(message(1), text(second.content(uid)));
            second.close();
            try (Mailbox late = alice.open("INBOX", false)) {
                assertEquals(Optional.empty(), late.visible(uid));
            }
        }
    }

    @Test
    void aMessageMovedAwayStaysReadableInTheSourceForALaggingView_rfc2180Section4_1_1() {
        alice.create("Archive");
        long uid = append(alice, "INBOX", message(1), Flags.of(SystemFlag.SEEN));
        try (Mailbox mover = alice.open("INBOX", false); Mailbox lagging = alice.open("INBOX", false)) {
            lagging.setListener(new Recorder());
            CopyResult moved = mover.moveTo(List.of(uid), "Archive");
            assertEquals(message(1), text(lagging.content(uid)));
            lagging.releaseExpunged(List.of(uid));
            try (Mailbox archive = alice.open("Archive", true)) {
                assertEquals(message(1), text(archive.content(moved.targetUids().get(0))));
            }
        }
    }

    @Test
    void aViewWithoutListenerHoldsNothing() {
        long uid = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DELETED));
        try (Mailbox expunger = alice.open("INBOX", false); Mailbox silent = alice.open("INBOX", false)) {
            expunger.expunge();
            assertEquals(Optional.empty(), silent.visible(uid));
        }
    }

    // ==== views and events (RFC 9051 §5.5, §7) ====

    @Test
    void otherViewsGetEventsAndTheOwnViewDoesNot_rfc9051Section5_5() {
        try (Mailbox a = alice.open("INBOX", false); Mailbox b = alice.open("INBOX", false)) {
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            a.setListener(ra);
            b.setListener(rb);
            long uid = a.append(bytes(message(1)), Flags.NONE, DATE).uid();
            a.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            a.expunge();
            assertEquals(List.of(), ra.drain());
            List<MailboxEvent> seen = rb.drain();
            assertEquals(3, seen.size());
            MailboxEvent.MessageAdded added = (MailboxEvent.MessageAdded) seen.get(0);
            assertEquals(uid, added.message().uid());
            MailboxEvent.FlagsChanged changed = (MailboxEvent.FlagsChanged) seen.get(1);
            assertEquals(Flags.of(SystemFlag.DELETED), changed.message().flags());
            MailboxEvent.MessageExpunged gone = (MailboxEvent.MessageExpunged) seen.get(2);
            assertEquals(uid, gone.uid());
            assertTrue(seen.get(0).modSeq() < seen.get(1).modSeq() && seen.get(1).modSeq() < seen.get(2).modSeq());
        }
    }

    @Test
    void appendAndCopyFromOutsideNotifyEveryViewOfTheTarget() {
        alice.create("Target");
        long uid = append(alice, "INBOX", message(1), Flags.NONE);
        try (Mailbox target = alice.open("Target", false); Mailbox inbox = alice.open("INBOX", false)) {
            Recorder r = new Recorder();
            target.setListener(r);
            append(alice, "Target", message(2), Flags.NONE);
            inbox.copyTo(List.of(uid), "Target");
            List<MailboxEvent> events = r.drain();
            assertEquals(2, events.size());
            assertTrue(events.stream().allMatch(e -> e instanceof MailboxEvent.MessageAdded));
        }
    }

    @Test
    void deletingAnOpenMailboxExpungesItsMessagesInEveryView() {
        alice.create("Doomed");
        long uid = append(alice, "Doomed", message(1), Flags.NONE);
        try (Mailbox view = alice.open("Doomed", false)) {
            Recorder r = new Recorder();
            view.setListener(r);
            alice.delete("Doomed");
            List<MailboxEvent> events = r.drain();
            assertEquals(1, events.size());
            assertEquals(uid, ((MailboxEvent.MessageExpunged) events.get(0)).uid());
            assertEquals(Reason.NONEXISTENT, reasonOf(() -> view.store(List.of(uid), FlagOp.ADD, Flags.NONE)));
        }
    }

    @Test
    void aViewFollowsItsMailboxThroughARename() {
        alice.create("Before");
        long uid = append(alice, "Before", message(1), Flags.NONE);
        try (Mailbox view = alice.open("Before", false)) {
            alice.rename("Before", "After");
            assertEquals("After", view.name());
            view.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.SEEN));
        }
        try (Mailbox after = alice.open("After", true)) {
            assertEquals(Flags.of(SystemFlag.SEEN), after.message(uid).orElseThrow().flags());
        }
    }

    @Test
    void concurrentAppendsFromManyThreadsGetDistinctUidsAndEveryEvent() throws Exception {
        int threads = 4;
        int perThread = 25;
        try (Mailbox watcher = alice.open("INBOX", true)) {
            Recorder r = new Recorder();
            watcher.setListener(r);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Long> uids = new ArrayList<>();
                    try (Mailbox own = alice.open("INBOX", false)) {
                        for (int i = 0; i < perThread; i++) {
                            uids.add(own.append(bytes(message(id * 1000 + i)), Flags.NONE, DATE).uid());
                            own.store(List.of(uids.get(uids.size() - 1)), FlagOp.ADD, Flags.of(SystemFlag.SEEN));
                        }
                    }
                    return uids;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            pool.shutdown();
            assertEquals(threads * perThread, Set.copyOf(all).size());
            List<MailboxEvent> events = r.drain();
            assertEquals(2 * threads * perThread, events.size());
            for (int i = 1; i < events.size(); i++) {
                assertTrue(events.get(i - 1).modSeq() < events.get(i).modSeq(), "events arrive in order");
            }
            List<Long> sorted = new ArrayList<>(all);
            Collections.sort(sorted);
            assertEquals(sorted, watcher.messages().stream().map(MessageInfo::uid).toList());
        }
    }

    // ==== \Recent (RFC 3501 §2.3.2) ====

    @Test
    void recentBelongsToTheFirstSessionThatSeesTheMessage_rfc3501Section2_3_2() {
        long uid = append(alice, "INBOX", message(1), Flags.NONE);
        assertEquals(1, alice.status("INBOX").recent());
        try (Mailbox examine = alice.open("INBOX", true)) {
            assertEquals(Set.of(uid), examine.recent());
        }
        assertEquals(1, alice.status("INBOX").recent(), "EXAMINE does not take \\Recent");
        try (Mailbox first = alice.open("INBOX", false); Mailbox second = alice.open("INBOX", false)) {
            assertEquals(Set.of(uid), first.recent());
            assertEquals(Set.of(), second.recent());
            assertEquals(0, alice.status("INBOX").recent());
            long later = append(alice, "INBOX", message(2), Flags.NONE);
            assertEquals(Set.of(uid, later), first.recent());
            assertEquals(Set.of(), second.recent());
            long own = second.append(bytes(message(3)), Flags.NONE, DATE).uid();
            assertEquals(Set.of(own), second.recent());
        }
        try (Mailbox again = alice.open("INBOX", false)) {
            assertEquals(Set.of(), again.recent());
        }
    }

    // ==== quota (RFC 9208) ====

    @Test
    void quotaTracksUsageAndRefusesAppendsOverTheLimit_rfc9208Section5() {
        alice.create("Other");
        append(alice, "INBOX", message(1), Flags.NONE);
        append(alice, "Other", message(2), Flags.NONE);
        Quota q = alice.quota();
        assertEquals(2, q.messagesUsed());
        assertEquals(message(1).length() + message(2).length(), q.storageUsed());
        alice.setQuota(OptionalLong.of(q.storageUsed() + message(3).length()), OptionalLong.empty());
        append(alice, "INBOX", message(3), Flags.NONE);
        assertEquals(Reason.OVER_QUOTA, reasonOf(() -> append(alice, "Other", message(4), Flags.NONE)));
        assertEquals(3, alice.quota().messagesUsed());
        try (Mailbox m = alice.open("INBOX", false)) {
            assertEquals(Reason.OVER_QUOTA, reasonOf(() -> m.copyTo(List.of(1L), "Other")));
            m.store(List.of(1L), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            m.expunge();
        }
        append(alice, "Other", message(4), Flags.NONE);
        assertEquals(OptionalLong.of(q.storageUsed() + message(3).length()), alice.quota().storageLimit());
    }

    @Test
    void messageCountQuotaIsEnforced_rfc9208Section5_2() {
        alice.setQuota(OptionalLong.empty(), OptionalLong.of(2));
        append(alice, "INBOX", message(1), Flags.NONE);
        append(alice, "INBOX", message(2), Flags.NONE);
        assertEquals(Reason.OVER_QUOTA, reasonOf(() -> append(alice, "INBOX", message(3), Flags.NONE)));
        alice.setQuota(OptionalLong.empty(), OptionalLong.empty());
        append(alice, "INBOX", message(3), Flags.NONE);
    }

    @Test
    void usageFollowsCopyMoveExpungeAndDelete_rfc9208Section5() {
        alice.create("Other");
        long one = message(1).length();
        long two = message(2).length();
        append(alice, "INBOX", message(1), Flags.NONE);
        append(alice, "INBOX", message(2), Flags.NONE);
        try (Mailbox m = alice.open("INBOX", false)) {
            m.copyTo(List.of(1L), "Other");
            assertEquals(new Quota(OptionalLong.empty(), OptionalLong.empty(), 2 * one + two, 3), alice.quota());
            m.moveTo(List.of(2L), "Other"); // a move adds nothing (RFC 6851 §3.3: copy, then expunge)
            assertEquals(3, alice.quota().messagesUsed());
            assertEquals(2 * one + two, alice.quota().storageUsed());
            m.store(List.of(1L), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            m.expunge();
        }
        assertEquals(new Quota(OptionalLong.empty(), OptionalLong.empty(), one + two, 2), alice.quota());
        alice.delete("Other");
        assertEquals(new Quota(OptionalLong.empty(), OptionalLong.empty(), 0, 0), alice.quota());
    }

    @Test
    void aRefusedCopyOrAppendChangesNothing_rfc9208Section4_3_1() {
        alice.create("Other");
        append(alice, "INBOX", message(1), Flags.NONE);
        append(alice, "INBOX", message(2), Flags.NONE);
        alice.setQuota(OptionalLong.empty(), OptionalLong.of(3));
        Quota before = alice.quota();
        try (Mailbox m = alice.open("INBOX", false)) {
            // two messages do not fit where one would: all or nothing
            assertEquals(Reason.OVER_QUOTA, reasonOf(() -> m.copyTo(List.of(1L, 2L), "Other")));
            // a move needs no room: the messages leave the source
            m.moveTo(List.of(1L, 2L), "Other");
        }
        assertEquals(before, alice.quota());
        assertEquals(2, alice.status("Other").messages());
        alice.setQuota(OptionalLong.of(before.storageUsed()), OptionalLong.empty());
        assertEquals(Reason.OVER_QUOTA, reasonOf(() -> append(alice, "INBOX", "x", Flags.NONE)));
        assertEquals(0, alice.status("INBOX").messages());
        assertEquals(before.storageUsed(), alice.quota().storageUsed());
    }

    @Test
    void aLimitBelowUsageRefusesAdditionsButNotRemovals_rfc9208Section3_1_2() {
        append(alice, "INBOX", message(1), Flags.NONE);
        append(alice, "INBOX", message(2), Flags.NONE);
        alice.setQuota(OptionalLong.of(0), OptionalLong.of(1));
        assertEquals(Reason.OVER_QUOTA, reasonOf(() -> append(alice, "INBOX", "", Flags.NONE)));
        try (Mailbox m = alice.open("INBOX", false)) {
            m.store(List.of(1L), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            assertEquals(List.of(1L), m.expunge());
        }
        assertEquals(1, alice.quota().messagesUsed());
    }

    @Test
    void concurrentAppendsNeverExceedTheLimit_rfc9208Section5_2() throws Exception {
        int threads = 4;
        int perThread = 5;
        int limit = 7;
        for (int t = 0; t < threads; t++) {
            alice.create("Box" + t);
        }
        alice.setQuota(OptionalLong.empty(), OptionalLong.of(limit));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String box = "Box" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    int accepted = 0;
                    for (int i = 0; i < perThread; i++) {
                        try {
                            append(alice, box, message(i), Flags.NONE);
                            accepted++;
                        } catch (MailStoreException e) {
                            assertEquals(Reason.OVER_QUOTA, e.reason());
                        }
                    }
                    return accepted;
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Integer> f : results) {
                accepted += f.get();
            }
            assertEquals(limit, accepted);
            assertEquals(limit, alice.quota().messagesUsed());
            long stored = 0;
            for (int t = 0; t < threads; t++) {
                stored += alice.status("Box" + t).messages();
            }
            assertEquals(limit, stored);
        } finally {
            pool.shutdownNow();
        }
    }

    // ==== the POP3 maildrop (RFC 1939 §8) ====

    @Test
    void aSecondMaildropIsInUseWhileIMAPKeepsWorking_rfc1939Section8() {
        long uid = append(alice, "INBOX", message(1), Flags.NONE);
        try (Maildrop drop = alice.openMaildrop()) {
            assertEquals(Reason.IN_USE, reasonOf(() -> alice.openMaildrop()));
            Account sameUserAgain = store.authenticate("alice", "alice-secret").orElseThrow();
            assertEquals(Reason.IN_USE, reasonOf(sameUserAgain::openMaildrop));
            try (Mailbox imap = alice.open("INBOX", false)) {
                imap.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.SEEN));
            }
            assertEquals(1, drop.messages().size());
        }
        alice.openMaildrop().close();
    }

    @Test
    void maildropIsASnapshotAndCommitRemovesAndReleases_rfc1939Section6() {
        long a = append(alice, "INBOX", message(1), Flags.NONE);
        long b = append(alice, "INBOX", message(2), Flags.NONE);
        try (Mailbox imap = alice.open("INBOX", false)) {
            Recorder r = new Recorder();
            imap.setListener(r);
            Maildrop drop = alice.openMaildrop();
            append(alice, "INBOX", message(3), Flags.NONE);
            assertEquals(List.of(a, b), drop.messages().stream().map(MessageInfo::uid).toList());
            assertEquals(message(2), text(drop.content(b)));
            r.drain();
            assertEquals(List.of(a), drop.commit(List.of(a, 12345L)));
            List<MailboxEvent> events = r.drain();
            assertEquals(1, events.size());
            assertEquals(a, ((MailboxEvent.MessageExpunged) events.get(0)).uid());
            assertEquals(2, imap.messages().size());
        }
        alice.openMaildrop().close();
    }

    @Test
    void aDroppedSessionDeletesNothing_rfc1939Section6() {
        long a = append(alice, "INBOX", message(1), Flags.NONE);
        Maildrop drop = alice.openMaildrop();
        drop.close();
        assertEquals(1, alice.status("INBOX").messages());
        try (Maildrop again = alice.openMaildrop()) {
            assertEquals(List.of(a), again.messages().stream().map(MessageInfo::uid).toList());
        }
    }

    @Test
    void maildropContentOfAMessageExpungedMeanwhileIsNonexistent() {
        long a = append(alice, "INBOX", message(1), Flags.of(SystemFlag.DELETED));
        try (Maildrop drop = alice.openMaildrop(); Mailbox imap = alice.open("INBOX", false)) {
            imap.expunge();
            assertEquals(Reason.NONEXISTENT, reasonOf(() -> drop.content(a)));
            assertEquals(List.of(), drop.commit(List.of(a)));
        }
    }

    @Test
    void maildropsOfDifferentAccountsAreIndependent() {
        Account bob = store.createAccount("bob", "b", false);
        try (Maildrop a = alice.openMaildrop(); Maildrop b = bob.openMaildrop()) {
            assertEquals(List.of(), a.messages());
            assertEquals(List.of(), b.messages());
        }
    }

    @Test
    void internalDateDefaultsToNowWhenNotGiven() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long uid = alice.append("INBOX", bytes(message(1)), Flags.NONE, null).uid();
        try (Mailbox m = alice.open("INBOX", true)) {
            Instant date = m.message(uid).orElseThrow().internalDate();
            assertFalse(date.isBefore(before));
        }
        try (Mailbox m = alice.open("INBOX", true)) {
            assertArrayEquals(message(1).getBytes(StandardCharsets.ISO_8859_1), read(m.content(uid).open()));
        }
    }
}
