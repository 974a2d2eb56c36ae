package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fuzz targets check of the framer, whatever bytes it is fed: the same events however the
 * bytes are split, no frame over the limits, every literal exactly as long as the digits of its
 * announcement say (read here with {@link BigInteger}, so no overflow can hide), a continuation request
 * for each synchronizing literal and only then, nothing after a rejection that closes the connection,
 * and every spooled literal freed once the frames are released and the framer closed.
 */
final class FramingChecks {

    /** Small limits, so that fuzz inputs of a few hundred octets reach every one of them. */
    static final FramerLimits SMALL = new FramerLimits(80, 120, 600, 40, false, 300, 4);
    static final FramerLimits SMALL_LITERAL_MINUS = new FramerLimits(80, 120, 6000, 40, true, 300, 4);

    private static final Pattern ANNOUNCEMENT = Pattern.compile("\\{([0-9]+)(\\+?)\\}\\z");

    private FramingChecks() {
    }

    /**
     * Frames {@code input} fed whole, octet by octet and in uneven pieces (all three must agree), hands
     * each frame of the first to {@code parser}, then releases them all and checks nothing stays spooled.
     */
    static void forEachFrame(Framer.Role role, FramerLimits limits, byte[] input, Consumer<Frame> parser) {
        Run whole = run(role, limits, input, input.length);
        Run single = run(role, limits, input, 1);
        Run uneven = run(role, limits, input, 0);
        assertEquals(whole.described, single.described, "fed octet by octet");
        assertEquals(whole.described, uneven.described, "fed in uneven pieces");
        whole.frames.forEach(parser);
        whole.release();
        single.release();
        uneven.release();
    }

    /** One run of the framer over the input, checked as it goes. */
    private static final class Run {
        final List<String> described = new ArrayList<>();
        final List<Frame> frames = new ArrayList<>();
        final TrackingSpooler spooler = new TrackingSpooler();
        Framer framer;

        void release() {
            frames.forEach(Frame::release);
            framer.close();
            assertEquals(0, spooler.live(), "spooled literals left after release and close");
        }
    }

    /** Pieces of {@code step} octets; 0 means lengths 1, 2, 3, ... 13, 1, 2, ... */
    private static Run run(Framer.Role role, FramerLimits limits, byte[] input, int step) {
        Run run = new Run();
        run.framer = new Framer(role, limits, run.spooler);
        List<Long> continuations = new ArrayList<>();
        boolean closed = false;
        int at = 0;
        int piece = 0;
        while (at < input.length || at == 0) {
            int n = step > 0 ? step : (piece++ % 13) + 1;
            int end = Math.min(input.length, at + n);
            for (FramerEvent e : run.framer.feed(ByteBuffer.wrap(input, at, end - at))) {
                assertFalse(closed, "an event after a rejection that closes the connection: " + e);
                run.described.add(describe(e));
                if (e instanceof FramerEvent.Complete c) {
                    checkFrame(role, limits, c.frame(), continuations);
                    continuations.clear();
                    run.frames.add(c.frame());
                } else if (e instanceof FramerEvent.ContinuationNeeded need) {
                    assertEquals(Framer.Role.SERVER, role, "a client never asks for a continuation");
                    assertTrue(need.literalSize() >= 0 && need.literalSize() <= limits.maxAppendSize(), e::toString);
                    continuations.add(need.literalSize());
                } else if (e instanceof FramerEvent.Rejected r) {
                    r.tag().ifPresent(tag -> assertTrue(Syntax.isTag(tag), "rejected with a bad tag: " + tag));
                    continuations.clear();
                    closed = r.closeConnection();
                }
            }
            if (input.length == 0) {
                break;
            }
            at = end;
        }
        return run;
    }

    private static void checkFrame(Framer.Role role, FramerLimits limits, Frame frame, List<Long> continuations) {
        List<Frame.Fragment> parts = frame.fragments();
        assertTrue(parts.size() % 2 == 1, "a frame alternates lines and literals and ends with a line");
        assertTrue((parts.size() - 1) / 2 <= limits.maxLiterals(), "more literals than the limit");
        String first = latin1(((Frame.Fragment.Line) parts.get(0)).bytes());
        boolean append = first.matches("(?is)[^ ]* APPEND .*");
        List<Long> syncLiterals = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 1) {
                continue;
            }
            byte[] line = ((Frame.Fragment.Line) parts.get(i)).bytes();
            // The limit counts the octets between line ends (FramerLimits: CRLF excluded).
            assertTrue(line.length <= limits.maxLineLength(), "a line of " + line.length + " octets");
            for (byte b : line) {
                assertTrue(b != '\n', "a line holds a line feed");
            }
            Matcher m = ANNOUNCEMENT.matcher(latin1(line));
            boolean last = i == parts.size() - 1;
            if (last) {
                assertFalse(m.find(), () -> "the last line announces a literal: " + latin1(line));
                continue;
            }
            if (!m.find()) {
                fail("a literal follows a line that does not announce one: " + latin1(line));
            }
            Frame.Fragment.LiteralPart literal = (Frame.Fragment.LiteralPart) parts.get(i + 1);
            BigInteger announced = new BigInteger(m.group(1));
            assertEquals(announced, BigInteger.valueOf(literal.literal().size()),
                    () -> "the literal's length differs from its announcement " + m.group());
            assertEquals(!m.group(2).isEmpty(), literal.nonSync(), "sync or non-sync as announced");
            long limit = role == Framer.Role.CLIENT || append ? limits.maxAppendSize() : limits.maxLiteralSize();
            assertTrue(literal.literal().size() <= limit, "a literal over the limit: " + literal.literal().size());
            if (limits.literalMinus() && role == Framer.Role.SERVER && literal.nonSync()) {
                assertTrue(literal.literal().size() <= 4096, "LITERAL- allows non-sync literals to 4096 octets");
            }
            if (!literal.nonSync() && role == Framer.Role.SERVER) {
                syncLiterals.add(literal.literal().size());
            }
        }
        assertEquals(syncLiterals, continuations, "a continuation request for each synchronizing literal");
    }

    static String describe(FramerEvent e) {
        if (e instanceof FramerEvent.Complete c) {
            StringBuilder sb = new StringBuilder("frame");
            for (Frame.Fragment f : c.frame().fragments()) {
                if (f instanceof Frame.Fragment.Line line) {
                    sb.append(" line[").append(latin1(line.bytes())).append(']');
                } else if (f instanceof Frame.Fragment.LiteralPart lit) {
                    sb.append(lit.nonSync() ? " literal+[" : " literal[").append(latin1(lit.literal().readAll()))
                            .append(']');
                }
            }
            return sb.toString();
        }
        return e.toString();
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Keeps spooled literals in memory and counts those not yet freed. */
    static final class TrackingSpooler implements LiteralSpooler {
        private int live;

        int live() {
            return live;
        }

        @Override
        public Spool start(long size) {
            live++;
            Spool inner = LiteralSpooler.inMemory().start(size);
            return new Spool() {
                private boolean freed;

                private void free() {
                    if (!freed) {
                        freed = true;
                        live--;
                    }
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    inner.write(bytes, offset, length);
                }

                @Override
                public Literal finish() {
                    byte[] bytes = inner.finish().readAll();
                    return new Literal() {
                        @Override
                        public long size() {
                            return bytes.length;
                        }

                        @Override
                        public java.io.InputStream open() {
                            return new java.io.ByteArrayInputStream(bytes);
                        }

                        @Override
                        public void release() {
                            free();
                        }

                        /** Equal by content to any literal, so a parsed APPEND compares with a re-parsed one. */
                        @Override
                        public boolean equals(Object o) {
                            return o instanceof Literal other && other.size() == bytes.length
                                    && java.util.Arrays.equals(bytes, other.readAll());
                        }

                        @Override
                        public int hashCode() {
                            return java.util.Arrays.hashCode(bytes);
                        }
                    };
                }

                @Override
                public void abort() {
                    inner.abort();
                    free();
                }
            };
        }
    }
}
