package org.maillab.mime.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Encode-then-decode round trips and totality of the decoders. */
class CodecProperties {

    static byte[] base64(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Base64OutputStream b = new Base64OutputStream(out);
        b.write(data);
        b.finish();
        return out.toByteArray();
    }

    static byte[] qp(byte[] data, boolean binary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuotedPrintableOutputStream q = new QuotedPrintableOutputStream(out, binary);
        q.write(data);
        q.finish();
        return out.toByteArray();
    }

    static byte[] unbase64(byte[] data) throws IOException {
        return new Base64InputStream(new ByteArrayInputStream(data)).readAllBytes();
    }

    static byte[] unqp(byte[] data) throws IOException {
        return new QuotedPrintableInputStream(new ByteArrayInputStream(data)).readAllBytes();
    }

    @Property(tries = 300, seed = "20261127")
    void base64RoundTripsAndMatchesTheJdk(@ForAll @Size(max = 500) byte[] data) throws IOException {
        byte[] encoded = base64(data);
        assertArrayEquals(data, unbase64(encoded));
        assertEquals(java.util.Base64.getMimeEncoder().encodeToString(data).replace("\r\n", ""),
                new String(encoded, StandardCharsets.US_ASCII).replace("\r\n", ""));
        for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\r\n")) {
            assertTrue(line.length() <= 76, "RFC 2045 §6.8: lines of at most 76 characters");
        }
    }

    @Property(tries = 300, seed = "20261127")
    void binaryQuotedPrintableRoundTrips(@ForAll @Size(max = 500) byte[] data) throws IOException {
        byte[] encoded = qp(data, true);
        assertArrayEquals(data, unqp(encoded));
        assertLinesAtMost76(encoded);
    }

    @Property(tries = 300, seed = "20261127")
    void textQuotedPrintableRoundTripsWithCrlfLineEnds(@ForAll String text) throws IOException {
        String canonical = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        byte[] encoded = qp(text.getBytes(StandardCharsets.UTF_8), false);
        assertEquals(canonical, new String(unqp(encoded), StandardCharsets.UTF_8));
        assertLinesAtMost76(encoded);
    }

    private static void assertLinesAtMost76(byte[] encoded) {
        for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\r\n")) {
            assertTrue(line.length() <= 76, () -> "RFC 2045 §6.7 rule 5: " + line);
            assertTrue(line.isEmpty() || (line.charAt(line.length() - 1) != ' ' && line.charAt(line.length() - 1) != '\t'),
                    "RFC 2045 §6.7 rule 3: no trailing white space");
        }
    }

    @Property(tries = 300, seed = "20261127")
    void decodersAreTotal(@ForAll @Size(max = 800) byte[] garbage) throws IOException {
        unbase64(garbage);
        unqp(garbage);
        EncodedWords.decode(new String(garbage, StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 300, seed = "20261127")
    void encodedWordsRoundTrip(@ForAll String text) {
        String clean = text.codePoints().filter(c -> Character.getType(c) != Character.SURROGATE)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String encoded = EncodedWords.encode(clean);
        for (String word : encoded.split(" ")) {
            assertTrue(word.length() <= EncodedWords.MAX_WORD_LENGTH, () -> "RFC 2047 §2: " + word);
        }
        assertEquals(clean, EncodedWords.decode(encoded));
    }
}
