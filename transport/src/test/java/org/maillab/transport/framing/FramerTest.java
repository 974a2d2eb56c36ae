package org.maillab.transport.framing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramerTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    private static FrameEvent line(String s) {
        return new FrameEvent.Line(s.getBytes(ISO_8859_1));
    }

    /** All events from one buffer, without literals. */
    private static List<FrameEvent> all(Framer framer, String input) {
        ByteBuffer in = bytes(input);
        List<FrameEvent> events = new ArrayList<>();
        FrameEvent e;
        while ((e = framer.next(in)) != null) {
            events.add(e);
        }
        return events;
    }

    @Test
    void linesEndWithCrlfOrABareLfAndLoseTheirTerminator() {
        assertEquals(List.of(line("USER alice"), line("PASS x"), line("")),
                all(new Framer(100), "USER alice\r\nPASS x\n\r\n"));
    }

    @Test
    void aCrInsideALineIsKept() {
        assertEquals(List.of(line("a\rb"), line("c\r")), all(new Framer(100), "a\rb\r\nc\r\r\n"));
    }

    @Test
    void linesKeepTheirTerminatorWhenAskedSoSmtpCanTellCrlfFromABareLf() {
        // RFC 5321 §2.3.8: SMTP's DATA must see which line end the client sent.
        assertEquals(List.of(line("MAIL\r\n"), line(".\n"), line("a\rb\n"), line("\r\n")),
                all(new Framer(100, 16, true), "MAIL\r\n.\na\rb\n\r\n"));
    }

    @Test
    void aKeptTerminatorDoesNotCountTowardsTheMaximum() {
        assertEquals(List.of(line("abcd\r\n"), new FrameEvent.LineTooLong(5)),
                all(new Framer(4, 16, true), "abcd\r\nabcde\r\n"));
    }

    @Test
    void anIncompleteLineWaitsForMoreInput() {
        Framer f = new Framer(100);
        ByteBuffer in = bytes("NO");
        assertNull(f.next(in));
        assertEquals(0, in.remaining());
        assertEquals(line("NOOP"), f.next(bytes("OP\r\n")));
    }

    @Test
    void aCrlfSplitBetweenTwoReadsStillEndsTheLine() {
        Framer f = new Framer(4);
        assertNull(f.next(bytes("STAT\r")));
        assertEquals(line("STAT"), f.next(bytes("\n")));
    }

    @Test
    void aLineOfExactlyTheMaximumIsALine() {
        assertEquals(List.of(line("abcd"), line("abcd")), all(new Framer(4), "abcd\r\nabcd\n"));
    }

    @Test
    void aLineOverTheMaximumIsDiscardedToItsEndAndReportedWithItsLength() {
        assertEquals(List.of(new FrameEvent.LineTooLong(5), line("ok"), new FrameEvent.LineTooLong(5)),
                all(new Framer(4), "abcde\r\nok\r\nabcde\n"));
    }

    @Test
    void aHugeLineIsNeverBufferedAndTheNextLineIsIntact() {
        Framer f = new Framer(10);
        ByteBuffer chunk = ByteBuffer.wrap(new byte[64 * 1024]);
        for (int i = 0; i < 100; i++) { // 6.4 MB without a line end
            chunk.clear();
            assertNull(f.next(chunk));
        }
        ByteBuffer rest = bytes("x\r\nNOOP\r\n");
        assertEquals(new FrameEvent.LineTooLong(100 * 64 * 1024 + 1), f.next(rest));
        assertEquals(line("NOOP"), f.next(rest));
    }

    @Test
    void literalBytesComeAsChunksEvenWhenTheyLookLikeCommands() {
        Framer f = new Framer(100, 4);
        ByteBuffer in = bytes("A1 APPEND INBOX {10}\r\nQUIT\r\nXYZW rest\r\n");
        assertEquals(line("A1 APPEND INBOX {10}"), f.next(in));
        f.expectLiteral(10);
        List<String> chunks = new ArrayList<>();
        FrameEvent e;
        while ((e = f.next(in)) instanceof FrameEvent.LiteralChunk c) {
            assertTrue(c.bytes().remaining() <= 4);
            chunks.add(new String(c.toArray(), ISO_8859_1));
        }
        assertEquals(List.of("QUIT", "\r\nXY", "ZW"), chunks);
        assertEquals(new FrameEvent.LiteralEnd(10), e);
        assertEquals(line(" rest"), f.next(in));
    }

    @Test
    void anEmptyLiteralEndsAtOnce() {
        Framer f = new Framer(100);
        f.expectLiteral(0);
        assertEquals(new FrameEvent.LiteralEnd(0), f.next(bytes("")));
        assertEquals(line("x"), f.next(bytes("x\r\n")));
    }

    @Test
    void aDiscardedLiteralIsSkippedWithoutEvents() {
        Framer f = new Framer(100);
        f.discardLiteral(6);
        assertEquals(line("next"), f.next(bytes("QUIT\r\nnext\r\n")));
    }

    @Test
    void aLiteralCanOnlyStartAtALineBoundary() {
        Framer f = new Framer(100);
        assertNull(f.next(bytes("partial")));
        assertThrows(IllegalStateException.class, () -> f.expectLiteral(3));
        assertThrows(IllegalArgumentException.class, () -> new Framer(100).expectLiteral(-1));
    }

    @Test
    void resetForgetsAPartialLine() {
        Framer f = new Framer(100);
        assertNull(f.next(bytes("injected")));
        f.reset();
        assertEquals(line("clean"), f.next(bytes("clean\r\n")));
    }
}
