package org.maillab.smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.smtp.codec.CommandParser;
import org.maillab.smtp.codec.SmtpCommand;
import org.maillab.smtp.codec.SmtpReply;
import org.maillab.smtp.server.StoreBackend;

/**
 * Coverage-guided fuzzing (docs/fuzzing.md) of what an SMTP server does with a client's bytes: lines as
 * the transport hands them over with their line ends kept (up to and including each LF), the command
 * parser, then a session delivering into an in-memory store. Each line parses to a command or an error
 * reply of class 5; every reply is a well-formed one (a 2xx-5xx code, CRLF-ended lines); BDAT chunks
 * are fed as announced; whatever is stored carries its trace field; after the session closes, nothing
 * more is read.
 */
class SmtpSessionFuzzTest {

    private static final int MAX_LINE = 1000; // RFC 5321 §4.5.3.1.6, with CRLF

    @FuzzTest(maxDuration = "10m")
    void linesParserAndSession(byte[] input) {
        try (InMemoryStore store = new InMemoryStore()) {
            Account alice = store.createAccount("alice", "wonderland", false);
            SmtpSession session = new SmtpSession(new StoreBackend(store, Set.of("localhost")),
                    SessionSettings.defaults().withSpool(null, 4096).withClock(Clock.systemUTC()), "127.0.0.1", "f", false);
            checkReply(session.greeting());
            int at = 0;
            while (at < input.length && session.state() != SmtpState.CLOSED) {
                int lf = indexOf(input, (byte) '\n', at);
                int end = lf < 0 ? input.length : lf + 1;
                byte[] line = Arrays.copyOfRange(input, at, end);
                at = end;
                Step step;
                if (line.length > MAX_LINE) {
                    step = session.lineTooLong();
                } else {
                    SmtpCommand command = CommandParser.parse(line);
                    assertNotNull(command);
                    if (command instanceof SmtpCommand.Invalid invalid) {
                        assertTrue(invalid.reply().code() >= 500 && invalid.reply().code() < 600, invalid.toString());
                    }
                    step = session.handleLine(line);
                }
                step.replies().forEach(SmtpSessionFuzzTest::checkReply);
                if (step.after() == Step.After.READ_CHUNK) {
                    long size = step.chunkSize();
                    assertTrue(size >= 0, "a chunk size is never negative");
                    int take = (int) Math.min(size, input.length - at);
                    session.chunk(ByteBuffer.wrap(input, at, take));
                    at += take;
                    if (take < size) {
                        break; // the client vanished inside the chunk: the transport would wait, then lose it
                    }
                    session.chunkEnd().replies().forEach(SmtpSessionFuzzTest::checkReply);
                } else if (step.after() == Step.After.START_TLS) {
                    session.tlsStarted();
                }
            }
            session.connectionLost();
            try (var inbox = alice.open("INBOX", true)) {
                for (var message : inbox.messages()) {
                    assertTrue(message.size() > "Received: ".length(), "a stored message has at least its trace field");
                }
            }
        }
    }

    private static void checkReply(SmtpReply reply) {
        assertTrue(reply.code() >= 200 && reply.code() < 600, () -> "reply code " + reply.code());
        String wire = reply.toWireString();
        assertTrue(wire.endsWith("\r\n"), wire);
        List<String> lines = new ArrayList<>(Arrays.asList(wire.split("\r\n", -1)));
        lines.remove(lines.size() - 1);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            assertTrue(l.startsWith(reply.code() + (i == lines.size() - 1 ? " " : "-")) || l.equals(Integer.toString(reply.code())), l);
            assertEquals(-1, l.indexOf('\n'), "no bare LF inside a reply line");
        }
        assertEquals(wire, new String(reply.toWire(), StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
