package org.maillab.transport.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps every entry in memory; for tests and golden transcripts. Thread-safe. */
public final class MemoryTranscript implements TranscriptSink {

    private final List<TranscriptEntry> entries = new ArrayList<>();

    @Override
    public synchronized void entry(TranscriptEntry entry) {
        entries.add(entry);
        notifyAll();
    }

    /** A copy of all entries so far. */
    public synchronized List<TranscriptEntry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of one connection without time and id ({@link TranscriptEntry#withoutTime()}). */
    public synchronized List<String> lines(long connectionId) {
        return entries.stream().filter(e -> e.connectionId() == connectionId)
                .map(TranscriptEntry::withoutTime).toList();
    }

    /** All entries without time and id. */
    public synchronized List<String> lines() {
        return entries.stream().map(TranscriptEntry::withoutTime).toList();
    }

    /**
     * Blocks until an entry matches (tests use this instead of sleeping), at most {@code timeoutMillis}.
     *
     * @return the matching entry
     * @throws AssertionError if none arrived in time
     */
    public synchronized TranscriptEntry await(Predicate<TranscriptEntry> match, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            for (TranscriptEntry e : entries) {
                if (match.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching transcript entry within " + timeoutMillis + " ms: " + lines());
            }
            wait(Math.max(1, left / 1_000_000L));
        }
    }
}
