package org.maillab.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.maillab.pop3.session.Pop3Session;
import org.maillab.pop3.session.Reply;
import org.maillab.pop3.session.SessionSettings;
import org.maillab.pop3.testing.FakeStore;
import org.maillab.transport.framing.FrameEvent;
import org.maillab.transport.framing.Framer;
import org.maillab.transport.wire.CredentialMask;

/**
 * Coverage-guided fuzzing (docs/fuzzing.md) of what a POP3 server does with a client's bytes: the
 * transport's line framer, the command parser, then a session over a small maildrop. Each line must
 * parse to a command, {@link Command.Unknown} or {@link Command.Malformed}; a command survives the round
 * trip through {@link Command#toLine()}; its masked form never shows a password; and the session answers
 * every line with exactly one well-formed reply ({@code +OK}, {@code -ERR} or a SASL {@code +}), a
 * multi-line one ending with the terminator, and after a reply that closes it, nothing more is read.
 */
class CommandParserFuzzTest {

    private static final int MAX_LINE = 255; // RFC 2449 §4: 255 octets for a command line with CRLF

    @FuzzTest(maxDuration = "10m")
    void framerParserAndSession(byte[] input) {
        List<FrameEvent> whole = frame(input, input.length);
        assertEquals(whole, frame(input, 1), "the same lines whether fed whole or octet by octet");
        FakeStore store = new FakeStore();
        store.add("alice", "wonderland").deliver("Subject: one\r\n\r\nFirst.\r\n.dot line\r\n");
        store.add("bob", "builder");
        Pop3Session session = new Pop3Session(store, SessionSettings.DEFAULTS, "<1.2@maillab.test>", false);
        assertTrue(wire(session.greeting()).startsWith("+OK "));
        for (FrameEvent e : whole) {
            Reply reply;
            if (e instanceof FrameEvent.Line line) {
                checkParser(line.bytes());
                reply = session.handleLine(line.bytes());
            } else {
                assertTrue(e instanceof FrameEvent.LineTooLong, e::toString);
                reply = session.lineTooLong();
            }
            checkReply(reply);
            if (reply.after() == Reply.After.CLOSE) {
                break;
            }
        }
        session.connectionLost();
    }

    private static List<FrameEvent> frame(byte[] input, int step) {
        Framer framer = new Framer(MAX_LINE);
        List<FrameEvent> events = new ArrayList<>();
        for (int at = 0; at < input.length; at += step) {
            ByteBuffer piece = ByteBuffer.wrap(input, at, Math.min(step, input.length - at));
            for (FrameEvent e = framer.next(piece); e != null; e = framer.next(piece)) {
                if (e instanceof FrameEvent.Line line) {
                    assertTrue(line.bytes().length <= MAX_LINE, "a line over the limit");
                }
                events.add(e);
            }
        }
        return events;
    }

    static void checkParser(byte[] line) {
        Command command = CommandParser.parse(line);
        assertNotNull(command);
        String keyword = command.keyword();
        assertEquals(keyword, keyword.toUpperCase(java.util.Locale.ROOT), "keywords are upper case");
        if (command instanceof Command.Malformed || command instanceof Command.Unknown) {
            return;
        }
        assertEquals(command, CommandParser.parse(command.toWire()), () -> "round trip through " + command.toLine());
        String masked = command.toMaskedLine();
        if (command instanceof Command.Pass pass) {
            assertEquals("PASS " + CredentialMask.MASK, masked);
        } else if (command instanceof Command.Apop apop) {
            assertEquals("APOP " + apop.name() + " " + CredentialMask.MASK, masked, "the digest stands for the password");
        } else if (command instanceof Command.Auth auth && auth.initialResponse().isPresent()) {
            // the shared rule may hide an odd mechanism name too (it reads a quote as IMAP would): more hidden, never less
            String shown = "AUTH " + auth.mechanism().orElseThrow() + " " + CredentialMask.MASK;
            assertTrue(masked.equals(shown) || masked.equals("AUTH " + CredentialMask.MASK), masked);
        } else {
            assertEquals(command.toLine(), masked);
        }
    }

    private static void checkReply(Reply reply) {
        assertNotNull(reply);
        String text = wire(reply.response());
        assertTrue(text.endsWith("\r\n"), text);
        String status = text.substring(0, text.indexOf("\r\n"));
        assertTrue(status.startsWith("+OK") || status.startsWith("-ERR") || status.startsWith("+ "),
                () -> "not a POP3 reply: " + status);
        assertFalse(status.contains("\r") || status.contains("\n"), status);
        if (reply.response() instanceof Response.MultiLine) {
            assertTrue(text.endsWith("\r\n.\r\n"), "a multi-line reply ends with the terminator");
        } else {
            assertEquals(status.length() + 2, text.length(), "a single-line reply is one line");
        }
    }

    private static String wire(Response response) {
        try (InputStream in = response.toWire()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
