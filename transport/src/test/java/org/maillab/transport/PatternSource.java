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

    /** 251 repeats of the 251-byte cycle, so any run of up to 251 * 250 bytes is one array copy. */
    private static final byte[] TABLE = new byte[251 * 251];

    static {
        for (int i = 0; i < TABLE.length; i++) {
            TABLE[i] = at(i);
        }
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
                int done = 0;
                while (done < n) {
                    int from = (int) ((position + done) % 251);
                    int k = Math.min(n - done, TABLE.length - from);
                    System.arraycopy(TABLE, from, b, off + done, k);
                    done += k;
                }
                position += n;
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
