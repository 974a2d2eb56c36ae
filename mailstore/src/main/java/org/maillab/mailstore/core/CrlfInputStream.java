package org.maillab.mailstore.core;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a message in canonical form: a bare LF or a bare CR becomes CRLF, CRLF stays. Streaming
 * through a small buffer, so any size of message passes in constant memory, and a read blocks on the
 * source at most once (a slow client's APPEND is copied as it arrives). Counts the octets produced.
 */
public final class CrlfInputStream extends InputStream {

    private final InputStream in;
    private final byte[] src = new byte[8192];
    private int srcPos;
    private int srcLen;
    private boolean owedLf;   // a CR was produced; its LF comes next
    private boolean skipLf;   // the source's CR was turned into CRLF: drop an LF that follows it
    private boolean eof;
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
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (owedLf) {
                buf[off + n++] = '\n';
                owedLf = false;
                continue;
            }
            if (srcPos == srcLen) {
                if (eof || (n > 0 && in.available() <= 0)) {
                    break; // what we have now, rather than block a second time
                }
                srcLen = in.read(src, 0, src.length);
                srcPos = 0;
                if (srcLen <= 0) {
                    srcLen = 0;
                    eof = true;
                    break;
                }
            }
            byte b = src[srcPos++];
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                buf[off + n++] = '\r';
                owedLf = true;
                skipLf = b == '\r';
            } else {
                buf[off + n++] = b;
            }
        }
        if (n == 0) {
            return -1;
        }
        produced += n;
        return n;
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
