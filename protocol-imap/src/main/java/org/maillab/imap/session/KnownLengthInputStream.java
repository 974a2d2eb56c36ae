package org.maillab.imap.session;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered stream of known length whose {@link #available()} is a subtraction, not a system call:
 * the store asks {@code available()} as it copies, and a file stream answers that slowly.
 */
final class KnownLengthInputStream extends FilterInputStream {

    private long remaining;

    KnownLengthInputStream(InputStream in, long length) {
        super(new BufferedInputStream(in, 64 * 1024));
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        remaining -= s;
        return s;
    }

    @Override
    public int available() {
        return (int) Math.max(0, Math.min(remaining, Integer.MAX_VALUE));
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
