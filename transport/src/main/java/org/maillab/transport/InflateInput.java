package org.maillab.transport;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of a connection's DEFLATE layer (raw RFC 1951). Received compressed bytes stay in
 * the connection's bounded input buffer; this inflates them a small buffer at a time, only as fast as the
 * framer consumes the result. So a decompression bomb (a few KiB that inflate to gigabytes) costs no
 * memory beyond {@link #PLAIN_SIZE}, and what it inflates to still meets the line and literal limits.
 * Guarded by the connection's lock; used on the connection's serial (input) thread.
 */
final class InflateInput {

    /** Inflated bytes held at most, per connection. */
    static final int PLAIN_SIZE = 16 * 1024;
    private static final int INPUT_SIZE = 8 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final byte[] input = new byte[INPUT_SIZE];
    private final ByteBuffer plain = ByteBuffer.allocate(PLAIN_SIZE).flip(); // read mode
    private long in;
    private long out;

    /** Inflated bytes not yet framed (read mode). */
    ByteBuffer plain() {
        return plain;
    }

    /**
     * Inflates into the plain buffer, which must have been consumed, taking compressed bytes from
     * {@code compressed} as needed. Returns whether it produced anything; {@code false} means it needs
     * more input (or the peer ended its stream: {@link #finished()}).
     *
     * @throws DataFormatException if the input is not DEFLATE data
     */
    boolean inflate(ByteBuffer compressed) throws DataFormatException {
        if (plain.hasRemaining()) {
            throw new IllegalStateException("frame the inflated bytes first");
        }
        plain.clear();
        while (plain.hasRemaining() && !inflater.finished()) {
            if (inflater.needsInput() && compressed.hasRemaining()) {
                int n = Math.min(input.length, compressed.remaining());
                compressed.get(input, 0, n);
                inflater.setInput(input, 0, n);
                in += n;
            }
            // Called even without new input: a long match may still be waiting to be copied out.
            int n = inflater.inflate(plain);
            if (n == 0 && !(inflater.needsInput() && compressed.hasRemaining())) {
                break;
            }
        }
        plain.flip();
        out += plain.remaining();
        return plain.hasRemaining();
    }

    /** The peer ended its DEFLATE stream (a final block): no more input can follow. */
    boolean finished() {
        return inflater.finished();
    }

    /** Compressed bytes taken so far. */
    long bytesIn() {
        return in;
    }

    /** Bytes inflated so far. */
    long bytesOut() {
        return out;
    }

    /** Frees the native zlib memory. */
    void end() {
        inflater.end();
    }
}
