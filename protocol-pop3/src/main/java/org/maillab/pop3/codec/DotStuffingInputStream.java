package org.maillab.pop3.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a multi-line body onto the wire (RFC 1939 §3): every line that begins with {@code .} gets
 * another {@code .} in front, a body not ending in CRLF gets one, and the terminating {@code .CRLF}
 * follows. Works a buffer at a time, so a large message is never held in memory whole.
 *
 * <p>A line begins at the start of the body and after every LF, so bodies with bare LF line ends are
 * stuffed the same way {@link DotUnstuffingInputStream} reads them back.
 */
public final class DotStuffingInputStream extends InputStream {

    private static final int CHUNK = 16 * 1024;

    private final InputStream source;
    private final byte[] in = new byte[CHUNK];
    // Below this a caller's buffer is too small to stuff into directly.
    private static final int MIN_DIRECT = 1024;
    // For small reads only, allocated when first needed. Worst case every byte is a dot at a line start
    // ("\n." repeated): doubled, plus the terminator.
    private byte[] out;
    private int outStart;
    private int outEnd;
    private boolean atLineStart = true;
    private int last = -1;
    private int beforeLast = -1;
    private boolean finished;

    public DotStuffingInputStream(InputStream source) {
        this.source = source;
    }

    /**
     * The same transform in one pass over a body already in memory: {@code prefix} (a status line),
     * then the stuffed body and the terminator, as one array ready to write.
     */
    public static byte[] stuff(byte[] prefix, byte[] body, int length) {
        byte[] out = new byte[stuffedLength(prefix, body, length)];
        stuffInto(prefix, body, length, out);
        return out;
    }

    /** The length of {@link #stuff}'s result, without making it. */
    public static int stuffedLength(byte[] prefix, byte[] body, int length) {
        int dots = 0;
        boolean lineStart = true;
        for (int i = 0; i < length; i++) {
            if (lineStart && body[i] == '.') {
                dots++;
            }
            lineStart = body[i] == '\n';
        }
        return prefix.length + length + dots + (endsWithCrlf(body, length) ? 0 : 2) + 3;
    }

    /**
     * As {@link #stuff}, into {@code target} from its start (which must have room: at most
     * {@code prefix.length + 2 * length + 5} octets); returns the octets written. Lets a server reuse
     * one buffer for reply after reply.
     */
    public static int stuffInto(byte[] prefix, byte[] body, int length, byte[] target) {
        System.arraycopy(prefix, 0, target, 0, prefix.length);
        int o = stuffBytes(body, 0, length, target, prefix.length, true);
        if (!endsWithCrlf(body, length)) {
            target[o++] = '\r';
            target[o++] = '\n';
        }
        target[o++] = '.';
        target[o++] = '\r';
        target[o++] = '\n';
        return o;
    }

    /**
     * Copies {@code src[from, to)} to {@code dst} at {@code o}, a dot in front of each line that begins
     * with one; returns the end in {@code dst}. Copies line by line (scan to the LF, one array copy),
     * since only the first byte of a line can need a change.
     */
    private static int stuffBytes(byte[] src, int from, int to, byte[] dst, int o, boolean lineStart) {
        int i = from;
        while (i < to) {
            if (lineStart && src[i] == '.') {
                dst[o++] = '.';
            }
            int start = i;
            while (i < to && src[i] != '\n') {
                i++;
            }
            if (i < to) {
                i++; // the LF ends the line; the next byte starts one
            }
            System.arraycopy(src, start, dst, o, i - start);
            o += i - start;
            lineStart = true;
        }
        return o;
    }

    private static boolean endsWithCrlf(byte[] body, int length) {
        return length == 0 || (length >= 2 && body[length - 2] == '\r' && body[length - 1] == '\n');
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (outStart == outEnd) {
            if (finished) {
                return -1;
            }
            // Nothing left over: a large read is stuffed straight into the caller's buffer (room for
            // the worst case: every byte doubled, plus a final CRLF and the terminator).
            int direct = Math.min(in.length, (length - 5) / 2);
            if (direct >= MIN_DIRECT) {
                int n = stuffNext(buffer, offset, direct);
                if (n > 0) {
                    return n;
                }
            } else {
                if (out == null) {
                    out = new byte[2 * CHUNK + 5];
                }
                outStart = 0;
                outEnd = stuffNext(out, 0, in.length);
            }
        }
        int n = Math.min(length, outEnd - outStart);
        System.arraycopy(out, outStart, buffer, offset, n);
        outStart += n;
        return n;
    }

    /** Reads up to {@code max} source bytes and writes them stuffed at {@code at}; returns the bytes written. */
    private int stuffNext(byte[] target, int at, int max) throws IOException {
        int o = at;
        int n = source.read(in, 0, max);
        if (n < 0) {
            if (!(last < 0 || (last == '\n' && beforeLast == '\r'))) {
                target[o++] = '\r';
                target[o++] = '\n';
            }
            target[o++] = '.';
            target[o++] = '\r';
            target[o++] = '\n';
            finished = true;
            return o - at;
        }
        o = stuffBytes(in, 0, n, target, o, atLineStart);
        if (n > 0) {
            atLineStart = in[n - 1] == '\n';
            beforeLast = n > 1 ? in[n - 2] & 0xff : last;
            last = in[n - 1] & 0xff;
        }
        return o - at;
    }

    @Override
    public int available() {
        return outEnd - outStart;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
