package org.maillab.transport.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The framer is total, bounded and independent of how the input is split: any bytes cut anywhere give the
 * same events as a simple reference model that sees the whole input at once.
 */
class FramerProperties {

    /**
     * The reference protocol of these properties: a line ending in {n} or {n+} (n up to 999) announces a
     * literal; one ending in {n-} announces a literal the protocol refuses (discarded, no events).
     */
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d{1,3})([+-]?)}$");

    @Provide
    Arbitrary<byte[]> mailish() {
        // Mostly protocol-looking text with literals, CR, LF and arbitrary bytes mixed in.
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("A1 ", "LOGIN ", "{3}", "{0}", "{12+}", "{4-}", "\r\n", "\n", "\r", "x", "QUIT", "{5}\r\n"),
                Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(20));
        return token.list().ofMaxSize(60).map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 300, seed = "42")
    void anySplitOfTheInputGivesTheSameEventsAsTheReferenceModel(
            @ForAll("mailish") byte[] input,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 200) Integer> cuts,
            @ForAll @IntRange(min = 1, max = 40) int maxLine,
            @ForAll @IntRange(min = 1, max = 7) int chunkSize) {
        List<Object> expected = reference(input, maxLine);
        List<Object> actual = normalise(feed(input, cuts, maxLine, chunkSize, true));
        assertEquals(expected, actual);
    }

    @Property(tries = 300, seed = "7")
    void arbitraryBytesNeverThrowAndNeverExceedTheLimits(
            @ForAll @Size(max = 2000) byte[] input,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 2000) Integer> cuts,
            @ForAll @IntRange(min = 1, max = 100) int maxLine,
            @ForAll @IntRange(min = 1, max = 50) int chunkSize) {
        for (Object e : feed(input, cuts, maxLine, chunkSize, true)) {
            if (e instanceof FrameEvent.Line l) {
                assertTrue(l.bytes().length <= maxLine);
            } else if (e instanceof FrameEvent.LiteralChunk c) {
                assertTrue(c.bytes().remaining() <= chunkSize && c.bytes().remaining() > 0);
            } else if (e instanceof FrameEvent.LineTooLong t) {
                assertTrue(t.length() > maxLine);
            }
        }
    }

    /** Feeds {@code input} cut at {@code cuts}, acting on literal announcements like a protocol would. */
    static List<FrameEvent> feed(byte[] input, List<Integer> cuts, int maxLine, int chunkSize, boolean literals) {
        Framer framer = new Framer(maxLine, chunkSize);
        int[] points = cuts.stream().mapToInt(i -> Math.min(i, input.length)).sorted().toArray();
        List<FrameEvent> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= points.length; i++) {
            int end = i < points.length ? points[i] : input.length;
            ByteBuffer in = ByteBuffer.wrap(input, start, end - start);
            FrameEvent e;
            while ((e = framer.next(in)) != null) {
                events.add(e);
                if (literals && e instanceof FrameEvent.Line l) {
                    Matcher m = LITERAL.matcher(new String(l.bytes(), StandardCharsets.ISO_8859_1));
                    if (m.find()) {
                        if (m.group(2).equals("-")) {
                            framer.discardLiteral(Integer.parseInt(m.group(1)));
                        } else {
                            framer.expectLiteral(Integer.parseInt(m.group(1)));
                        }
                    }
                }
            }
            assertEquals(0, in.remaining(), "null means all input was consumed");
            start = end;
        }
        return events;
    }

    /** Merges consecutive literal chunks (their boundaries depend on the cuts) and makes events comparable. */
    static List<Object> normalise(List<FrameEvent> events) {
        List<Object> out = new ArrayList<>();
        ByteArrayOutputStream literal = null;
        for (FrameEvent e : events) {
            if (e instanceof FrameEvent.LiteralChunk c) {
                if (literal == null) {
                    literal = new ByteArrayOutputStream();
                }
                literal.writeBytes(c.toArray());
                continue;
            }
            if (literal != null) {
                out.add("literal:" + Arrays.toString(literal.toByteArray()));
                literal = null;
            }
            out.add(e instanceof FrameEvent.Line l ? "line:" + Arrays.toString(l.bytes()) : e.toString());
        }
        if (literal != null) {
            out.add("literal:" + Arrays.toString(literal.toByteArray()));
        }
        return out;
    }

    /** The whole input at once, by the definition: lines end at LF, a CR before it is dropped. */
    static List<Object> reference(byte[] input, int maxLine) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < input.length) {
            int lf = i;
            while (lf < input.length && input[lf] != '\n') {
                lf++;
            }
            if (lf == input.length) {
                break; // an unterminated last line is not an event
            }
            int end = lf > i && input[lf - 1] == '\r' ? lf - 1 : lf;
            byte[] line = Arrays.copyOfRange(input, i, end);
            i = lf + 1;
            if (line.length > maxLine) {
                out.add(new FrameEvent.LineTooLong(line.length).toString());
                continue;
            }
            out.add("line:" + Arrays.toString(line));
            Matcher m = LITERAL.matcher(new String(line, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                int available = Math.min(n, input.length - i);
                if (m.group(2).equals("-")) {
                    i += available; // refused: skipped without events
                    if (available < n) {
                        return out;
                    }
                    continue;
                }
                if (available > 0) {
                    out.add("literal:" + Arrays.toString(Arrays.copyOfRange(input, i, i + available)));
                }
                i += available;
                if (available == n) {
                    out.add(new FrameEvent.LiteralEnd(n).toString());
                } else {
                    return out; // the input ended inside the literal
                }
            }
        }
        return out;
    }
}
