package org.maillab.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.smtp.server.StoreBackend;
import org.maillab.smtp.session.SessionSettings;
import org.maillab.smtp.session.SmtpSession;
import org.maillab.smtp.session.SmtpState;
import org.maillab.smtp.session.Step;

/** Hostile input: the parser, the DATA reader and the session are total over any bytes. */
class CommandParserProperties {

    @Provide
    Arbitrary<byte[]> lines() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        // command-shaped lines reach deeper into the grammar than noise does
        Arbitrary<byte[]> shaped = Arbitraries.of("MAIL FROM:", "RCPT TO:", "EHLO ", "BDAT ", "AUTH ", "MAIL FROM:<",
                "RCPT TO:<a@", "DATA", "VRFY ", "STARTTLS", "LHLO ").flatMap(prefix -> Arbitraries.strings()
                .withChars("<>@.:=\"\\ []-abcAZ09\u00e9\u0000\r\n").ofMaxLength(80)
                .map(rest -> (prefix + rest).getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(random, shaped);
    }

    @Provide
    Arbitrary<List<byte[]>> lineLists() {
        return lines().list().ofMaxSize(40);
    }

    @Property(tries = 3000, seed = "20261208")
    void anyLineParsesToACommandOrAnErrorReply(@ForAll("lines") byte[] line) {
        SmtpCommand command = CommandParser.parse(line);
        assertNotNull(command);
        if (command instanceof SmtpCommand.Invalid invalid) {
            assertTrue(invalid.reply().code() >= 500, invalid.toString());
        }
    }

    @Property(tries = 500, seed = "20261208")
    void theDataReaderNeverEndsExceptAtCrlfDotCrlf(@ForAll("lineLists") List<byte[]> data) throws Exception {
        DataReader reader = new DataReader(new ByteArrayOutputStream(), 1_000_000);
        boolean afterCrlf = true;
        for (byte[] content : data) {
            byte[] line = java.util.Arrays.copyOf(content, content.length + 1);
            line[content.length] = '\n'; // the framer always ends a line at an LF
            boolean crlf = line.length >= 2 && line[line.length - 2] == '\r';
            boolean end = reader.line(line);
            assertEquals(afterCrlf && crlf && line.length == 3 && line[0] == '.', end);
            if (end) {
                return;
            }
            afterCrlf = crlf;
        }
    }

    @Property(tries = 300, seed = "20261208")
    void aSessionAnswersAnySequenceOfLinesWithoutThrowing(@ForAll("lineLists") List<byte[]> lines) {
        try (InMemoryStore store = new InMemoryStore()) {
            store.createAccount("a", "pw", false);
            SmtpSession session = new SmtpSession(new StoreBackend(store, Set.of("b")),
                    SessionSettings.defaults().withSpool(null, 256).withClock(Clock.systemUTC()), "127.0.0.1", "p", false);
            for (byte[] content : lines) {
                if (session.state() == SmtpState.CLOSED) {
                    break;
                }
                byte[] line = java.util.Arrays.copyOf(content, content.length + 2);
                line[content.length] = '\r';
                line[content.length + 1] = '\n';
                Step step = session.handleLine(line);
                if (step.after() == Step.After.READ_CHUNK) {
                    session.chunk(java.nio.ByteBuffer.wrap(new byte[(int) Math.min(step.chunkSize(), 64)]));
                    if (step.chunkSize() <= 64) {
                        session.chunkEnd();
                    } else {
                        break; // the transport would wait for the rest of the chunk
                    }
                }
                if (step.after() == Step.After.START_TLS) {
                    session.tlsStarted();
                }
            }
            session.connectionLost();
        }
    }
}
