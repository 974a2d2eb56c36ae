package org.maillab.smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.smtp.codec.SmtpReply;
import org.maillab.smtp.server.StoreBackend;
import org.maillab.smtp.testing.Mail;

/** The session without a socket: every rule of RFC 5321 and its extensions that the session owns. */
class SmtpSessionTest {

    @TempDir
    Path spoolDir;

    MailStore store;
    SessionSettings settings;
    SmtpSession session;

    @BeforeEach
    void setUp() {
        store = new InMemoryStore();
        store.createAccount("alice", "alice-secret", false);
        store.createAccount("bob", "bob-secret", false);
        settings = SessionSettings.defaults().withSpool(spoolDir, 1024)
                .withClock(Clock.fixed(Instant.parse("2026-12-08T10:00:00Z"), ZoneOffset.UTC));
        session = newSession(settings);
    }

    @AfterEach
    void tearDown() throws IOException {
        session.connectionLost();
        try (var files = Files.list(spoolDir)) {
            assertEquals(List.of(), files.toList(), "every spool file is removed");
        }
        store.close();
    }

    SmtpSession newSession(SessionSettings s) {
        return new SmtpSession(new StoreBackend(store, Set.of("localhost")), s, "192.0.2.7", "t1", false);
    }

    /** Sends one line with CRLF; the replies as wire text, joined. */
    String send(String line) {
        return replies(session.handleLine((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    String sendRaw(String bytes) {
        return replies(session.handleLine(bytes.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static String replies(Step step) {
        return step.replies().stream().map(SmtpReply::toWireString).collect(Collectors.joining()).stripTrailing();
    }

    void transaction(String... recipients) {
        send("EHLO client.test");
        send("MAIL FROM:<carol@example.org>");
        for (String r : recipients) {
            assertTrue(send("RCPT TO:<" + r + ">").startsWith("250"));
        }
    }

    @Test
    void greetingThenEhloListsTheExtensionsWithoutEnhancedCodes() {
        assertEquals("220 localhost ESMTP MailLab ready", session.greeting().toString());
        assertEquals(String.join("\r\n", "250-localhost greets client.test", "250-PIPELINING", "250-SIZE 67108864",
                "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250-SMTPUTF8", "250-CHUNKING", "250 AUTH PLAIN LOGIN"),
                send("EHLO client.test"));
        assertEquals(SmtpState.READY, session.state());
    }

    @Test
    void commandsOutOfOrderGet503AndTheSessionGoesOn() {
        // RFC 5321 §4.1.4
        assertEquals("503 5.5.1 Bad sequence of commands: send EHLO or HELO first", send("MAIL FROM:<a@b.c>"));
        send("EHLO client.test");
        assertEquals("503 5.5.1 Bad sequence of commands: send MAIL first", send("RCPT TO:<alice@localhost>"));
        assertEquals("503 5.5.1 Bad sequence of commands: send MAIL first", send("DATA"));
        send("MAIL FROM:<a@b.c>");
        assertEquals("503 5.5.1 Bad sequence of commands: send RCPT first", send("DATA"));
        assertEquals("503 5.5.1 Bad sequence of commands: send RCPT first", send("MAIL FROM:<a@b.c>"));
        assertEquals("250 2.1.5 Recipient OK", send("RCPT TO:<alice@localhost>"));
        assertEquals("500 5.5.1 Command unrecognized", send("EXPN staff"));
        assertEquals("501 5.5.4 Syntax: DATA takes no argument", send("DATA now"));
        assertEquals(SmtpState.RECIPIENTS, session.state());
    }

    @Test
    void vrfyIsAnswered252AndTellsNothing() {
        // RFC 5321 §3.5.3
        send("EHLO client.test");
        assertEquals("252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery", send("VRFY alice"));
        assertEquals("252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery", send("VRFY nobody"));
    }

    @Test
    void relayingIsRefusedAndUnknownUsersGet550511() {
        send("EHLO client.test");
        send("MAIL FROM:<carol@example.org>");
        assertEquals("550 5.7.1 <someone@example.com>: relaying denied, this server delivers to local mailboxes only",
                send("RCPT TO:<someone@example.com>"));
        assertEquals("550 5.1.1 <nobody@localhost>: no such user here", send("RCPT TO:<nobody@localhost>"));
        assertEquals("250 2.1.5 Recipient OK", send("RCPT TO:<Alice@LOCALHOST>"));
    }

    @Test
    void theMessageIsStoredUnstuffedWithAReceivedField() {
        transaction("alice@localhost");
        assertEquals("354 End data with <CR><LF>.<CR><LF>", send("DATA"));
        assertEquals("", send("Subject: x"));
        send("");
        send("..dot");
        assertEquals("250 2.0.0 Message accepted for delivery, id t1.1", send("."));
        assertEquals(List.of("Received: from client.test ([192.0.2.7])\r\n\tby localhost (MailLab) with ESMTP id t1.1\r\n"
                + "\tfor <alice@localhost>; Tue, 8 Dec 2026 10:00:00 +0000\r\nSubject: x\r\n\r\n.dot\r\n"),
                Mail.inbox(store, "alice"));
        assertEquals(SmtpState.READY, session.state());
    }

    @Test
    void smugglingShapedLineEndsNeverEndTheData() {
        // <LF>.<LF>, <CR>.<CR>, <LF>.<CRLF> and <CRLF>.<LF> are data; only <CRLF>.<CRLF> ends it.
        transaction("alice@localhost");
        send("DATA");
        assertEquals("", sendRaw("Subject: x\r\n"));
        assertEquals("", sendRaw("a\n"));
        assertEquals("", sendRaw(".\n"));              // <LF>.<LF>
        assertEquals("", sendRaw("b\r.\rMAIL FROM:<evil@example.com>\r\n")); // <CR>.<CR> inside a line
        assertEquals("", sendRaw("c\n"));
        assertEquals("", sendRaw(".\r\n"));            // <LF>.<CRLF>
        assertEquals("", sendRaw(".\n"));              // <CRLF>.<LF>
        assertEquals("", sendRaw(".\r\n"));            // after a bare LF: still not <CRLF>.<CRLF>
        assertEquals("", sendRaw("d\r\n"));
        assertEquals(SmtpState.DATA, session.state());
        // RFC 5321 §2.3.8: the bare line ends refuse the message, once it has really ended
        assertEquals("554 5.6.0 Message refused: bare CR or LF in the data; lines end with CRLF (RFC 5321 §2.3.8)",
                sendRaw(".\r\n"));
        assertEquals(List.of(), Mail.inbox(store, "alice"));
        assertEquals("250 2.0.0 OK", send("NOOP"));
    }

    @Test
    void aDataLineOver1000OctetsRefusesTheMessageAndTheSessionGoesOn() {
        // RFC 5321 §4.5.3.1.6: 1000 octets with CRLF
        transaction("alice@localhost");
        send("DATA");
        send("x".repeat(998));
        send("y".repeat(999));
        assertEquals("554 5.6.0 Message refused: a line is longer than 1000 octets (RFC 5321 §4.5.3.1.6)", send("."));
        transaction("alice@localhost");
        send("DATA");
        send("x".repeat(998));
        assertTrue(send(".").startsWith("250 "));
    }

    @Test
    void aCommandLineTooLongForTheFramerGets500() {
        assertEquals("500 5.5.2 Line too long", replies(session.lineTooLong()));
        assertEquals(SmtpState.CONNECTED, session.state());
    }

    @Test
    void atLeast100RecipientsAreAcceptedAndThe101stGets452() {
        // RFC 5321 §4.5.3.1.8 and §4.5.3.1.10
        send("EHLO client.test");
        send("MAIL FROM:<carol@example.org>");
        for (int i = 0; i < 100; i++) {
            assertEquals("250 2.1.5 Recipient OK", send("RCPT TO:<alice@localhost>"), "recipient " + i);
        }
        assertEquals("452 4.5.3 Too many recipients", send("RCPT TO:<bob@localhost>"));
        assertEquals("354 End data with <CR><LF>.<CR><LF>", send("DATA"));
    }

    @Test
    void sizeDeclaredOrActualOverTheLimitGets552534() {
        session = newSession(settings.withMaxMessageSize(100));
        send("EHLO client.test");
        // RFC 1870 §6.1
        assertEquals("552 5.3.4 Message size exceeds fixed maximum message size", send("MAIL FROM:<c@example.org> SIZE=101"));
        assertEquals("501 5.5.4 Syntax: SIZE=<octets> (RFC 1870)", send("MAIL FROM:<c@example.org> SIZE=99999999999999999999999"));
        assertEquals("501 5.5.4 Syntax: SIZE=<octets> (RFC 1870)", send("MAIL FROM:<c@example.org> SIZE=-1"));
        assertEquals("250 2.1.0 Sender OK", send("MAIL FROM:<c@example.org> SIZE=100 BODY=8BITMIME"));
        send("RCPT TO:<alice@localhost>");
        send("DATA");
        for (int i = 0; i < 20; i++) {
            send("0123456789");
        }
        assertEquals("552 5.3.4 Message size exceeds fixed maximum message size", send("."));
        assertEquals(List.of(), Mail.inbox(store, "alice"));
    }

    @Test
    void bdatChunksMakeOneMessageAndMixingWithDataIs503() {
        // RFC 3030 §2
        transaction("alice@localhost");
        Step first = session.handleLine("BDAT 5\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Step.After.READ_CHUNK, first.after());
        session.chunk(ByteBuffer.wrap("Subje".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("250 2.0.0 5 octets received", replies(session.chunkEnd()));
        assertEquals("503 5.5.1 Bad sequence of commands: finish the message with BDAT ... LAST first", send("DATA"));
        session.handleLine("BDAT 9 LAST\r\n".getBytes(StandardCharsets.US_ASCII));
        session.chunk(ByteBuffer.wrap("ct: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(replies(session.chunkEnd()).startsWith("250 2.0.0 Message accepted"));
        assertEquals("Subject: x\r\n\r\n", Mail.withoutReceived(Mail.inbox(store, "alice").get(0)));
        Step early = session.handleLine("BDAT 3\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Step.After.SKIP_CHUNK, early.after());
        assertEquals(3, early.chunkSize());
        assertEquals("501 5.5.4 Syntax: BDAT <octets> [LAST]", send("BDAT 99999999999999999999"));
    }

    @Test
    void aFullMailboxGets452AtRcptAnd552ForTheMessage() {
        // RFC 3463: 4.2.2 and 5.2.2 mailbox full
        store.account("bob").orElseThrow().setQuota(OptionalLong.of(200), OptionalLong.empty());
        transaction("bob@localhost");
        send("DATA");
        send("x".repeat(300));
        assertEquals("552 5.2.2 <bob@localhost>: mailbox full", send("."));
        store.account("bob").orElseThrow().setQuota(OptionalLong.empty(), OptionalLong.of(0));
        send("MAIL FROM:<carol@example.org>");
        assertEquals("452 4.2.2 <bob@localhost>: mailbox full, try again later", send("RCPT TO:<bob@localhost>"));
    }

    @Test
    void lmtpAnswersEachRecipientAfterTheData() {
        // RFC 2033 §4.2
        store.account("bob").orElseThrow().setQuota(OptionalLong.of(10), OptionalLong.empty());
        session = newSession(settings.withLmtp(true));
        assertEquals("500 5.5.1 This is LMTP: greet with LHLO (RFC 2033 §4.1)", send("EHLO client.test"));
        send("LHLO mta.test");
        send("MAIL FROM:<carol@example.org>");
        send("RCPT TO:<alice@localhost>");
        send("RCPT TO:<bob@localhost>");
        send("DATA");
        send("Subject: x");
        assertEquals("250 2.1.5 <alice@localhost> delivered\r\n552 5.2.2 <bob@localhost>: mailbox full", send("."));
    }

    @Test
    void smtpUtf8AddressesNeedTheParameter() {
        // RFC 6531 §3.4
        send("EHLO client.test");
        assertEquals("553 5.6.7 Non-ASCII address needs the SMTPUTF8 parameter (RFC 6531)", send("MAIL FROM:<jöran@example.org>"));
        assertEquals("250 2.1.0 Sender OK", send("MAIL FROM:<jöran@example.org> SMTPUTF8"));
        send("RCPT TO:<alice@localhost>");
        send("DATA");
        send("Subject: grüße");
        send(".");
        assertTrue(Mail.inbox(store, "alice").get(0).contains(" with UTF8SMTP id "));
    }

    @Test
    void authPlainAndLoginCheckTheAccountAndCountFailures() {
        send("EHLO client.test");
        assertEquals("334", send("AUTH PLAIN")); // "334 " and an empty challenge
        assertTrue(session.awaitingSaslResponse());
        assertEquals("535 5.7.8 Authentication credentials invalid", send(b64("\0alice\0wrong")));
        assertEquals("334 VXNlcm5hbWU6", send("AUTH LOGIN"));
        assertEquals("334 UGFzc3dvcmQ6", send(b64("alice")));
        assertEquals("235 2.7.0 Authentication successful", send(b64("alice-secret")));
        assertEquals("503 5.5.1 Already authenticated", send("AUTH PLAIN " + b64("\0alice\0alice-secret")));
        send("MAIL FROM:<alice@localhost>");
        send("RCPT TO:<bob@localhost>");
        send("DATA");
        send(".");
        assertTrue(Mail.inbox(store, "bob").get(0).contains(" with ESMTPA id "));
    }

    @Test
    void threeFailedLoginsCloseTheSession() {
        send("EHLO client.test");
        send("AUTH PLAIN " + b64("\0alice\0x"));
        send("AUTH LOGIN");
        assertEquals("501 5.0.0 Authentication cancelled", send("*")); // RFC 4954 §4; not a failed login
        send("AUTH PLAIN " + b64("\0alice\0y"));
        Step third = session.handleLine(("AUTH PLAIN " + b64("\0alice\0z") + "\r\n").getBytes());
        assertEquals("421 4.7.0 localhost too many failed logins, closing", replies(third));
        assertEquals(Step.After.CLOSE, third.after());
        assertEquals(SmtpState.CLOSED, session.state());
    }

    @Test
    void requireTlsHidesAuthAndStartTlsForgetsTheGreeting() {
        session = newSession(settings.withTlsAvailable(true).withRequireTls(true));
        String ehlo = send("EHLO client.test");
        assertTrue(ehlo.endsWith("250 STARTTLS") && !ehlo.contains("AUTH"), ehlo);
        assertEquals("538 5.7.11 Encryption required for requested authentication mechanism", send("AUTH LOGIN"));
        Step tls = session.handleLine("STARTTLS\r\n".getBytes());
        assertEquals("220 2.0.0 Ready to start TLS", replies(tls));
        assertEquals(Step.After.START_TLS, tls.after());
        session.tlsStarted();
        // RFC 3207 §4.2: the client must greet again
        assertEquals("503 5.5.1 Bad sequence of commands: send EHLO or HELO first", send("MAIL FROM:<a@b.c>"));
        String again = send("EHLO client.test");
        assertTrue(again.contains("AUTH PLAIN LOGIN") && !again.contains("STARTTLS"), again);
    }

    @Test
    void aLargeMessageIsSpooledToAFileThatIsRemovedWhenTheConnectionDrops() throws IOException {
        transaction("alice@localhost");
        send("DATA");
        for (int i = 0; i < 100; i++) {
            send("x".repeat(100));
        }
        try (var files = Files.list(spoolDir)) {
            assertEquals(1, files.count(), "spilled past 1 KiB");
        }
        session.connectionLost(); // tearDown checks the file is gone
    }

    @Test
    void aSpoolThatCannotBeWrittenGets451AndTheSessionGoesOn() {
        session = newSession(settings.withSpool(spoolDir.resolve("missing"), 16)); // the file cannot be created
        transaction("alice@localhost");
        send("DATA");
        send("x".repeat(100));
        assertEquals("451 4.3.0 Local error in processing: the message could not be spooled, try again later", send("."));
        assertEquals(List.of(), Mail.inbox(store, "alice"));
        assertEquals("250 2.0.0 OK", send("NOOP"));
    }

    @Test
    void rsetAndEhloEndTheTransaction() {
        transaction("alice@localhost");
        assertEquals("250 2.0.0 Reset", send("RSET"));
        assertEquals(SmtpState.READY, session.state());
        assertEquals("503 5.5.1 Bad sequence of commands: send MAIL first", send("RCPT TO:<alice@localhost>"));
        transaction("alice@localhost");
        send("EHLO again.test");
        assertEquals(SmtpState.READY, session.state());
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
