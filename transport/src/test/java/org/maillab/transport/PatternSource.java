package org.maillab.transport;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** A streamed body of {@code size} bytes ({@code i % 251}) that counts what was read and whether it was closed. */
final class PatternSource implements ByteSource {

    final long size;
    final AtomicLong read = new AtomicLong();
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);

    PatternSource(long size) {
        this.size = size;
    }

    static byte at(long i) {
        return (byte) (i % 251);
    }

    @Override
    public InputStream open() {
        opened.countDown();
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                read.incrementAndGet();
                return at(position++) & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = at(position++);
                }
                read.addAndGet(n);
                return n;
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
    }
}
