package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The two halves of the DEFLATE layer without sockets: whatever is written, in whatever pieces, with a
 * flush after any of them, comes out of the inflating side byte for byte, however the compressed bytes
 * are cut into packets; and the inflating side never holds more than its bounded buffer.
 */
class DeflateLayerProperties {

    @Provide
    Arbitrary<List<byte[]>> writes() {
        Arbitrary<byte[]> text = Arbitraries.strings().withChars("abc \r\n*FETCH(UID)").ofMaxLength(300)
                .map(s -> s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(5000);
        return Arbitraries.oneOf(text, noise).list().ofMaxSize(20);
    }

    @Property(tries = 200, seed = "4978")
    void whatIsDeflatedInPiecesInflatesToTheSameBytesAcrossAnyPacketBoundaries(
            @ForAll("writes") List<byte[]> writes, @ForAll @IntRange(min = 1, max = 3000) int packet) throws Exception {
        DeflateOutput out = new DeflateOutput(Deflater.DEFAULT_COMPRESSION);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int i = 0;
        for (byte[] w : writes) {
            expected.write(w);
            ByteBuffer data = ByteBuffer.wrap(w);
            while (data.hasRemaining()) {
                out.compress(data);
                drain(out, wire);
            }
            if (i++ % 3 == 0) {
                flushAll(out, wire); // the end of a batch of replies
            }
        }
        flushAll(out, wire);
        assertFalse(out.unflushed());
        assertEquals(expected.size(), out.bytesIn());
        out.end();

        InflateInput in = new InflateInput();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] compressed = wire.toByteArray();
        for (int at = 0; at < compressed.length; at += packet) {
            ByteBuffer p = ByteBuffer.wrap(compressed, at, Math.min(packet, compressed.length - at));
            while (true) {
                ByteBuffer plain = in.plain();
                got.write(plain.array(), plain.position(), plain.remaining());
                plain.position(plain.limit());
                if (!in.inflate(p)) {
                    break;
                }
                assertFalse(in.plain().remaining() > InflateInput.PLAIN_SIZE);
            }
        }
        ByteBuffer plain = in.plain();
        got.write(plain.array(), plain.position(), plain.remaining());
        assertArrayEquals(expected.toByteArray(), got.toByteArray());
        in.end();
    }

    @Property(tries = 50, seed = "1951")
    void bytesThatAreNotDeflateAreRefusedOrYieldNothingButNeverHang(@ForAll byte[] garbage) {
        InflateInput in = new InflateInput();
        try {
            ByteBuffer input = ByteBuffer.wrap(garbage);
            for (int guard = 0; guard < 10_000 && in.inflate(input); guard++) {
                in.plain().position(in.plain().limit());
            }
        } catch (DataFormatException e) {
            // the connection closes with COMPRESSION_FAILED
        } finally {
            in.end();
        }
    }

    private static void drain(DeflateOutput out, ByteArrayOutputStream wire) {
        ByteBuffer b = out.pending();
        wire.write(b.array(), b.position(), b.remaining());
        b.position(b.limit());
    }

    private static void flushAll(DeflateOutput out, ByteArrayOutputStream wire) {
        while (out.unflushed()) {
            out.flush();
            drain(out, wire);
        }
    }
}
