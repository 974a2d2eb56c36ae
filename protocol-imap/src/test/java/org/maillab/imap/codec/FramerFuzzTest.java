package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing (docs/fuzzing.md) of what a server does with the bytes a client sends: the
 * framer, then the command parser, as the bytes arrive. Besides "no exception", each input must keep
 * the framing invariants of {@link FramingChecks}, the parser must answer every frame with a command or
 * a BAD reason (and a tag only if it is one), and every command it accepts must survive a round trip:
 * formatted again, framed and parsed, it is the same command. The corpus is the transcripts of
 * {@code src/test/resources/transcripts}, the examples of RFC 9051 and what fuzzing found since.
 */
class FramerFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void framerThenCommandParser(byte[] input) {
        FramingChecks.forEachFrame(Framer.Role.SERVER, FramingChecks.SMALL, input, FramerFuzzTest::parseChecked);
        FramingChecks.forEachFrame(Framer.Role.SERVER, FramingChecks.SMALL_LITERAL_MINUS, input, frame -> {
        });
    }

    static void parseChecked(Frame frame) {
        ParsedCommand parsed = CommandParser.parse(frame);
        assertNotNull(parsed);
        if (parsed instanceof ParsedCommand.Error error) {
            error.tag().ifPresent(tag -> assertTrue(Syntax.isTag(tag), "BAD with a bad tag: " + tag));
            assertFalse(error.reason() == null || error.reason().isBlank(), "BAD without a reason");
            return;
        }
        ParsedCommand.Ok ok = (ParsedCommand.Ok) parsed;
        assertTrue(Syntax.isTag(ok.tag()), ok::toString);
        assertNotNull(ok.command());
        roundTrip(ok, false, false);
        roundTrip(ok, true, true);
    }

    private static void roundTrip(ParsedCommand.Ok ok, boolean literalPlus, boolean utf8) {
        byte[] wire = CommandFormatter.format(ok.tag(), ok.command(), literalPlus, utf8).toBytes();
        List<Frame> again = new ArrayList<>();
        for (FramerEvent e : new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory())
                .feed(wire)) {
            if (e instanceof FramerEvent.Complete c) {
                again.add(c.frame());
            }
        }
        String text = FramingChecks.latin1(wire);
        assertEquals(1, again.size(), () -> "formatted as more or less than one command: " + text);
        assertEquals(ok, CommandParser.parse(again.get(0)), () -> "round trip through " + text);
    }
}
