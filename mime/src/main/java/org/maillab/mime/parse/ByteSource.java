package org.maillab.mime.parse;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the stored message bytes can be read again, by range: the tree records offsets, and a
 * {@code ByteSource} turns an offset range back into bytes (so a 10 MB attachment is never loaded
 * to serve 100 bytes of it). Implement it over your store, or use {@link #of(byte[])} and
 * {@link #of(Path)}.
 */
@FunctionalInterface
public interface ByteSource {

    /** Opens a stream of {@code length} bytes starting at {@code offset} (fewer if the source is shorter). */
    InputStream open(long offset, long length) throws IOException;

    /** A source over a byte array. */
    static ByteSource of(byte[] bytes) {
        return (offset, length) -> {
            int from = (int) Math.min(Math.max(0, offset), bytes.length);
            int len = (int) Math.min(Math.max(0, length), bytes.length - from);
            return new ByteArrayInputStream(bytes, from, len);
        };
    }

    /** A source over a file; each {@link #open} opens the file and seeks. */
    static ByteSource of(Path file) {
        return (offset, length) -> {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(Math.max(0, offset));
            return limit(Channels.newInputStream(channel), length);
        };
    }

    /** A source over a window of another source (e.g. one message inside an mbox file). */
    default ByteSource slice(long sliceOffset, long sliceLength) {
        ByteSource outer = this;
        return (offset, length) -> {
            long from = Math.min(Math.max(0, offset), sliceLength);
            return outer.open(sliceOffset + from, Math.min(Math.max(0, length), sliceLength - from));
        };
    }

    /** Wraps {@code in} so that at most {@code length} bytes can be read. */
    static InputStream limit(InputStream in, long length) {
        return new FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long s = super.skip(Math.min(n, left));
                left -= s;
                return s;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }
        };
    }
}
