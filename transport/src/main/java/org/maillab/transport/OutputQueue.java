package org.maillab.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A connection's pending output, in order: byte buffers, streamed sources and control markers. Guarded by
 * the connection's lock. Small writes are merged into the tail buffer, so a pipelined burst of replies
 * goes out in few system calls.
 */
final class OutputQueue {

    private static final int MIN_BUFFER = 2048;

    /** Control markers placed in the queue so they take effect in order with the output. */
    enum Marker { START_TLS, START_COMPRESSION, CLOSE }

    /**
     * A streamed source: opened and read on a worker. Two chunks at most: the selector sends {@code current}
     * while a worker fills the next one, so reading the source and writing the socket overlap.
     */
    static final class Stream {
        final ByteSource source;
        InputStream in;
        ByteBuffer current;   // being sent (read mode), or null
        ByteBuffer ready;     // filled and waiting (read mode), or null
        ByteBuffer spare;     // an empty buffer for the next fill, or null
        boolean filling;
        boolean exhausted;    // the source has no more bytes
        boolean cancelled;
        IOException error;
        long sent;

        Stream(ByteSource source) {
            this.source = source;
        }

        /** Everything read from the source has been handed out, and nothing more will come. */
        boolean finished() {
            return exhausted && !filling && ready == null && (current == null || !current.hasRemaining());
        }
    }

    private ArrayDeque<Object> items; // null when empty: idle connections hold nothing
    private ByteBuffer tail;          // the last item if it is a buffer we may still append to
    private long bufferedBytes;
    private int streams;

    void add(byte[] bytes, int off, int len) {
        if (len == 0) {
            return;
        }
        bufferedBytes += len;
        if (tail != null && tail.capacity() - tail.limit() >= len) {
            int limit = tail.limit();
            tail.limit(limit + len);
            tail.put(limit, bytes, off, len);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.max(len, MIN_BUFFER));
        b.put(bytes, off, len).flip();
        items().add(b);
        tail = b;
    }

    void add(Stream stream) {
        items().add(stream);
        streams++;
        tail = null;
    }

    void add(Marker marker) {
        items().add(marker);
        tail = null;
    }

    /** The first item, or {@code null}. */
    Object peek() {
        return items == null ? null : items.peek();
    }

    /** Removes the first item. */
    void poll() {
        Object o = items.poll();
        if (o == tail) {
            tail = null;
        }
        if (o instanceof Stream) {
            streams--;
        }
        if (items.isEmpty()) {
            items = null;
        }
    }

    /** Records that {@code n} bytes of queued buffers were sent. */
    void sent(int n) {
        bufferedBytes -= n;
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    boolean hasStreams() {
        return streams > 0;
    }

    boolean isEmpty() {
        return items == null;
    }

    /** Drops everything; streams not being filled right now are closed here, the others by their fill. */
    void clear() {
        if (items != null) {
            for (Object o : items) {
                if (o instanceof Stream s) {
                    s.cancelled = true;
                    if (!s.filling) {
                        closeQuietly(s.in);
                        s.in = null;
                    }
                }
            }
        }
        items = null;
        tail = null;
        bufferedBytes = 0;
        streams = 0;
    }

    private ArrayDeque<Object> items() {
        if (items == null) {
            items = new ArrayDeque<>(4);
        }
        return items;
    }

    static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                // Nothing to do: the stream is finished either way.
            }
        }
    }
}
