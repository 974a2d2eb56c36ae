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
        if (sawDotCr) {
            sawDotCr = false;
            return afterDotCr();
        }
        if (sawDot) {
            sawDot = false;
            return afterDot();
        }
        int b = next();
        if (!atLineStart || b != '.') {
            return track(b);
        }
        return afterDot();
    }

    /** A line started with a dot: the terminator, or a stuffed dot to drop. */
    private int afterDot() throws IOException {
        int c = next();
        if (c == '\n') {
            ended = true;
            return -1;
        }
        if (c == '\r') {
            return afterDotCr();
        }
        atLineStart = false;
        return track(c);
    }

    private int afterDotCr() throws IOException {
        int d = next();
        if (d == '\n') {
            ended = true;
            return -1;
        }
        // ".\rX": not the terminator; the dot was stuffing (RFC 1939 §3 says strip it).
        pending[pendingCount++] = d;
        return track('\r');
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
        if (ended && pendingCount == 0) {
            return -1;
        }
        // A ".\r" carried over from the last chunk may yield two bytes for one: the byte-wise path takes it.
        if (length < 2 || pendingCount > 0 || sawDotCr || !wire.markSupported()) {
            int b = read();
            if (b < 0) {
                return -1;
            }
            buffer[offset] = (byte) b;
            return 1;
        }
        return readChunk(buffer, offset, length);
    }

    // Bulk path: read what the buffered wire holds into the caller's buffer, unstuff it there in one loop
    // (the output never overtakes the input), and if the terminator came early, give the bytes after it
    // back (mark/reset), so the next reply stays unread.
    private static final int CHUNK = 16 * 1024;
    private boolean sawDot;   // a line began with "."
    private boolean sawDotCr; // a line began with ".\r"

    private int readChunk(byte[] buffer, int offset, int length) throws IOException {
        int want = Math.min(length, CHUNK);
        wire.mark(want);
        int n = wire.read(buffer, offset, want);
        if (n < 0) {
            throw new EOFException("the connection ended inside a multi-line response");
        }
        int out = offset;
        int i = 0;
        while (i < n) {
            if (!atLineStart && !sawDot && !sawDotCr) {
                // Inside a line nothing changes: scan to the LF, and move the run only if a dropped
                // dot has opened a gap behind it.
                int start = offset + i;
                int end = start;
                int limit = offset + n;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                if (end < limit) {
                    end++;
                    atLineStart = true;
                }
                if (out != start) {
                    System.arraycopy(buffer, start, buffer, out, end - start);
                }
                out += end - start;
                i = end - offset;
                continue;
            }
            byte c = buffer[offset + i++];
            if (sawDotCr) {
                sawDotCr = false;
                if (c == '\n') {
                    ended = true;
                    break;
                }
                // ".\rX": the dot was stuffing. Two bytes out for the X, but the dot and the CR were
                // dropped from this chunk, so they fit behind the input position.
                buffer[out++] = '\r';
                buffer[out++] = c;
                atLineStart = false;
            } else if (sawDot) {
                sawDot = false;
                if (c == '\r') {
                    sawDotCr = true;
                } else if (c == '\n') {
                    ended = true;
                    break;
                } else {
                    buffer[out++] = c; // the stuffed dot is dropped
                    atLineStart = false;
                }
            } else if (atLineStart && c == '.') {
                sawDot = true;
                atLineStart = false;
            } else {
                buffer[out++] = c;
                atLineStart = c == '\n';
            }
        }
        if (ended && i < n) {
            wire.reset();
            long skip = i;
            while (skip > 0) {
                long skipped = wire.skip(skip);
                if (skipped <= 0) {
                    throw new IOException("cannot reposition after the multi-line terminator");
                }
                skip -= skipped;
            }
        }
        int produced = out - offset;
        if (produced == 0) {
            return ended ? -1 : read(buffer, offset, length); // read(): a carried ".\r" goes byte-wise
        }
        return produced;
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
