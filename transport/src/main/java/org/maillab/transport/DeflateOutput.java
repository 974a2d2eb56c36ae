package org.maillab.transport;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * The sending half of a connection's DEFLATE layer: raw DEFLATE (RFC 1951, no zlib header, as RFC 4978
 * §3 asks for IMAP COMPRESS=DEFLATE). Output bytes go in; compressed bytes come out through one bounded
 * buffer that the connection sends (or wraps in TLS) before it compresses more. Guarded by the
 * connection's lock; used on the selector thread.
 *
 * <p>Flushing (RFC 4978 §4): data handed to the compressor may sit in its window until a flush, so the
 * connection calls {@link #flush()} (SYNC_FLUSH: the peer can decode everything so far, the dictionary is
 * kept) whenever it has nothing more to send at once: after each batch of replies, and while a streamed
 * body waits for its next chunk. A client therefore never waits for bytes stuck in the compressor.
 */
final class DeflateOutput {

    /** Compressed bytes held at most, per connection. */
    static final int BUFFER_SIZE = 32 * 1024;
    private static final byte[] NO_BYTES = new byte[0];

    private final Deflater deflater;
    private final ByteBuffer compressed = ByteBuffer.allocate(BUFFER_SIZE).flip(); // read mode
    private boolean unflushed;
    private long in;
    private long out;

    DeflateOutput(int level) {
        this.deflater = new Deflater(level, true);
    }

    /** Compressed bytes waiting to be sent (read mode); the caller advances its position. */
    ByteBuffer pending() {
        return compressed;
    }

    boolean hasPending() {
        return compressed.hasRemaining();
    }

    /** Whether bytes were given to the compressor since the last complete flush. */
    boolean unflushed() {
        return unflushed;
    }

    /**
     * Compresses from {@code data} until it is consumed or the output buffer is full; only when nothing is
     * {@linkplain #hasPending() pending}. Returns the number of bytes of {@code data} consumed.
     */
    int compress(ByteBuffer data) {
        if (hasPending()) {
            throw new IllegalStateException("send the pending output first");
        }
        compressed.clear();
        int start = data.position();
        deflater.setInput(data);
        while (data.hasRemaining() && compressed.hasRemaining()) {
            int before = data.position();
            int n = deflater.deflate(compressed, Deflater.NO_FLUSH);
            if (n == 0 && data.position() == before) {
                break; // nothing moved: defensive, zlib always takes input while it has room
            }
        }
        // Drop the reference: the caller recycles its buffer, and a later flush must not read it again.
        deflater.setInput(NO_BYTES);
        compressed.flip();
        int consumed = data.position() - start;
        if (consumed > 0) {
            unflushed = true;
        }
        in += consumed;
        out += compressed.remaining();
        return consumed;
    }

    /**
     * SYNC_FLUSH into the output buffer. If the buffer filled up, the flush is not complete:
     * {@link #unflushed()} stays true and the caller flushes again once the output is sent.
     */
    void flush() {
        if (hasPending()) {
            throw new IllegalStateException("send the pending output first");
        }
        compressed.clear();
        deflater.setInput(NO_BYTES);
        deflater.deflate(compressed, Deflater.SYNC_FLUSH);
        unflushed = !compressed.hasRemaining(); // full: zlib may have more of the flush to give
        compressed.flip();
        out += compressed.remaining();
    }

    /** Bytes given to the compressor so far. */
    long bytesIn() {
        return in;
    }

    /** Compressed bytes produced so far. */
    long bytesOut() {
        return out;
    }

    /** Frees the native zlib memory (about 256 KiB at the default level). */
    void end() {
        deflater.end();
    }
}
