package org.maillab.pop3.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a multi-line body off the wire (RFC 1939 §3): removes the extra {@code .} from lines that
 * begin with one and ends at the line holding a single dot, leaving the stream positioned just after
 * that line, so the next reply can be read from the same stream. The body it returns is exactly the
 * body that {@link DotStuffingInputStream} was given, plus a final CRLF if that body lacked one.
 *
 * <p>A line begins after every LF; the terminator is {@code .CRLF} (a bare {@code .LF} is accepted
 * too, being lenient). If the connection ends before the terminator, reading throws
 * {@link EOFException}: a truncated body is a failure, not a shorter message.
 */
public final class DotUnstuffingInputStream extends InputStream {

    private final InputStream wire;
    private boolean atLineStart = true;
    private boolean ended;
    private final int[] pending = new int[2];
    private int pendingCount;

    /**
     * @param wire the connection's input, positioned at the first body line; it should be buffered,
     *             since this reads it a byte at a time so as never to read past the terminator
     */
    public DotUnstuffingInputStream(InputStream wire) {
        this.wire = wire;
    }

    @Override
    public int read() throws IOException {
        if (pendingCount > 0) {
            int b = pending[0];
            pending[0] = pending[1];
            pendingCount--;
            return track(b);
        }
        if (ended) {
            return -1;
        }
        int b = next();
        if (!atLineStart || b != '.') {
            return track(b);
        }
        // A line starting with a dot: the terminator, or a stuffed dot to drop.
        int c = next();
        if (c == '\n') {
            ended = true;
            return -1;
        }
        if (c == '\r') {
            int d = next();
            if (d == '\n') {
                ended = true;
                return -1;
            }
            // ".\rX": not the terminator; the dot was stuffing (RFC 1939 §3 says strip it).
            pending[pendingCount++] = d;
            return track('\r');
        }
        return track(c);
    }

    private int next() throws IOException {
        int b = wire.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside a multi-line response");
        }
        return b;
    }

    private int track(int b) {
        atLineStart = b == '\n';
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length) {
            int b = read();
            if (b < 0) {
                break;
            }
            buffer[offset + count++] = (byte) b;
            if (atLineStart && wire.available() <= 0) {
                break;
            }
        }
        return count == 0 ? -1 : count;
    }

    /** Reads to the terminator, discarding the rest of the body. */
    public void skipToEnd() throws IOException {
        while (read() >= 0) {
            // drain
        }
    }

    /** Does not close the connection: the body ends, the connection goes on. */
    @Override
    public void close() throws IOException {
        skipToEnd();
    }
}
