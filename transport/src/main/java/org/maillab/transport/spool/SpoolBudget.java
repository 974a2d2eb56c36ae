package org.maillab.transport.spool;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the disk that spooled input may take: at most {@code perConnection} bytes for one connection's
 * files at once, and {@code total} for the whole server. A file's size is reserved before it is written
 * (an IMAP literal announces its size) and given back when the file is deleted, so a client cannot
 * fill the disk by pipelining large literals, nor many clients together. Thread-safe.
 */
public final class SpoolBudget {

    /** 100 MiB per connection: two of the largest messages by default (50 MiB), one stored while the next arrives. */
    public static final long DEFAULT_PER_CONNECTION = 100L * 1024 * 1024;
    /** 1 GiB for the whole server, by default. */
    public static final long DEFAULT_TOTAL = 1024L * 1024 * 1024;

    private final long perConnection;
    private final long total;
    private final AtomicLong reserved = new AtomicLong();

    public SpoolBudget(long perConnection, long total) {
        if (perConnection < 0 || total < 0) {
            throw new IllegalArgumentException("spool limits " + perConnection + "/" + total);
        }
        this.perConnection = perConnection;
        this.total = total;
    }

    public static SpoolBudget defaults() {
        return new SpoolBudget(DEFAULT_PER_CONNECTION, DEFAULT_TOTAL);
    }

    public long perConnection() {
        return perConnection;
    }

    public long total() {
        return total;
    }

    /** Bytes reserved now, over all connections. */
    public long reserved() {
        return reserved.get();
    }

    /** One connection's share. */
    public Share newShare() {
        return new Share();
    }

    private boolean reserveTotal(long bytes) {
        while (true) {
            long now = reserved.get();
            if (bytes > total - now) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** What one connection has reserved. */
    public final class Share {
        private long held;

        private Share() {
        }

        /** Reserves {@code bytes} for a file about to be written, or says no (nothing reserved then). */
        public synchronized boolean reserve(long bytes) {
            if (bytes < 0 || bytes > perConnection - held || !reserveTotal(bytes)) {
                return false;
            }
            held += bytes;
            return true;
        }

        /** Gives back what {@link #reserve} took, once its file is deleted. */
        public synchronized void release(long bytes) {
            long back = Math.min(bytes, held);
            held -= back;
            reserved.addAndGet(-back);
        }

        /** Bytes this connection holds now. */
        public synchronized long held() {
            return held;
        }
    }
}
