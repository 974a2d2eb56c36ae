package org.maillab.transport.transcript;

/**
 * Where a server's transcript tap sends what it sees. Implementations must be thread-safe: entries come
 * from the worker threads of many connections at once (each connection's own entries are in order).
 * Sinks: {@link PrintStreamTranscript} ({@code maillab serve --trace}), {@link MemoryTranscript} (tests),
 * {@link TrafficCounter} (the simulator's bytes and round trips), and {@link #both} to combine them.
 */
public interface TranscriptSink {

    /** One transcript line. */
    void entry(TranscriptEntry entry);

    /**
     * Bytes moved on the wire (after TLS, so they are what a network would carry). Called from the
     * selector thread or a worker, in order per connection; keep it cheap.
     *
     * @param fromClient {@code true} for bytes read from the client, {@code false} for bytes sent to it
     */
    default void bytes(long connectionId, boolean fromClient, long count) {
    }

    /** Sends everything to both sinks. */
    static TranscriptSink both(TranscriptSink a, TranscriptSink b) {
        return new TranscriptSink() {
            @Override
            public void entry(TranscriptEntry entry) {
                a.entry(entry);
                b.entry(entry);
            }

            @Override
            public void bytes(long connectionId, boolean fromClient, long count) {
                a.bytes(connectionId, fromClient, count);
                b.bytes(connectionId, fromClient, count);
            }
        };
    }
}
