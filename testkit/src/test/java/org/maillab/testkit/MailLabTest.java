package org.maillab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.ImapException;
import org.maillab.imap.codec.Literal;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mime.parse.MessageTree;
import org.maillab.pop3.client.Pop3Client;
import org.maillab.pop3.client.Pop3Exception;
import org.maillab.smtp.client.SmtpClient;

/** The lab itself: start, ports, accounts, delivery, reading back, waiting, flags, reset, stop. */
class MailLabTest {

    static final String HELLO = "From: Bob <bob@example.org>\nTo: alice@example.org\nSubject: Hello\n\nHi Alice.\n";

    @Test
    void startsSmtpPop3AndImapOnLoopbackWithTheAccountsAndTheirPasswords() throws Exception {
        try (MailLab lab = MailLab.start("alice", "bob")) {
            assertEquals("127.0.0.1", lab.host());
            assertEquals("alice@localhost", lab.address("alice"));
            try (SmtpClient smtp = SmtpClient.connect(lab.host(), lab.smtpPort())) {
                smtp.ehlo("client.example.net");
                smtp.authPlain("alice", lab.password("alice"));
                smtp.quit();
            }
            assertEquals(List.of("alice", "bob"), lab.accounts());
            assertNotEquals(lab.password("alice"), lab.password("bob"));
            try (Pop3Client pop = Pop3Client.connect(lab.host(), lab.pop3Port())) {
                pop.login("alice", lab.password("alice"));
                assertEquals(0, pop.stat().messages());
            }
            try (ImapClient imap = ImapClient.connect(lab.host(), lab.imapPort())) {
                assertTrue(imap.login("bob", lab.password("bob")).ok());
            }
            try (ImapClient imap = ImapClient.connect(lab.host(), lab.imapPort())) {
                ImapException refused = assertThrows(ImapException.class, () -> imap.login("bob", lab.password("alice")));
                assertTrue(refused.getMessage().contains(" NO "), refused.getMessage());
            }
        }
    }

    @Test
    void smtpDeliversToTheAccountsAtTheLocalDomainsAndRefusesEverythingElse() throws Exception {
        try (MailLab lab = MailLab.builder().account("alice").account("bob").localDomains("example.org").start()) {
            assertEquals("alice@example.org", lab.address("alice"));
            try (SmtpClient smtp = SmtpClient.connect(lab.host(), lab.smtpPort())) {
                smtp.ehlo("client.example.net");
                smtp.mail("app@example.net");
                smtp.rcpt(lab.address("alice"));
                smtp.rcpt("BOB@example.org");
                assertEquals("5.1.1", smtp.rcptReply("carol@example.org").enhanced(), "no such user");
                assertEquals("5.7.1", smtp.rcptReply("alice@localhost").enhanced(), "not a local domain: relaying");
                assertTrue(smtp.data(HELLO.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII)).get(0).positive());
                smtp.quit();
            }
            ReceivedMessage alice = lab.awaitMessages("alice", 1).get(0);
            assertEquals("Hello", alice.subject());
            assertTrue(alice.header("Received").orElseThrow().contains("example.net"), "RFC 5321 §4.4 trace field");
            assertEquals("Hello", lab.awaitMessages("bob", 1).get(0).subject());
        }
    }

    @Test
    void givenPasswordsAreKeptAndUnknownAccountsAreNamed() throws Exception {
        try (MailLab lab = MailLab.builder().account("alice", "alice-secret").start()) {
            assertEquals("alice-secret", lab.password("alice"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lab.password("carol"));
            assertEquals("no account carol in this lab; it has [alice]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lab.address("carol"));
            assertEquals("no account carol in this lab; it has [alice]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lab.deliver("carol", HELLO));
            assertEquals("no account carol in this lab; it has [alice]", e.getMessage());
        }
    }

    @Test
    void aLabServesOnlyTheProtocolsItWasAskedFor() throws Exception {
        try (MailLab lab = MailLab.builder().account("alice").protocols(MailLab.Protocol.POP3).start()) {
            assertTrue(lab.serves(MailLab.Protocol.POP3));
            assertFalse(lab.serves(MailLab.Protocol.IMAP));
            IllegalStateException e = assertThrows(IllegalStateException.class, lab::imapPort);
            assertEquals("this lab serves [POP3], not IMAP", e.getMessage());
            assertThrows(IllegalStateException.class, lab::smtpPort);
        }
    }

    @Test
    void deliveredMailReadsBackAsBytesWithCrlfAsAMimeTreeAndAsText() throws Exception {
        try (MailLab lab = MailLab.start("alice")) {
            long uid = lab.deliver("alice", HELLO);
            List<ReceivedMessage> inbox = lab.messages("alice");
            assertEquals(1, inbox.size());
            ReceivedMessage m = inbox.get(0);
            assertEquals(uid, m.uid());
            assertEquals("INBOX", m.mailbox());
            assertArrayEquals(HELLO.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII), m.content());
            assertEquals("Hello", m.subject());
            assertEquals(Optional.of("Bob <bob@example.org>"), m.header("From"));
            assertEquals(Optional.of("Hi Alice.\r\n"), m.text());
            MessageTree tree = m.tree();
            assertEquals("text/plain", tree.root().contentType().mimeType());
            assertEquals(Flags.NONE, m.flags());
        }
    }

    @Test
    void textIsTheFirstPlainPartDecoded() throws Exception {
        String multipart = """
                Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                Gr=C3=BC=C3=9Fe aus M=C3=BCnchen
                --b
                Content-Type: text/html; charset=UTF-8

                <p>Gr&uuml;&szlig;e</p>
                --b--
                """;
        try (MailLab lab = MailLab.start("alice")) {
            lab.deliver("alice", multipart);
            ReceivedMessage m = lab.messages("alice").get(0);
            assertEquals("Grüße", m.subject());
            assertEquals(Optional.of("Grüße aus München"), m.text());
            assertEquals("text/html", m.tree().part("2").orElseThrow().contentType().mimeType());
        }
    }

    @Test
    void awaitMessagesReturnsOnceTheCountArrivedFromAnotherThread() throws Exception {
        try (MailLab lab = MailLab.start("alice")) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                lab.deliver("alice", "Subject: one\r\n\r\n1\r\n");
                lab.deliver("alice", "Subject: two\r\n\r\n2\r\n");
            });
            List<ReceivedMessage> arrived = lab.awaitMessages("alice", 2);
            sender.join();
            assertEquals(List.of("one", "two"), arrived.stream().map(ReceivedMessage::subject).toList());
        }
    }

    @Test
    void awaitMessagesIsWokenByAnImapAppend() throws Exception {
        try (MailLab lab = MailLab.start("alice");
             ImapClient imap = ImapClient.connect(lab.host(), lab.imapPort())) {
            imap.login("alice", lab.password("alice"));
            CompletableFuture<Optional<Long>> append = CompletableFuture.supplyAsync(() -> imap.append("INBOX",
                    List.of("\\Flagged"), Literal.of("Subject: appended\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII))));
            ReceivedMessage m = lab.awaitMessages("alice", 1).get(0);
            assertEquals(append.join().orElseThrow(), m.uid());
            assertEquals("appended", m.subject());
            assertTrue(m.has(SystemFlag.FLAGGED));
        }
    }

    @Test
    void awaitMessagesFailsWithWhatDidArriveAndWhereElseMailIs() throws Exception {
        try (MailLab lab = MailLab.start("alice", "bob")) {
            long uid = lab.deliver("alice", HELLO);
            lab.deliver("bob", "Subject: misrouted\r\n\r\nx\r\n");
            AssertionError e = assertThrows(AssertionError.class,
                    () -> lab.awaitMessages("alice", 2, Duration.ofMillis(100)));
            assertEquals("expected 2 messages in alice's INBOX within 100 ms, but 1 arrived:\n"
                    + "  INBOX uid " + uid + " () From: Bob <bob@example.org> Subject: Hello\n"
                    + "mail elsewhere in the lab: bob INBOX: 1", e.getMessage());
            // a mailbox that does not exist is the store's error at once, not a timeout
            MailStoreException missing = assertThrows(MailStoreException.class,
                    () -> lab.awaitMessages("bob", "Archive", 1, Duration.ofMinutes(1)));
            assertEquals(MailStoreException.Reason.NONEXISTENT, missing.reason());
        }
    }

    @Test
    void awaitMessagesOnAnEmptyLabSaysSo() throws Exception {
        try (MailLab lab = MailLab.start("alice")) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> lab.awaitMessages("alice", 1, Duration.ZERO));
            assertEquals("expected 1 message in alice's INBOX within 0 ms, but 0 arrived\n"
                    + "no other mailbox of the lab holds mail", e.getMessage());
            assertEquals(List.of(), lab.awaitMessages("alice", 0, Duration.ZERO));
        }
    }

    @Test
    void assertFlagsReadsTheFlagsNowAndNamesTheDifference() throws Exception {
        try (MailLab lab = MailLab.start("alice")) {
            long uid = lab.deliver("alice", HELLO);
            lab.assertFlags("alice", uid);
            long seen = lab.deliver("alice", "INBOX", HELLO.getBytes(StandardCharsets.US_ASCII),
                    new Flags(Set.of(SystemFlag.SEEN), Set.of("$Label1")));
            lab.assertFlags("alice", "INBOX", seen, new Flags(Set.of(SystemFlag.SEEN), Set.of("$Label1")));
            AssertionError keyword = assertThrows(AssertionError.class,
                    () -> lab.assertFlags("alice", "INBOX", seen, Flags.of(SystemFlag.SEEN)));
            assertEquals("flags of UID " + seen + " in alice's INBOX: expected (\\Seen) but was (\\Seen $Label1)",
                    keyword.getMessage());
            AssertionError e = assertThrows(AssertionError.class,
                    () -> lab.assertFlags("alice", uid, SystemFlag.SEEN, SystemFlag.ANSWERED));
            assertEquals("flags of UID " + uid + " in alice's INBOX: expected (\\Seen \\Answered) but was ()",
                    e.getMessage());
            e = assertThrows(AssertionError.class, () -> lab.assertFlags("alice", seen + 1));
            assertEquals("no message with UID " + (seen + 1) + " in alice's INBOX; UIDs there: [" + uid + ", " + seen
                    + "]", e.getMessage());
        }
    }

    @Test
    void resetEmptiesEveryMailboxRestoresPasswordsAndClearsTheTranscript() throws Exception {
        try (MailLab lab = MailLab.start("alice")) {
            String password = lab.password("alice");
            try (Pop3Client pop = Pop3Client.connect(lab.host(), lab.pop3Port())) {
                pop.login("alice", password);
                pop.quit();
            }
            var alice = lab.store().account("alice").orElseThrow();
            alice.create("Work/2026");
            alice.subscribe("Work");
            lab.deliver("alice", "Work/2026", HELLO.getBytes(StandardCharsets.US_ASCII), Flags.of(SystemFlag.SEEN));
            long before = lab.deliver("alice", HELLO);
            alice.setQuota(OptionalLong.of(10), OptionalLong.empty());
            lab.store().setPassword("alice", "changed");
            lab.store().createAccount("carol", "carol-secret", false);
            lab.deliver("carol", HELLO);

            lab.reset();

            assertEquals(List.of("INBOX"), alice.list("*").stream().map(m -> m.name()).toList());
            assertEquals(List.of(), alice.subscriptions());
            assertEquals(List.of(), lab.messages("alice"));
            assertEquals(List.of(), lab.messages("carol"));
            assertEquals(OptionalLong.empty(), alice.quota().storageLimit());
            assertTrue(lab.store().authenticate("alice", password).isPresent());
            assertEquals("", lab.transcript());
            assertTrue(lab.deliver("alice", HELLO) > before, "UIDs are never reused");
        }
    }

    @Test
    void theTranscriptShowsEveryConnectionWithPasswordsMasked() throws Exception {
        try (MailLab lab = MailLab.start("alice")) {
            try (Pop3Client pop = Pop3Client.connect(lab.host(), lab.pop3Port())) {
                pop.login("alice", lab.password("alice"));
                pop.quit();
            }
            try (ImapClient imap = ImapClient.connect(lab.host(), lab.imapPort())) {
                imap.login("alice", lab.password("alice"));
                imap.logout();
            }
            String transcript = lab.transcript();
            assertTrue(transcript.contains("] * pop3 connection from 127.0.0.1"), transcript);
            assertTrue(transcript.contains("] C: PASS ***"), transcript);
            assertTrue(transcript.contains("] * imap connection from 127.0.0.1"), transcript);
            assertTrue(transcript.contains("] S: * BYE"), transcript);
            try (SmtpClient smtp = SmtpClient.connect(lab.host(), lab.smtpPort())) {
                smtp.ehlo("client.example.net");
                smtp.authPlain("alice", lab.password("alice"));
                smtp.quit();
            }
            transcript = lab.transcript();
            assertTrue(transcript.contains("] * smtp connection from 127.0.0.1"), transcript);
            assertTrue(transcript.contains("] C: AUTH PLAIN ***"), transcript);
            assertFalse(transcript.contains(lab.password("alice")), transcript);
        }
    }

    @Test
    void aTemporaryMaildirHoldsTheMailAndIsRemovedOnClose() throws Exception {
        Path root;
        try (MailLab lab = MailLab.builder().account("alice").temporaryMaildir().start()) {
            lab.deliver("alice", HELLO);
            root = lab.maildir().orElseThrow();
            try (var files = Files.walk(root)) {
                assertTrue(files.anyMatch(p -> p.getParent().getFileName().toString().equals("new")
                        || p.getParent().getFileName().toString().equals("cur")), "a message file in Maildir");
            }
            assertEquals("Hello", lab.awaitMessages("alice", 1).get(0).subject());
        }
        assertFalse(Files.exists(root), root + " removed");
    }

    @Test
    void aGivenMaildirIsKeptAndItsAccountsAndMailReused(@TempDir Path dir) throws Exception {
        try (MailLab lab = MailLab.builder().account("alice", "one").maildir(dir).start()) {
            lab.deliver("alice", HELLO);
        }
        try (MailLab lab = MailLab.builder().account("alice", "two").maildir(dir).start()) {
            assertEquals(1, lab.messages("alice").size());
            assertTrue(lab.store().authenticate("alice", "two").isPresent());
            assertFalse(lab.store().authenticate("alice", "one").isPresent());
        }
    }

    @Test
    void closeStopsTheServers() throws Exception {
        MailLab lab = MailLab.start("alice");
        int port = lab.pop3Port();
        lab.close();
        assertThrows(IOException.class, () -> Pop3Client.connect("127.0.0.1", port).close());
    }

    @Test
    void anAccountGivenTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MailLab.builder().account("alice").account("alice", "x"));
        assertEquals("account alice given twice", e.getMessage());
    }

    @Test
    void pop3LockingIsRealAcrossTheLabsSessions() throws Exception {
        try (MailLab lab = MailLab.start("alice");
             Pop3Client first = Pop3Client.connect(lab.host(), lab.pop3Port());
             Pop3Client second = Pop3Client.connect(lab.host(), lab.pop3Port())) {
            first.login("alice", lab.password("alice"));
            Pop3Exception e = assertThrows(Pop3Exception.class, () -> second.login("alice", lab.password("alice")));
            assertTrue(e.getMessage().contains("[IN-USE]"), e.getMessage());
        }
    }
}
