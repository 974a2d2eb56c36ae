package org.maillab.mailstore.core;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a message in canonical form: a bare LF or a bare CR becomes CRLF, CRLF stays. Streaming,
 * one byte of look-ahead, so any size of message passes through in constant memory. Counts the
 * octets it has produced.
 */
public final class CrlfInputStream extends InputStream {

    private final InputStream in;
    private int pending = -1;      // a byte read ahead (after a CR) or the LF we owe
    private boolean owedLf;
    private long produced;

    public CrlfInputStream(InputStream in) {
        this.in = in;
    }

    /** Octets produced so far. */
    public long produced() {
        return produced;
    }

    @Override
    public int read() throws IOException {
        int b = next();
        if (b >= 0) {
            produced++;
        }
        return b;
    }

    private int next() throws IOException {
        if (owedLf) {
            owedLf = false;
            return '\n';
        }
        int b;
        if (pending >= 0) {
            b = pending;
            pending = -1;
        } else {
            b = in.read();
        }
        if (b == '\n') {
            owedLf = true;
            return '\r';
        }
        if (b == '\r') {
            int after = in.read();
            if (after != '\n' && after >= 0) {
                pending = after;
            }
            owedLf = true;
            return '\r';
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            // fill only what can be produced without blocking twice: stop at end or when the source
            // would have to be asked again after we already have bytes
            if (n > 0 && !owedLf && pending < 0 && in.available() <= 0) {
                break;
            }
            int b = read();
            if (b < 0) {
                break;
            }
            buf[off + n++] = (byte) b;
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Octets of the canonical form of a stream, read to its end. */
    public static long canonicalSize(InputStream raw) throws IOException {
        try (CrlfInputStream crlf = new CrlfInputStream(raw)) {
            byte[] buf = new byte[8192];
            while (crlf.read(buf, 0, buf.length) >= 0) {
                // counting only
            }
            return crlf.produced();
        }
    }
}
