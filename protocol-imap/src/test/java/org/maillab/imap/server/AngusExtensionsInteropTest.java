package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Quota;
import jakarta.mail.ReadOnlyFolderException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.NotTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.SocketFactory;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.imap.ACL;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.eclipse.angus.mail.imap.Rights;
import org.eclipse.angus.mail.imap.SortTerm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.resync.CountingSocket;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.transcript.MemoryTranscript;
import org.maillab.transport.transcript.TranscriptEntry;

/**
 * Eclipse Angus Mail's IMAP provider ({@link IMAPStore}, {@link IMAPFolder}) driving the server's extensions
 * over loopback: QUOTA (RFC 9208), ACL (RFC 4314) with NAMESPACE (RFC 2342), SORT (RFC 5256),
 * CONDSTORE/QRESYNC (RFC 7162) and COMPRESS=DEFLATE (RFC 4978). fred owns three messages; bob is a second
 * user; {@code shared} owns the mailboxes of the {@code Shared/} namespace; root is an administrator.
 * Angus has no API for THREAD (RFC 5256), so THREAD is left to the python3 and Dovecot tests.
 */
class AngusExtensionsInteropTest {

    /** 92, 86 and 99 octets; distinct sizes, dates, senders and subjects, so each sort key orders them its own way. */
    static final List<String> MESSAGES = List.of(
            "From: Carol <carol@example.org>\r\nSubject: b\r\nDate: Sat, 3 Jan 2026 10:00:00 +0000\r\n\r\n"
                    + "three\r\n",
            "From: alice@example.org\r\nSubject: Re: a\r\nDate: Thu, 1 Jan 2026 10:00:00 +0000\r\n\r\none\r\n",
            "From: Bob <bob@example.org>\r\nSubject: c\r\nDate: Fri, 2 Jan 2026 10:00:00 +0000\r\n\r\n"
                    + "two, longer body\r\n");

    final MemoryTranscript transcript = new MemoryTranscript();
    MailStore store;
    Account fred;
    ImapServer server;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        fred = store.createAccount("fred", "secret", false);
        store.createAccount("bob", "bob-pw", false);
        store.createAccount("root", "toor", false);
        Account shared = store.createAccount("shared", "shared-pw", false);
        shared.create("News");
        shared.append("News", ascii("Subject: for everybody\r\n\r\nnews\r\n"),
                org.maillab.mailstore.Flags.NONE, Instant.parse("2026-01-01T09:00:00Z"));
        for (int i = 0; i < MESSAGES.size(); i++) {
            // arrival order is the reverse of the message numbers' order, so ARRIVAL is not a no-op
            fred.append("INBOX", ascii(MESSAGES.get(i)), org.maillab.mailstore.Flags.NONE,
                    Instant.parse("2026-02-0" + (3 - i) + "T12:00:00Z"));
        }
        server = ImapServer.start(store,
                ImapServerConfig.defaults().withPorts(0, -1).withAdminAccounts(Set.of("root"))
                        .withTranscript(transcript));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    static ByteArrayInputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    static MimeMessage message(String subject, String body) throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setSubject(subject);
        m.setText(body);
        m.saveChanges();
        return m;
    }

    static int[] numbers(Message[] messages) {
        return Arrays.stream(messages).mapToInt(Message::getMessageNumber).toArray();
    }

    static long[] resource(Quota quota, String name) {
        return Arrays.stream(quota.resources).filter(r -> r.name.equals(name))
                .map(r -> new long[] {r.usage, r.limit}).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- QUOTA

    @Test
    void angusSetsQuotaAsAdminAndReadsItAsUser_rfc9208Section4_1() throws Exception {
        IMAPStore admin = AngusConnections.connect(server, "root", "toor");
        try {
            Quota limits = new Quota("#user/fred");
            limits.setResourceLimit("STORAGE", 1);
            limits.setResourceLimit("MESSAGE", 4);
            admin.setQuota(limits); // SETQUOTA "#user/fred" (STORAGE 1 MESSAGE 4)
        } finally {
            admin.close();
        }
        IMAPStore s = AngusConnections.connect(server, "fred", "secret");
        try {
            Quota[] roots = s.getQuota("INBOX"); // GETQUOTAROOT INBOX
            assertEquals(1, roots.length);
            assertEquals("", roots[0].quotaRoot, "one root named \"\" covers all of fred's mailboxes");
            assertEquals(2, roots[0].resources.length);
            assertArrayEquals(new long[] {1, 1}, resource(roots[0], "STORAGE"), "277 octets are 1 KiB, rounded up");
            assertArrayEquals(new long[] {3, 4}, resource(roots[0], "MESSAGE"));

            Quota mine = new Quota("");
            mine.setResourceLimit("STORAGE", 100);
            MessagingException refused = assertThrows(MessagingException.class, () -> s.setQuota(mine));
            assertEquals("NO [NOPERM] Only an administrator may set quotas", withoutTag(refused));
        } finally {
            s.close();
        }
    }

    @Test
    void angusAppendOverQuotaFailsWithOverquota_rfc9208Section4_3() throws Exception {
        fred.setQuota(java.util.OptionalLong.empty(), java.util.OptionalLong.of(4));
        IMAPStore s = AngusConnections.connect(server, "fred", "secret");
        try {
            IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
            inbox.appendMessages(new Message[] {message("fourth", "fits")});
            MessagingException over = assertThrows(MessagingException.class,
                    () -> inbox.appendMessages(new Message[] {message("fifth", "does not fit")}));
            // Angus has no quota exception: it wraps the tagged NO in a CommandFailedException
            CommandFailedException no = assertInstanceOf(CommandFailedException.class, over.getCause());
            assertTrue(no.getResponse().isNO());
            assertEquals("NO [OVERQUOTA] the account's quota does not allow this", withoutTag(no));
            assertArrayEquals(new long[] {4, 4}, resource(s.getQuota("INBOX")[0], "MESSAGE"));
            inbox.open(Folder.READ_ONLY);
            assertEquals(4, inbox.getMessageCount());
            assertEquals("fourth", inbox.getMessage(4).getSubject());
        } finally {
            s.close();
        }
    }

    // ---------------------------------------------------------------- NAMESPACE and ACL

    @Test
    void angusNamespacesMatchTheServersNamespaceResponse_rfc2342Section5() throws Exception {
        IMAPStore s = AngusConnections.connect(server, "bob", "bob-pw");
        try {
            // * NAMESPACE (("" "/")) (("Other Users/" "/")) (("Shared/" "/")); Angus drops the trailing delimiter
            Folder[] personal = s.getPersonalNamespaces();
            Folder[] users = s.getUserNamespaces(null);
            Folder[] shared = s.getSharedNamespaces();
            assertEquals(List.of(""), Arrays.stream(personal).map(Folder::getFullName).toList());
            assertEquals(List.of("Other Users"), Arrays.stream(users).map(Folder::getFullName).toList());
            assertEquals(List.of("Shared"), Arrays.stream(shared).map(Folder::getFullName).toList());
            for (Folder f : List.of(personal[0], users[0], shared[0])) {
                assertEquals('/', f.getSeparator());
            }
            assertEquals("Other Users/fred", s.getUserNamespaces("fred")[0].getFullName());
        } finally {
            s.close();
        }
    }

    @Test
    void angusManagesAclsAndTheSecondUserSeesWhatTheRightsAllow_rfc4314Section3() throws Exception {
        IMAPStore owner = AngusConnections.connect(server, "fred", "secret");
        IMAPStore other = AngusConnections.connect(server, "bob", "bob-pw");
        try {
            IMAPFolder team = (IMAPFolder) owner.getFolder("Team");
            assertTrue(team.create(Folder.HOLDS_MESSAGES));
            team.appendMessages(new Message[] {message("plan", "Let us meet.")});

            assertEquals(List.of(entry("fred", "lrswipkxteacd")), acl(team),
                    "only the owner, with every right (§2.1.1 c, d)");
            assertEquals(new Rights("lrswipkxteacd"), team.myRights());
            Rights[] listed = team.listRights("bob");
            assertEquals(new Rights(""), listed[0], "bob is given nothing for certain");
            assertEquals("lrswipkxteacd", Arrays.stream(listed).skip(1).map(Rights::toString)
                    .reduce("", String::concat), "and may be given each right, one by one");

            team.addACL(new ACL("bob", new Rights("lr"))); // SETACL Team bob lr
            assertEquals(List.of(entry("fred", "lrswipkxteacd"), entry("bob", "lr")), acl(team));

            Folder bobsTeam = other.getUserNamespaces("fred")[0].getFolder("Team");
            assertEquals("Other Users/fred/Team", bobsTeam.getFullName());
            assertTrue(bobsTeam.exists(), "l: bob sees it in LIST");
            assertEquals(new Rights("lr"), ((IMAPFolder) bobsTeam).myRights());
            assertThrows(ReadOnlyFolderException.class, () -> bobsTeam.open(Folder.READ_WRITE),
                    "lr: SELECT answers READ-ONLY (§5.2), which Angus refuses for READ_WRITE");
            bobsTeam.open(Folder.READ_ONLY);
            assertEquals(1, bobsTeam.getMessageCount());
            assertEquals("plan", bobsTeam.getMessage(1).getSubject());
            bobsTeam.close(false);

            team.addRights(new ACL("bob", new Rights("si"))); // SETACL Team bob +si
            assertEquals(List.of(entry("fred", "lrswipkxteacd"), entry("bob", "lrsi")), acl(team));
            bobsTeam.open(Folder.READ_WRITE);
            bobsTeam.getMessage(1).setFlag(Flags.Flag.SEEN, true);
            MessagingException noW = assertThrows(MessagingException.class,
                    () -> bobsTeam.getMessage(1).setFlag(Flags.Flag.FLAGGED, true));
            assertEquals("NO [NOPERM] no right to change these flags here (have lrsi)", withoutTag(noW));
            bobsTeam.appendMessages(new Message[] {message("reply", "Tuesday?")});
            bobsTeam.close(false);
            team.open(Folder.READ_ONLY);
            assertEquals(2, team.getMessageCount());
            assertEquals(new Flags(Flags.Flag.SEEN), team.getMessage(1).getFlags(), "\\Seen kept, \\Flagged not");
            team.close(false);

            team.removeRights(new ACL("bob", new Rights("r"))); // SETACL Team bob -r
            assertEquals(List.of(entry("fred", "lrswipkxteacd"), entry("bob", "lsi")), acl(team));
            MessagingException noR = assertThrows(MessagingException.class, () -> bobsTeam.open(Folder.READ_ONLY),
                    "no r: no SELECT");
            assertEquals("NO [NOPERM] the 'r' right on Other Users/fred/Team is needed", withoutTag(noR));

            team.removeACL("bob"); // DELETEACL Team bob
            assertEquals(List.of(entry("fred", "lrswipkxteacd")), acl(team));
            assertFalse(bobsTeam.exists(), "no l: the folder looks like one that does not exist (§6)");
            MessagingException hidden = assertThrows(MessagingException.class, ((IMAPFolder) bobsTeam)::myRights);
            assertEquals("NO [NONEXISTENT] no mailbox Other Users/fred/Team", withoutTag(hidden));
        } finally {
            owner.close();
            other.close();
        }
    }

    @Test
    void angusOpensASharedNamespaceMailboxThatAnyoneMayRead_rfc4314Section2() throws Exception {
        IMAPStore sharer = AngusConnections.connect(server, "shared", "shared-pw");
        try {
            ((IMAPFolder) sharer.getFolder("News")).addACL(new ACL("anyone", new Rights("lr")));
        } finally {
            sharer.close();
        }
        IMAPStore s = AngusConnections.connect(server, "bob", "bob-pw");
        try {
            IMAPFolder news = (IMAPFolder) s.getSharedNamespaces()[0].getFolder("News");
            assertEquals("Shared/News", news.getFullName());
            // Listing goes through getFolder("Shared"): Angus's list() on the namespace folder itself first sends
            // LIST "" "Shared/" to see that it exists, a name with a trailing delimiter that matches nothing here,
            // as in Dovecot 2.3 with a public namespace "Shared/" (checked by hand); RFC 3501 §6.3.8 gives it
            // no special meaning.
            assertEquals(List.of("Shared/News"),
                    Arrays.stream(s.getFolder("Shared").list()).map(Folder::getFullName).toList());
            assertEquals(new Rights("lr"), news.myRights());
            news.open(Folder.READ_ONLY);
            assertEquals(1, news.getMessageCount());
            assertEquals("for everybody", news.getMessage(1).getSubject());
            MessagingException noA = assertThrows(MessagingException.class, news::getACL, "GETACL needs a");
            assertEquals("NO [NOPERM] the 'a' right on Shared/News is needed", withoutTag(noA));
        } finally {
            s.close();
        }
    }

    /** Angus's exception message is the tagged response; tags depend on how many connections came before. */
    private static String withoutTag(Exception e) {
        String line = e.getMessage();
        return line.substring(line.indexOf(' ') + 1);
    }

    private static List<String> acl(IMAPFolder folder) throws MessagingException {
        return Arrays.stream(folder.getACL()).map(a -> entry(a.getName(), a.getRights().toString())).toList();
    }

    /** Angus's {@link Rights#toString()} lists rights alphabetically, whatever order the server sent. */
    private static String entry(String identifier, String rights) {
        return identifier + " " + new Rights(rights);
    }

    // ---------------------------------------------------------------- SORT

    @Test
    void angusGetSortedMessagesOrdersByEachKey_rfc5256Section3() throws Exception {
        IMAPStore s = AngusConnections.connect(server, "fred", "secret");
        try {
            IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            // base subjects: 1 "b", 2 "a" (Re: stripped, §2.1), 3 "c"
            assertArrayEquals(new int[] {2, 1, 3}, numbers(inbox.getSortedMessages(new SortTerm[] {SortTerm.SUBJECT})));
            assertArrayEquals(new int[] {2, 3, 1}, numbers(inbox.getSortedMessages(new SortTerm[] {SortTerm.DATE})));
            assertArrayEquals(new int[] {1, 3, 2},
                    numbers(inbox.getSortedMessages(new SortTerm[] {SortTerm.REVERSE, SortTerm.DATE})));
            // FROM sorts by the first From address's mailbox: alice, bob, carol
            assertArrayEquals(new int[] {2, 3, 1}, numbers(inbox.getSortedMessages(new SortTerm[] {SortTerm.FROM})));
            assertArrayEquals(new int[] {2, 1, 3}, numbers(inbox.getSortedMessages(new SortTerm[] {SortTerm.SIZE})));
            assertArrayEquals(new int[] {3, 2, 1}, numbers(inbox.getSortedMessages(new SortTerm[] {SortTerm.ARRIVAL})));
            // with a search: SORT (REVERSE SUBJECT) US-ASCII NOT SUBJECT c
            assertArrayEquals(new int[] {1, 2}, numbers(inbox.getSortedMessages(
                    new SortTerm[] {SortTerm.REVERSE, SortTerm.SUBJECT}, new NotTerm(new SubjectTerm("c")))));
        } finally {
            s.close();
        }
    }

    // ---------------------------------------------------------------- CONDSTORE and QRESYNC

    @Test
    void angusFindsMessagesChangedSinceAModseq_rfc7162Section3_1() throws Exception {
        IMAPStore s = AngusConnections.connect(server, "fred", "secret");
        try {
            IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE, ResyncData.CONDSTORE); // ENABLE CONDSTORE, SELECT INBOX (CONDSTORE)
            long before = inbox.getHighestModSeq();
            assertEquals(3, before, "one modification per appended message");
            inbox.getMessage(2).setFlag(Flags.Flag.FLAGGED, true);
            inbox.getMessageCount(); // a NOOP, so Angus hears the new HIGHESTMODSEQ
            Message[] changed = inbox.getMessagesByUIDChangedSince(1, UIDFolder.MAXUID, before);
            assertEquals(List.of(2L), Arrays.stream(changed).map(m -> uid(inbox, m)).toList());
            assertTrue(changed[0].isSet(Flags.Flag.FLAGGED));
            assertEquals(0, inbox.getMessagesByUIDChangedSince(1, UIDFolder.MAXUID, before + 1).length);
        } finally {
            s.close();
        }
    }

    @Test
    void angusResyncsWithQresyncAndReportsVanishedAndChangedMessages_rfc7162Section3_2_5() throws Exception {
        IMAPStore s = AngusConnections.connect(server, "fred", "secret");
        IMAPStore other = AngusConnections.connect(server, "fred", "secret");
        try {
            IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY, ResyncData.CONDSTORE);
            long uidValidity = inbox.getUIDValidity();
            long modseq = inbox.getHighestModSeq();
            inbox.close(false);

            Folder elsewhere = other.getFolder("INBOX");
            elsewhere.open(Folder.READ_WRITE);
            elsewhere.getMessage(3).setFlag(Flags.Flag.ANSWERED, true);
            elsewhere.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            elsewhere.close(true); // expunges UID 1

            List<MailEvent> events = inbox.open(Folder.READ_ONLY, new ResyncData(uidValidity, modseq));
            assertEquals(2, events.size(), events.toString());
            MessageVanishedEvent vanished = assertInstanceOf(MessageVanishedEvent.class, events.get(0));
            assertArrayEquals(new long[] {1}, vanished.getUIDs(), "VANISHED (EARLIER) 1");
            MessageChangedEvent changed = assertInstanceOf(MessageChangedEvent.class, events.get(1));
            assertEquals(3L, inbox.getUID(changed.getMessage()));
            assertEquals(2, changed.getMessage().getMessageNumber());
            assertTrue(changed.getMessage().isSet(Flags.Flag.ANSWERED));
            assertEquals(2, inbox.getMessageCount());
        } finally {
            s.close();
            other.close();
        }
    }

    @Test
    void angusHearsVanishedAndModseqChangesWhileSelected_rfc7162Section3_2_10() throws Exception {
        IMAPStore s = AngusConnections.connect(server, "fred", "secret");
        IMAPStore other = AngusConnections.connect(server, "fred", "secret");
        try {
            IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
            long uidValidity = inbox.getUIDValidity(); // STATUS, folder closed
            assertEquals(3, inbox.getHighestModSeq());
            assertNull(inbox.open(Folder.READ_WRITE, new ResyncData(uidValidity, 3)),
                    "nothing changed since modseq 3: Angus returns null, not an empty list");
            assertEquals(2L, ((IMAPMessage) inbox.getMessage(2)).getModSeq());
            CountDownLatch removed = new CountDownLatch(1);
            CountDownLatch changed = new CountDownLatch(2);
            List<Long> removedUids = new CopyOnWriteArrayList<>();
            List<Long> changedUids = new CopyOnWriteArrayList<>();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesRemoved(MessageCountEvent e) {
                    Arrays.stream(e.getMessages()).forEach(m -> removedUids.add(uid(inbox, m)));
                    removed.countDown();
                }
            });
            inbox.addMessageChangedListener(e -> {
                changedUids.add(uid(inbox, e.getMessage()));
                changed.countDown();
            });

            Folder elsewhere = other.getFolder("INBOX");
            elsewhere.open(Folder.READ_WRITE);
            elsewhere.getMessage(3).setFlag(Flags.Flag.ANSWERED, true);
            elsewhere.getMessage(2).setFlag(Flags.Flag.DELETED, true);
            elsewhere.close(true); // expunges UID 2

            // getMessageCount() sends NOOP only a second after the last command; this one is sent now. The answer:
            // * VANISHED 2 (QRESYNC is on, §3.2.10) and a FETCH of UID 3 with FLAGS and MODSEQ
            inbox.doCommand(p -> {
                p.noop();
                return null;
            });
            assertTrue(removed.await(20, TimeUnit.SECONDS), "no messagesRemoved event");
            assertTrue(changed.await(20, TimeUnit.SECONDS), "fewer than two messageChanged events");
            assertEquals(List.of(2L), removedUids);
            assertEquals(List.of(3L, 2L), changedUids,
                    "\\Answered on UID 3, then \\Deleted on UID 2 before it vanished");
            // Jakarta Mail keeps message numbers stable when another client expunges: message 2 is marked
            // expunged and stays counted until this folder expunges or closes
            assertEquals(3, inbox.getMessageCount());
            assertTrue(inbox.getMessage(2).isExpunged());
            IMAPMessage answered = (IMAPMessage) inbox.getMessage(3);
            assertEquals(3L, inbox.getUID(answered));
            assertTrue(answered.isSet(Flags.Flag.ANSWERED));
            assertEquals(4L, answered.getModSeq(), "the first change after modseq 3; \\Deleted on UID 2 was 5");
            assertEquals(6L, ((IMAPFolder) other.getFolder("INBOX")).getHighestModSeq(),
                    "STATUS (HIGHESTMODSEQ): the expunge has a mod-sequence of its own, 6 (RFC 7162 §3.2.7)");
        } finally {
            s.close();
            other.close();
        }
    }

    // ---------------------------------------------------------------- COMPRESS

    @Test
    void angusCompressesEachConnectionAndStillReadsAndAppends_rfc4978Section3() throws Exception {
        String body = "The same line again and again compresses well.\r\n".repeat(4000); // 192,000 octets
        fred.append("INBOX", ascii("Subject: big\r\n\r\n" + body), org.maillab.mailstore.Flags.NONE,
                Instant.parse("2026-02-04T12:00:00Z"));
        List<CountingSocket> sockets = new CopyOnWriteArrayList<>();
        IMAPStore s = AngusConnections.connect(server, "fred", "secret", Map.of(
                "mail.imap.compress.enable", "true", "mail.imap.socketFactory", countingSockets(sockets)));
        try {
            IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertEquals(4, inbox.getMessageCount());
            assertEquals(body, inbox.getMessage(4).getContent());
            inbox.appendMessages(new Message[] {message("compressed append", "through DEFLATE")});
            assertEquals(5, inbox.getMessageCount());
            assertEquals("compressed append", inbox.getMessage(5).getSubject());
            assertEquals("through DEFLATE", inbox.getMessage(5).getContent());
        } finally {
            s.close();
        }
        // Angus hands its one pooled connection (mail.imap.connectionpoolsize 1) to the open folder
        Map<Long, List<TranscriptEntry>> byConnection = transcript.entries().stream()
                .collect(Collectors.groupingBy(TranscriptEntry::connectionId));
        assertEquals(1, sockets.size());
        assertEquals(1, byConnection.size());
        for (List<TranscriptEntry> connection : byConnection.values()) {
            assertEquals(1, connection.stream().filter(e -> e.kind() == TranscriptEntry.Kind.CLIENT
                    && e.text().matches("\\S+ COMPRESS DEFLATE")).count(), "Angus sent COMPRESS DEFLATE once");
            assertEquals(1, connection.stream().filter(e -> e.withoutTime().endsWith("* DEFLATE compression"))
                    .count(), "and the server switched to DEFLATE");
        }
        long received = sockets.stream().mapToLong(CountingSocket::received).sum();
        assertTrue(received * 10 < body.length(), received + " octets on the wire for a " + body.length()
                + "-octet body: the server's side was compressed");
    }

    /** Hands Angus unconnected sockets that count their octets (Angus connects them itself, with its timeout). */
    private static SocketFactory countingSockets(List<CountingSocket> made) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                CountingSocket socket = new CountingSocket();
                made.add(socket);
                return socket;
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException("Angus connects an unconnected socket");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("Angus connects an unconnected socket");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException("Angus connects an unconnected socket");
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("Angus connects an unconnected socket");
            }
        };
    }

    private static long uid(IMAPFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
