package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing (docs/fuzzing.md) of what a client does with the bytes a server sends: the
 * framer in the client role, then the response parser. Besides the framing invariants of
 * {@link FramingChecks}, every frame must parse to a response or an error with a reason, and every
 * response must survive a round trip: formatted by {@link ResponseFormatter}, framed and parsed again,
 * it is the same response. The corpus is the server lines of the transcripts, the examples of RFC 9051
 * and its extensions, and what fuzzing found since.
 */
class ResponseParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void framerThenResponseParser(byte[] input) {
        FramingChecks.forEachFrame(Framer.Role.CLIENT, FramingChecks.SMALL, input, ResponseParserFuzzTest::parseChecked);
    }

    static void parseChecked(Frame frame) {
        ParsedResponse parsed = ResponseParser.parse(frame);
        assertNotNull(parsed);
        if (parsed instanceof ParsedResponse.Error error) {
            assertFalse(error.reason() == null || error.reason().isBlank(), "an error without a reason");
            return;
        }
        ParsedResponse.Ok ok = (ParsedResponse.Ok) parsed;
        assertNotNull(ok.response());
        byte[] wire = ResponseFormatter.format(ok.response()).toBytes();
        ParsedResponse again = reparse(wire);
        if (conforming(frame)) {
            assertEquals(ok, again, () -> "round trip through " + FramingChecks.latin1(wire));
            return;
        }
        // The parser is lenient with what RFC 9051 leaves out of its lines (a bare CR, 8-bit octets
        // outside strings): it reads a CR in text as is and an 8-bit octet in a response code as U+FFFD,
        // and the formatter writes a CR as a space and U+FFFD as UTF-8. What it writes must still parse.
        assertInstanceOf(ParsedResponse.Ok.class, again, () -> FramingChecks.latin1(wire));
    }

    private static ParsedResponse reparse(byte[] wire) {
        List<Frame> frames = new ArrayList<>();
        for (FramerEvent e : new Framer(Framer.Role.CLIENT, FramerLimits.defaults(), LiteralSpooler.inMemory())
                .feed(wire)) {
            if (e instanceof FramerEvent.Complete c) {
                frames.add(c.frame());
            }
        }
        assertEquals(1, frames.size(), () -> "formatted as more or less than one response: "
                + FramingChecks.latin1(wire));
        return ResponseParser.parse(frames.get(0));
    }

    /** Lines of 7-bit octets without a CR inside: what RFC 9051 allows outside literals. */
    private static boolean conforming(Frame frame) {
        for (Frame.Fragment f : frame.fragments()) {
            if (f instanceof Frame.Fragment.Line line) {
                for (byte b : line.bytes()) {
                    if (b == '\r' || b < 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
