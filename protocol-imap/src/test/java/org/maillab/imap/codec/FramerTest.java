package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FramerTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Framer server() {
        return new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory());
    }

    private static Frame complete(FramerEvent e) {
        return assertInstanceOf(FramerEvent.Complete.class, e).frame();
    }

    @Test
    void aLineWithoutLiteralIsOneFrame() {
        List<FramerEvent> events = server().feed(b("a1 NOOP\r\n"));
        assertEquals(1, events.size());
        assertEquals("a1 NOOP", complete(events.get(0)).describe());
    }

    @Test
    void bareLfEndsALineToo() {
        List<FramerEvent> events = server().feed(b("a1 NOOP\n"));
        assertEquals("a1 NOOP", complete(events.get(0)).describe());
    }

    @Test
    void synchronizingLiteralAsksForContinuationBeforeItsOctets_rfc9051_4_3() {
        Framer f = server();
        List<FramerEvent> first = f.feed(b("a LOGIN {4}\r\n"));
        assertEquals(List.of(new FramerEvent.ContinuationNeeded(4)), first);
        List<FramerEvent> rest = f.feed(b("fred secret\r\n"));
        Frame frame = complete(rest.get(0));
        assertEquals(3, frame.fragments().size());
        ParsedCommand parsed = CommandParser.parse(frame);
        assertEquals(new ParsedCommand.Ok("a", new Command.Login("fred", "secret")), parsed);
    }

    @Test
    void nonSynchronizingLiteralNeedsNoContinuation_rfc7888() {
        List<FramerEvent> events = server().feed(b("a LOGIN {4+}\r\nfred {6+}\r\nsecret\r\n"));
        assertEquals(1, events.size());
        assertEquals(new ParsedCommand.Ok("a", new Command.Login("fred", "secret")),
                CommandParser.parse(complete(events.get(0))));
    }

    @Test
    void literalOctetsAreNeverReadAsCommands() {
        List<FramerEvent> events = server().feed(b("a LOGIN {8+}\r\nb LOGOUT x\r\n"));
        assertEquals(1, events.size());
        assertEquals(new ParsedCommand.Ok("a", new Command.Login("b LOGOUT", "x")),
                CommandParser.parse(complete(events.get(0))));
    }

    @Test
    void feedingOneByteAtATimeGivesTheSameFrames() {
        byte[] input = b("a LOGIN {4}\r\nfred {6+}\r\nsecret\r\nb NOOP\r\n");
        List<FramerEvent> whole = server().feed(input);
        Framer f = server();
        List<FramerEvent> pieces = new ArrayList<>();
        for (byte x : input) {
            pieces.addAll(f.feed(new byte[] {x}));
        }
        assertEquals(whole.toString(), pieces.toString());
        assertEquals(3, pieces.size());
    }

    @Test
    void overlongLineIsDiscardedWithItsTagAndTheNextCommandWorks() {
        FramerLimits limits = new FramerLimits(100, 1000, 10_000, 100, false, 10_000, 8);
        Framer f = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
        List<FramerEvent> events = f.feed(b("t7 SEARCH " + "X".repeat(500) + "\r\nt8 NOOP\r\n"));
        assertEquals(new FramerEvent.Rejected(Optional.of("t7"), FramerEvent.Reason.LINE_TOO_LONG, false),
                events.get(0));
        assertEquals("t8 NOOP", complete(events.get(1)).describe());
    }


    /** Found by FramerFuzzTest: one octet over the limit slipped through when a bare LF ended the line. */
    @Test
    void aLineOneOctetOverTheLimitIsRejectedWhateverEndsIt() {
        FramerLimits limits = new FramerLimits(100, 1000, 10_000, 100, false, 10_000, 8);
        String over = "t7 " + "X".repeat(98); // 101 octets
        for (String end : List.of("\n", "\r\n")) {
            Framer f = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
            List<FramerEvent> events = f.feed(b(over + end + "t8 NOOP" + end));
            assertEquals(new FramerEvent.Rejected(Optional.of("t7"), FramerEvent.Reason.LINE_TOO_LONG, false),
                    events.get(0), end.length() + "-octet line end");
            assertEquals("t8 NOOP", complete(events.get(1)).describe());
        }
        Framer f = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
        assertEquals(over.substring(1), complete(f.feed(b(over.substring(1) + "\n")).get(0)).describe());
    }

    /** The same, when the over-long line announces a non-synchronizing literal: its octets are skipped. */
    @Test
    void aLineOneOctetOverTheLimitWithALiteralSkipsTheLiteral() {
        FramerLimits limits = new FramerLimits(100, 1000, 10_000, 100, false, 10_000, 8);
        String over = "t7 LOGIN " + "X".repeat(87) + " {5+}"; // 101 octets
        Framer f = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
        List<FramerEvent> events = f.feed(b(over + "\nhello\r\nt8 NOOP\r\n"));
        assertEquals(new FramerEvent.Rejected(Optional.of("t7"), FramerEvent.Reason.LINE_TOO_LONG, false),
                events.get(0));
        assertEquals("t8 NOOP", complete(events.get(1)).describe());
        assertEquals(2, events.size());
    }
    @Test
    void overlongSyncLiteralIsRefusedWithoutContinuation_rfc7888_4() {
        Framer f = server();
        List<FramerEvent> events = f.feed(b("a LOGIN {999999999}\r\n"));
        assertEquals(List.of(new FramerEvent.Rejected(Optional.of("a"), FramerEvent.Reason.LITERAL_TOO_LARGE,
                false)), events);
        assertEquals("b NOOP", complete(f.feed(b("b NOOP\r\n")).get(0)).describe());
    }

    @Test
    void literalAnnouncedAsTwoGigabytesEndsTheConnectionWhenNonSync() {
        List<FramerEvent> events = server().feed(b("a APPEND INBOX {2147483648+}\r\nxxxx"));
        assertEquals(List.of(new FramerEvent.Rejected(Optional.of("a"), FramerEvent.Reason.LITERAL_TOO_LARGE,
                true)), events);
    }

    @Test
    void rejectedSmallNonSyncLiteralIsSkippedAndTheStreamResynchronizes() {
        FramerLimits limits = new FramerLimits(100, 10, 10_000, 100, false, 10_000, 8);
        Framer f = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
        List<FramerEvent> events = f.feed(b("a LOGIN {20+}\r\n01234567890123456789 {3+}\r\nabc\r\nb NOOP\r\n"));
        assertEquals(2, events.size());
        assertEquals(new FramerEvent.Rejected(Optional.of("a"), FramerEvent.Reason.LITERAL_TOO_LARGE, false),
                events.get(0));
        assertEquals("b NOOP", complete(events.get(1)).describe());
    }

    @Test
    void appendMayCarryLargerLiteralsThanOtherCommands() {
        FramerLimits limits = new FramerLimits(100, 10, 10_000, 100, false, 10_000, 8);
        Framer f = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
        List<FramerEvent> events = f.feed(b("a APPEND INBOX {20+}\r\n01234567890123456789\r\n"));
        assertInstanceOf(FramerEvent.Complete.class, events.get(0));
    }

    @Test
    void literalMinusRefusesNonSyncLiteralsOver4096_rfc7888_5() {
        FramerLimits limits = new FramerLimits(1000, 100_000, 100_000, 100, true, 100_000, 8);
        Framer f = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
        List<FramerEvent> events = f.feed(b("a APPEND INBOX {4097+}\r\n"));
        assertEquals(new FramerEvent.Rejected(Optional.of("a"), FramerEvent.Reason.LITERAL_TOO_LARGE, false),
                events.get(0));
        Framer g = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
        assertEquals(List.of(), g.feed(b("a APPEND INBOX {4096+}\r\n")));
    }

    @Test
    void largeLiteralsGoToTheSpoolAndAVanishedClientLeavesNothing() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger aborted = new AtomicInteger();
        LiteralSpooler counting = size -> {
            started.incrementAndGet();
            LiteralSpooler.Spool inner = LiteralSpooler.inMemory().start(size);
            return new LiteralSpooler.Spool() {
                @Override
                public void write(byte[] bytes, int offset, int length) {
                    inner.write(bytes, offset, length);
                }

                @Override
                public Literal finish() {
                    return inner.finish();
                }

                @Override
                public void abort() {
                    aborted.incrementAndGet();
                    inner.abort();
                }
            };
        };
        Framer f = new Framer(Framer.Role.SERVER, FramerLimits.defaults().withInMemoryThreshold(16), counting);
        f.feed(b("a APPEND INBOX {100+}\r\nonly part of it"));
        assertTrue(f.midCommand());
        f.close();
        assertEquals(1, started.get());
        assertEquals(1, aborted.get());
        assertFalse(f.midCommand());
    }

    @Test
    void tempFileSpoolHoldsTheOctetsAndReleaseDeletesThem() {
        Framer f = new Framer(Framer.Role.SERVER, FramerLimits.defaults().withInMemoryThreshold(4),
                LiteralSpooler.tempFiles());
        List<FramerEvent> events = f.feed(b("a APPEND INBOX {10+}\r\n0123456789\r\n"));
        ParsedCommand.Ok ok = assertInstanceOf(ParsedCommand.Ok.class,
                CommandParser.parse(complete(events.get(0))));
        Command.Append append = assertInstanceOf(Command.Append.class, ok.command());
        assertEquals("0123456789", new String(append.message().readAll(), StandardCharsets.US_ASCII));
        append.message().release();
    }

    @Test
    void zeroLengthLiteralCompletesAtOnce() {
        Framer f = server();
        assertEquals(List.of(new FramerEvent.ContinuationNeeded(0)), f.feed(b("a LOGIN {0}\r\n")));
        List<FramerEvent> events = f.feed(b(" x\r\n"));
        assertEquals(new ParsedCommand.Ok("a", new Command.Login("", "x")), CommandParser.parse(complete(events.get(0))));
    }

    @Test
    void clientRoleNeverAsksForContinuation() {
        Framer f = new Framer(Framer.Role.CLIENT, FramerLimits.defaults(), LiteralSpooler.inMemory());
        List<FramerEvent> events = f.feed(b("* 1 FETCH (BODY[] {3}\r\nabc)\r\n"));
        assertEquals(1, events.size());
        assertInstanceOf(FramerEvent.Complete.class, events.get(0));
    }

    @Test
    void tooManyLiteralsInOneCommandAreRefused() {
        FramerLimits limits = new FramerLimits(1000, 100, 100, 100, false, 100, 2);
        Framer f = new Framer(Framer.Role.SERVER, limits, LiteralSpooler.inMemory());
        List<FramerEvent> events = f.feed(b("a X {1+}\r\na {1+}\r\nb {1+}\r\nc\r\nb NOOP\r\n"));
        assertEquals(new FramerEvent.Rejected(Optional.of("a"), FramerEvent.Reason.TOO_MANY_LITERALS, false),
                events.get(0));
        assertEquals("b NOOP", complete(events.get(events.size() - 1)).describe());
    }
}
