package org.maillab.mailstore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CrlfInputStreamTest {

    private static String canonical(String in) throws IOException {
        try (CrlfInputStream s = new CrlfInputStream(new ByteArrayInputStream(in.getBytes(StandardCharsets.ISO_8859_1)))) {
            return new String(s.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void bareLfAndBareCrBecomeCrlf() throws IOException {
        assertEquals("a\r\nb\r\nc\r\n\r\nd\r\n", canonical("a\nb\rc\r\n\nd\r"));
        assertEquals("\r\n\r\n", canonical("\n\r"));
        assertEquals("\r\n\r\n", canonical("\r\r"));
        assertEquals("", canonical(""));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab\r\n").ofMaxLength(40);
    }

    /** RFC 5322 §2.3: CR and LF only ever appear together as CRLF. Already canonical text is left alone. */
    @Property(tries = 500, seed = "5322")
    void outputHasOnlyCrlfPairsAndIsStable(@ForAll("texts") String text) throws IOException {
        String once = canonical(text);
        assertEquals(once, canonical(once));
        assertEquals(once.replace("\r\n", "").indexOf('\r'), -1);
        assertEquals(once.replace("\r\n", "").indexOf('\n'), -1);
        assertEquals(text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", ""), once.replace("\r\n", ""));
    }

    /** Reading one byte at a time, in small chunks or all at once gives the same bytes and count. */
    @Property(tries = 200, seed = "7")
    void chunkingDoesNotMatter(@ForAll("texts") String text) throws IOException {
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        String whole = canonical(text);
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < raw.length ? raw[i++] & 0xff : -1;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        CrlfInputStream s = new CrlfInputStream(trickle);
        StringBuilder out = new StringBuilder();
        byte[] buf = new byte[3];
        int n;
        while ((n = s.read(buf, 0, buf.length)) >= 0) {
            out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        assertEquals(whole, out.toString());
        assertEquals(whole.length(), s.produced());
        assertEquals(whole.length(), CrlfInputStream.canonicalSize(new ByteArrayInputStream(raw)));
    }
}
