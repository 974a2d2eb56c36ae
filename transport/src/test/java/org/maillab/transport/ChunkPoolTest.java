package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ChunkPoolTest {

    @Test
    void aGivenBufferIsHandedOutAgainEmpty() {
        ChunkPool pool = new ChunkPool(1024, 2);
        ByteBuffer b = pool.take();
        b.put(new byte[100]).flip();
        pool.give(b);
        ByteBuffer again = pool.take();
        assertSame(b, again);
        assertEquals(0, again.position());
        assertEquals(1024, again.limit());
    }

    @Test
    void thePoolHoldsAtMostItsCapacityAndOnlyItsChunkSize() {
        ChunkPool pool = new ChunkPool(1024, 2);
        pool.give(ByteBuffer.allocate(1024));
        pool.give(ByteBuffer.allocate(1024));
        pool.give(ByteBuffer.allocate(1024));
        pool.give(ByteBuffer.allocate(512));
        pool.give(null);
        assertEquals(2, pool.idle());
    }

    @Test
    void anEmptyPoolAllocates() {
        ChunkPool pool = new ChunkPool(1024, 2);
        ByteBuffer a = pool.take();
        ByteBuffer b = pool.take();
        assertNotSame(a, b);
        assertEquals(1024, a.capacity());
    }
}
