package org.maillab.mime.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Bad input is normal input: the parser is total, and its offsets are always consistent. */
class ParserProperties {

    /** Pieces that make structure likely: delimiters, MIME fields, every kind of line end. */
    private static final List<String> PIECES = List.of(
            "--b", "--b--", "--c", "--c--", "\r\n", "\n", "\r", "\r\n\r\n", " ", "\t", "x", "y: z", ":",
            "Content-Type: multipart/mixed; boundary=b\r\n",
            "Content-Type: multipart/alternative; boundary=c\r\n",
            "Content-Type: message/rfc822\r\n", "Content-Type: multipart/digest; boundary=b\r\n",
            "Content-Transfer-Encoding: base64\r\n", "Subject: =?utf-8?q?h=C3=A9?=\r\n", "From x\r\n",
            "\u00e9", "=", "-", "--");

    @Provide
    Arbitrary<byte[]> mimeLike() {
        return Arbitraries.of(PIECES).list().ofMaxSize(60)
                .map(list -> String.join("", list).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300, seed = "20261127")
    void arbitraryBytesParseWithConsistentOffsets(@ForAll @Size(max = 3000) byte[] input) {
        assertConsistent(input, MimeParser.parse(input));
    }

    @Property(tries = 400, seed = "20261127")
    void mimeLikeInputParsesWithConsistentOffsets(@ForAll("mimeLike") byte[] input) {
        assertConsistent(input, MimeParser.parse(input));
    }

    @Property(tries = 300, maxDiscardRatio = 20, seed = "20261127")
    void readSizesAndBufferSizeDoNotChangeTheTree(@ForAll("mimeLike") byte[] input,
            @ForAll @IntRange(min = 1, max = 7) int step, @ForAll @IntRange(min = 64, max = 200) int buffer)
            throws IOException {
        // Only a line longer than the whole buffer may be read differently (it cannot be a field
        // name or a delimiter then); the real buffer is 64 KiB.
        Assume.that(2 * longestLine(input) + 8 < buffer); // the header looks one line ahead
        String whole = MimeParserTest.describe(MimeParser.parse(input).root());
        MessageTree small = MimeParser.build(new MimeTokenizer(new MimeParserTest.Trickle(input, step),
                MimeConfig.DEFAULT, buffer));
        assertEquals(whole, MimeParserTest.describe(small.root()));
    }

    @Provide
    Arbitrary<byte[]> mutatedCorpusMessage() throws IOException {
        List<Path> files = GoldenTest.goldenMessages();
        Assume.that(!files.isEmpty());
        Arbitrary<byte[]> message = Arbitraries.of(files).map(p -> {
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Arbitrary<List<Integer>> positions = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(8);
        Arbitrary<List<Byte>> values = Arbitraries.of((byte) '\r', (byte) '\n', (byte) '-', (byte) ':', (byte) 0,
                (byte) 0xff, (byte) ' ', (byte) '=').list().ofSize(8);
        return Combinators.combine(message, positions, values).as((m, ps, vs) -> {
            byte[] copy = m.clone();
            for (int i = 0; i < ps.size() && copy.length > 0; i++) {
                copy[ps.get(i) % copy.length] = vs.get(i);
            }
            return copy;
        });
    }

    @Property(tries = 200, seed = "20261127")
    void mutatedCorpusMessagesParseWithConsistentOffsets(@ForAll("mutatedCorpusMessage") byte[] input)
            throws IOException {
        MessageTree tree = MimeParser.parse(input);
        assertConsistent(input, tree);
        MessageTree trickled = MimeParser.build(new MimeTokenizer(new MimeParserTest.Trickle(input, 3),
                MimeConfig.DEFAULT, 4096));
        assertEquals(MimeParserTest.describe(tree.root()), MimeParserTest.describe(trickled.root()));
    }

    @Property(tries = 50, seed = "20261127")
    void truncatedMessagesParse(@ForAll("mutatedCorpusMessage") byte[] input, @ForAll @IntRange(min = 0, max = 100) int percent) {
        int cut = (int) ((long) input.length * percent / 100);
        byte[] prefix = java.util.Arrays.copyOf(input, cut);
        assertConsistent(prefix, MimeParser.parse(prefix));
    }

    /** Offsets nest, stay inside the message, and line counts match the bytes they describe. */
    static void assertConsistent(byte[] input, MessageTree tree) {
        assertEquals(input.length, tree.size());
        tree.root().walk().forEach(p -> {
            assertTrue(0 <= p.headerStart() && p.headerStart() <= p.bodyStart() && p.bodyStart() <= p.bodyEnd()
                    && p.bodyEnd() <= input.length, p::toString);
            assertEquals(lineEnds(input, p.bodyStart(), p.bodyEnd()), p.bodyLines(), p::toString);
            long previousEnd = p.bodyStart();
            for (Part c : p.children()) {
                assertTrue(c.headerStart() >= previousEnd && c.bodyEnd() <= p.bodyEnd(), () -> c + " in " + p);
                previousEnd = c.bodyEnd();
            }
            p.message().ifPresent(m -> {
                assertEquals(p.bodyStart(), m.headerStart());
                assertEquals(p.bodyEnd(), m.bodyEnd());
            });
            p.header().fields().forEach(f -> assertTrue(f.offset() >= p.headerStart() && f.offset() < p.bodyStart()
                    || f.offset() == p.bodyStart(), () -> f + " outside " + p));
        });
        assertEquals(0, tree.root().headerStart());
        assertEquals(input.length, tree.root().bodyEnd());
    }

    static int longestLine(byte[] b) {
        int longest = 0;
        int current = 0;
        for (byte x : b) {
            current = x == '\r' || x == '\n' ? 0 : current + 1;
            longest = Math.max(longest, current);
        }
        return longest;
    }

    static long lineEnds(byte[] b, long from, long to) {
        long n = 0;
        for (int i = (int) from; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            } else if (b[i] == '\r' && (i + 1 >= to || b[i + 1] != '\n')) {
                n++;
            }
        }
        return n;
    }

}
