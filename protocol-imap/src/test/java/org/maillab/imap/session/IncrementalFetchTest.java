package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Framer;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.LiteralSpooler;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;
import org.maillab.imap.codec.Section;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * FETCH answered message by message ({@link ImapSession#answerIncrementally()}), as the server does:
 * each message's literals are opened when its response is made, so another session's EXPUNGE after
 * that cannot take the octets away (an open Maildir file keeps its bytes), and a message expunged
 * before its turn is still sent whole: the store keeps it for this session until it is told of the
 * EXPUNGE (RFC 2180 §4.1.1).
 */
class IncrementalFetchTest {

    static final String MULTIPART = "Subject: Report\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b1\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "See the attachment.\r\n"
            + "--b1\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "AAECAwQFBgc=\r\n"
            + "--b1--\r\n";

    @TempDir
    Path dir;
    private MailStore store;
    private ImapSession a;
    private ImapSession b;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Fred's INBOX: the three fixture messages and a multipart one; A answers incrementally, B does not. */
    private void start(String kind) {
        store = kind.equals("maildir") ? MaildirStore.open(dir) : new InMemoryStore();
        Account fred = store.createAccount("fred", "secret", false);
        for (String m : List.of(Fixture.MESSAGE_1, Fixture.MESSAGE_2, Fixture.MESSAGE_3, MULTIPART)) {
            fred.append("INBOX", new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                    Instant.parse("2026-01-01T10:00:00Z"));
        }
        a = new ImapSession(store, SessionConfig.defaults());
        a.answerIncrementally();
        b = new ImapSession(store, SessionConfig.defaults());
        for (ImapSession s : List.of(a, b)) {
            assertTrue(text(s.handle(CommandParser.parse("l LOGIN fred secret")).responses()).contains("l OK"));
            assertTrue(text(s.handle(CommandParser.parse("s SELECT INBOX")).responses()).contains("s OK"));
        }
    }

    private void bExpunges(String set) {
        text(b.handle(CommandParser.parse("b1 STORE " + set + " +FLAGS.SILENT (\\Deleted)")).responses());
        assertTrue(text(b.handle(CommandParser.parse("b2 EXPUNGE")).responses()).contains("b2 OK"));
    }

    private static String text(List<Response> responses) {
        StringBuilder sb = new StringBuilder();
        for (Response r : responses) {
            sb.append(ResponseFormatter.format(r).text());
        }
        return sb.toString();
    }

    private static String body(int seq, String message) {
        return "* " + seq + " FETCH (BODY[] {" + message.length() + "}\r\n" + message + ")\r\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"maildir", "memory"})
    void aMessageExpungedByAnotherSessionIsStillSentWhole_rfc2180_4_1_1(String kind) {
        start(kind);
        assertEquals(List.of(), a.handle(CommandParser.parse("f FETCH 1:3 BODY.PEEK[]")).responses());
        assertTrue(a.answering());
        List<Response> first = a.continueAnswer();
        bExpunges("1,3");
        List<Response> second = a.continueAnswer();
        List<Response> third = a.continueAnswer();
        String end = text(a.continueAnswer());
        assertFalse(a.answering());
        // Message 1's response was made before the expunge, message 3's after it: both are sent whole.
        assertEquals(body(1, Fixture.MESSAGE_1), text(first));
        assertEquals(body(2, Fixture.MESSAGE_2), text(second));
        assertEquals(body(3, Fixture.MESSAGE_3), text(third), "message 3 is gone before its turn: still sent");
        assertEquals("* 1 FETCH (FLAGS (\\Deleted \\Recent))\r\n* 3 FETCH (FLAGS (\\Deleted \\Recent))\r\n"
                + "f OK FETCH completed\r\n", end);
        assertEquals("* 1 EXPUNGE\r\n* 2 EXPUNGE\r\nn OK NOOP completed\r\n",
                text(a.handle(CommandParser.parse("n NOOP")).responses()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maildir", "memory"})
    void uidFetchStillSendsTheMessageExpungedBeforeItsTurn_rfc2180_4_1_1(String kind) {
        start(kind);
        a.handle(CommandParser.parse("f UID FETCH 1:3 BODY.PEEK[]"));
        List<Response> first = a.continueAnswer();
        bExpunges("2");
        StringBuilder rest = new StringBuilder();
        while (a.answering()) {
            rest.append(text(a.continueAnswer()));
        }
        assertEquals("* 1 FETCH (UID 1 BODY[] {" + Fixture.MESSAGE_1.length() + "}\r\n" + Fixture.MESSAGE_1 + ")\r\n",
                text(first));
        assertEquals("* 2 FETCH (UID 2 BODY[] {" + Fixture.MESSAGE_2.length() + "}\r\n" + Fixture.MESSAGE_2 + ")\r\n"
                + "* 3 FETCH (UID 3 BODY[] {" + Fixture.MESSAGE_3.length() + "}\r\n" + Fixture.MESSAGE_3 + ")\r\n"
                + "* 2 FETCH (UID 2 FLAGS (\\Deleted \\Recent))\r\n* 2 EXPUNGE\r\nf OK FETCH completed\r\n",
                rest.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maildir", "memory"})
    void partialAndBinaryItemsAreOpenedWithTheirResponse_rfc9051_6_4_5_rfc3516(String kind) {
        start(kind);
        a.handle(CommandParser.parse("f FETCH 4 (BODY.PEEK[1]<4.3> BINARY.PEEK[2] BINARY.PEEK[2]<2.3>)"));
        List<Response> response = a.continueAnswer();
        bExpunges("4");
        List<Response> end = a.continueAnswer();
        assertFalse(a.answering());
        byte[] expected = ("* 4 FETCH (BODY[1]<4> {3}\r\nthe BINARY[2] ~{8}\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] wire = ResponseFormatter.format(response.get(0)).toBytes();
        byte[] start = java.util.Arrays.copyOf(wire, expected.length);
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(start, StandardCharsets.ISO_8859_1));
        assertEquals("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007 BINARY[2]<2> ~{3}\r\n\u0002\u0003\u0004)\r\n",
                new String(wire, expected.length, wire.length - expected.length, StandardCharsets.ISO_8859_1));
        assertEquals("* 4 FETCH (FLAGS (\\Deleted \\Recent))\r\nf OK FETCH completed\r\n", text(end));
    }

    @Test
    void commandsReceivedWhileAnAnswerIsMadeWaitForIt() {
        start("memory");
        ImapConnection connection = new ImapConnection(a,
                new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory()));
        ImapConnection.Result result = connection.onBytes(ByteBuffer.wrap(
                "f FETCH 1:2 BODY.PEEK[]\r\nn NOOP\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(), result.output());
        StringBuilder out = new StringBuilder();
        while (connection.answering()) {
            connection.continueAnswer().output().forEach(e -> out.append(e.text()));
        }
        assertEquals(body(1, Fixture.MESSAGE_1) + body(2, Fixture.MESSAGE_2) + "f OK FETCH completed\r\n"
                + "n OK NOOP completed\r\n", out.toString());
    }

    @Test
    void retainingOpensTheOctetsNowAndReleasingClosesThemUnread() {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Literal lazy = Literal.ofStream(3, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)) {
                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        });
        Literal retained = lazy.retain();
        assertEquals(1, opened.get());
        retained.release();
        assertEquals(1, closed.get());
        assertThrows(IllegalStateException.class, retained::open);
        Literal inMemory = Literal.of("abc");
        assertTrue(inMemory.retain() == inMemory);
    }

    @Test
    void aMessageThatCannotBeOpenedWholeReleasesWhatWasOpened() {
        AtomicInteger closed = new AtomicInteger();
        Literal header = Literal.ofStream(3, () -> new ByteArrayInputStream(new byte[3]) {
            @Override
            public void close() {
                closed.incrementAndGet();
            }
        });
        Literal text = Literal.ofStream(3, () -> {
            throw new MailStoreException(MailStoreException.Reason.NONEXISTENT, "the message file is gone");
        });
        List<FetchData> items = List.of(
                new FetchData.BodySection(Section.of(Section.Text.HEADER), OptionalLong.empty(), Optional.of(header)),
                new FetchData.BodySection(Section.of(Section.Text.TEXT), OptionalLong.empty(), Optional.of(text)));
        assertThrows(MailStoreException.class, () -> FetchResponder.retain(items));
        assertEquals(1, closed.get());
    }
}
