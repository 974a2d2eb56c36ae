package org.maillab.imap.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The octets of an IMAP literal (RFC 9051 §4.3) or of a message body to send as one. Small literals
 * are held as bytes; large ones live elsewhere (a spool file, the mail store) and are opened as a
 * stream, so a 20 MB APPEND or FETCH never sits in memory whole.
 */
public interface Literal {

    /** Number of octets. */
    long size();

    /** The octets from the start; the caller closes the stream. */
    InputStream open();

    /** Frees what holds the octets (a spool file, an opened stream never read); a no-op for bytes in memory. */
    default void release() {
    }

    /**
     * This literal with its octets opened now rather than when written, so they stay readable if their
     * source goes away meanwhile (a message expunged by another session: an open file keeps its bytes).
     * The result can be {@link #open() opened} once; {@link #release()} closes it if it never is. A
     * literal in memory is returned as it is.
     */
    default Literal retain() {
        return this;
    }

    /** A literal held in memory. */
    static Literal of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A literal of a string's UTF-8 octets. */
    static Literal of(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A literal read on demand from a source of known size (e.g. a stored message). */
    static Literal ofStream(long size, java.util.function.Supplier<InputStream> source) {
        return new Streamed(size, source);
    }

    /** Reads the whole literal; only for literals known to be small. */
    default byte[] readAll() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Octets in memory. Equality is by content. */
    final class Bytes implements Literal {
        private final byte[] bytes;

        Bytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] readAll() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Literal{" + bytes.length + " octets}";
        }
    }

    /** Octets opened from a supplier each time. */
    record Streamed(long size, java.util.function.Supplier<InputStream> source) implements Literal {
        @Override
        public InputStream open() {
            return source.get();
        }

        @Override
        public Literal retain() {
            return new Opened(size, source.get());
        }
    }

    /** Octets already opened (see {@link Literal#retain()}): read once, or released unread. */
    final class Opened implements Literal {
        private final long size;
        private InputStream in;

        Opened(long size, InputStream in) {
            this.size = size;
            this.in = in;
        }

        @Override
        public long size() {
            return size;
        }

        /** Hands the opened stream over (the caller closes it); only once, and not after {@link #release()}. */
        @Override
        public synchronized InputStream open() {
            if (in == null) {
                throw new IllegalStateException("literal already read or released");
            }
            InputStream handed = in;
            in = null;
            return handed;
        }

        @Override
        public synchronized void release() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // Nothing more to free.
                }
                in = null;
            }
        }

        @Override
        public Literal retain() {
            return this;
        }

        @Override
        public String toString() {
            return "Literal{" + size + " octets, opened}";
        }
    }
}
