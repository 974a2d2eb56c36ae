package org.maillab.mime.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Coverage-guided fuzzing (docs/fuzzing.md) of the MIME tokenizer and parser. Besides "no exception",
 * the tokenizer's events must nest (every START has its END, END_OF_STREAM comes last), stay within
 * the depth limit and never outnumber what the input could hold; every chunk it reports must be the
 * input's own bytes at the offset it names. The tree must have consistent offsets
 * ({@link ParserProperties#assertConsistent}), be the same when the bytes trickle in through a small
 * buffer, find each body part by its section number, and decode every body and header without
 * throwing. The corpus is a selection of the shared MIME corpus (see {@code ORIGIN.md} beside it) and
 * what fuzzing found since.
 */
class MimeParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void tokenizerAndParser(byte[] input) throws IOException {
        checkEvents(input);
        MessageTree tree = MimeParser.parse(input);
        ParserProperties.assertConsistent(input, tree);
        if (2 * ParserProperties.longestLine(input) + 8 < 512) {
            // Only a line longer than the buffer may be read differently (MimeTokenizer's constructor).
            MessageTree trickled = MimeParser.build(new MimeTokenizer(new MimeParserTest.Trickle(input, 3),
                    MimeConfig.DEFAULT, 512));
            assertEquals(MimeParserTest.describe(tree.root()), MimeParserTest.describe(trickled.root()));
        }
        ByteSource source = ByteSource.of(input);
        tree.envelope();
        tree.root().walk().forEach(p -> {
            // Not when the top message is itself message/rfc822: the parser numbers the embedded
            // message's parts 1, 2, ... but part("1") answers the top message (reported, left open).
            if (p.kind() == Part.Kind.BODY_PART && tree.root().message().isEmpty()) {
                assertSame(p, tree.part(p.section()).orElseThrow(), () -> "part " + p.section() + " not found");
            }
            p.contentDisposition();
            p.filename();
            p.contentLanguage();
            if (p.children().isEmpty() && p.message().isEmpty()) {
                readBodies(p, source);
            }
        });
    }

    private static void checkEvents(byte[] input) throws IOException {
        MimeTokenizer tokenizer = new MimeTokenizer(new ByteArrayInputStream(input));
        Deque<MimeTokenizer.Event> open = new ArrayDeque<>();
        long events = 0;
        long limit = 64L * (input.length + 1);
        while (true) {
            MimeTokenizer.Event e = tokenizer.next();
            assertTrue(++events <= limit, "more events than the input can hold");
            assertTrue(tokenizer.depth() <= MimeConfig.DEFAULT.maxDepth() + 1, "deeper than the limit");
            switch (e) {
                case START_MESSAGE, START_BODYPART, START_MULTIPART -> open.push(e);
                case END_MESSAGE -> assertEquals(MimeTokenizer.Event.START_MESSAGE, open.pop());
                case END_BODYPART -> assertEquals(MimeTokenizer.Event.START_BODYPART, open.pop());
                case END_MULTIPART -> assertEquals(MimeTokenizer.Event.START_MULTIPART, open.pop());
                case PREAMBLE, BODY, EPILOGUE -> {
                    ByteBuffer chunk = tokenizer.chunk();
                    byte[] bytes = new byte[chunk.remaining()];
                    chunk.get(bytes);
                    long at = tokenizer.position();
                    assertTrue(at >= 0 && at + bytes.length <= input.length, "a chunk outside the input");
                    assertArrayEquals(Arrays.copyOfRange(input, (int) at, (int) at + bytes.length), bytes,
                            () -> e + " at " + at + " is not the input's bytes there");
                }
                case END_OF_STREAM -> {
                    assertTrue(open.isEmpty(), () -> "unclosed at the end: " + open);
                    assertEquals(MimeTokenizer.Event.END_OF_STREAM, tokenizer.next(), "the end stays the end");
                    return;
                }
                default -> {
                    // FIELD, END_HEADER: checked through the tree
                }
            }
        }
    }

    private static void readBodies(Part p, ByteSource source) {
        try (InputStream decoded = p.openDecodedBody(source); Reader text = p.openText(source)) {
            long n = decoded.transferTo(java.io.OutputStream.nullOutputStream());
            // Decoding never adds octets, except that quoted-printable writes a bare line end as CRLF.
            assertTrue(n <= p.bodySize() + p.bodyLines(), () -> "decoded to more octets than the body has: " + p);
            char[] buffer = new char[4096];
            while (text.read(buffer) >= 0) {
                // decoding must finish without an exception; the text itself is not checked here
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading a body from memory failed: " + p, e);
        }
    }
}
