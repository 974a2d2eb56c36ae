package org.maillab.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The bulk paths of the dot streams (RFC 1939 §3): stuffing straight into a large caller buffer and
 * un-stuffing in place give the same bytes as the in-memory reference, for bodies larger than any
 * internal buffer and whatever mix of read sizes the reader uses.
 */
class DotStreamsBulkTest {

    @Property(tries = 40, seed = "19391")
    void stuffingWithAnyReadSizesEqualsTheInMemoryStuffing_rfc1939s3(@ForAll("seeds") long seed,
            @ForAll("readSizes") List<Integer> sizes) throws IOException {
        byte[] body = body(new Random(seed));
        byte[] expected = DotStuffingInputStream.stuff(new byte[0], body, body.length);
        byte[] wire = readWithSizes(new DotStuffingInputStream(new ByteArrayInputStream(body)), sizes);
        assertArrayEquals(expected, wire);
    }

    @Property(tries = 40, seed = "19392")
    void unstuffingWithAnyReadSizesGivesTheBodyBack_rfc1939s3(@ForAll("seeds") long seed,
            @ForAll("readSizes") List<Integer> sizes) throws IOException {
        byte[] body = body(new Random(seed));
        byte[] stuffed = DotStuffingInputStream.stuff(new byte[0], body, body.length);
        byte[] trailer = "+OK next\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] both = Arrays.copyOf(stuffed, stuffed.length + trailer.length);
        System.arraycopy(trailer, 0, both, stuffed.length, trailer.length);
        InputStream wire = new BufferedInputStream(new ByteArrayInputStream(both), 64 * 1024);
        byte[] back = readWithSizes(new DotUnstuffingInputStream(wire), sizes);
        assertArrayEquals(withFinalCrlf(body), back);
        assertArrayEquals(trailer, wire.readAllBytes(), "the reader stops right after the terminator");
    }

    @Property(tries = 40, seed = "19393")
    void stuffingIntoAReusedBufferEqualsStuffingIntoAFreshArray_rfc1939s3(@ForAll("seeds") long seed)
            throws IOException {
        byte[] body = body(new Random(seed));
        byte[] prefix = "+OK 42 octets\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = new DotStuffingInputStream(new ByteArrayInputStream(body)).readAllBytes();
        byte[] target = new byte[prefix.length + 2 * body.length + 5];
        Arrays.fill(target, (byte) 'x'); // left over from an earlier reply
        int n = DotStuffingInputStream.stuffInto(prefix, body, body.length, target);
        assertEquals(prefix.length + expected.length, n);
        assertEquals(n, DotStuffingInputStream.stuffedLength(prefix, body, body.length));
        assertArrayEquals(prefix, Arrays.copyOf(target, prefix.length));
        assertArrayEquals(expected, Arrays.copyOfRange(target, prefix.length, n));
    }

    @Test
    void aDotCrSplitAcrossTwoBulkReadsDropsTheDotAndKeepsTheCr_rfc1939s3() throws IOException {
        // ".\rX" is not the terminator: the leading dot is stuffing. The first read ends right after
        // ".\r"; the second must give "\rX" without overwriting input it has not read yet.
        byte[] wire = "a\r\n.\rXYZ\r\n.\r\nafter".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(wire));
        DotUnstuffingInputStream body = new DotUnstuffingInputStream(in);
        byte[] buffer = new byte[64];
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        int n = body.read(buffer, 0, 5);
        back.write(buffer, 0, n);
        while ((n = body.read(buffer, 0, buffer.length)) >= 0) {
            back.write(buffer, 0, n);
        }
        assertEquals("a\r\n\rXYZ\r\n", back.toString(StandardCharsets.US_ASCII));
        assertEquals("after", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<List<Integer>> readSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 16), Arbitraries.integers().between(2000, 70_000))
                .list().ofMinSize(1).ofMaxSize(6);
    }

    /** Up to 100 KB of lines, many starting with a dot, some with bare CR or LF, sometimes no final CRLF. */
    private static byte[] body(Random random) {
        int size = random.nextInt(100_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 100);
        byte[] alphabet = ".\r\nab .".getBytes(StandardCharsets.US_ASCII);
        while (out.size() < size) {
            if (random.nextInt(4) == 0) {
                out.write('.');
            }
            int words = random.nextInt(80);
            for (int i = 0; i < words; i++) {
                out.write(random.nextInt(20) == 0 ? alphabet[random.nextInt(alphabet.length)] : 'a' + random.nextInt(26));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = out.toByteArray();
        return random.nextBoolean() ? bytes : Arrays.copyOf(bytes, Math.max(0, bytes.length - random.nextInt(3)));
    }

    private static byte[] readWithSizes(InputStream in, List<Integer> sizes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[70_000];
        for (int i = 0; ; i++) {
            int n = in.read(buffer, 0, sizes.get(i % sizes.size()));
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }

    private static byte[] withFinalCrlf(byte[] body) {
        int n = body.length;
        if (n == 0 || (n >= 2 && body[n - 2] == '\r' && body[n - 1] == '\n')) {
            return body;
        }
        byte[] withCrlf = Arrays.copyOf(body, n + 2);
        withCrlf[n] = '\r';
        withCrlf[n + 1] = '\n';
        return withCrlf;
    }
}
