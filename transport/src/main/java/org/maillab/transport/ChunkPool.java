package org.maillab.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Stream chunk buffers, recycled between streamed bodies: a mail server streams one message after the
 * other, and a fresh pair of large buffers per message is garbage the collector must keep up with (and
 * fresh heap pages the kernel must fault in). Bounded, so idle servers hold little.
 */
final class ChunkPool {

    private final int chunkSize;
    private final ArrayBlockingQueue<ByteBuffer> idle;

    ChunkPool(int chunkSize, int capacity) {
        this.chunkSize = chunkSize;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /** An empty buffer of the chunk size (write mode). */
    ByteBuffer take() {
        ByteBuffer b = idle.poll();
        return b != null ? b : ByteBuffer.allocate(chunkSize);
    }

    /** Gives a buffer back once nothing refers to it any more; {@code null} is ignored. */
    void give(ByteBuffer b) {
        if (b != null && b.capacity() == chunkSize && b.hasArray()) {
            b.clear();
            idle.offer(b); // dropped if the pool is full
        }
    }

    /** Buffers waiting for reuse (tests). */
    int idle() {
        return idle.size();
    }
}
