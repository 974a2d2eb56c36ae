package org.maillab.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maillab.transport.transcript.TranscriptEntry;
import org.maillab.transport.transcript.TranscriptSink;

/**
 * The lab's transcript tap: every line every server saw, kept since the last {@link #clear}, so that a
 * failed test can show what its clients and the servers said. Client lines arrive already masked
 * (a transcript never shows a password). At most {@link #MAX_ENTRIES} are kept; older ones are
 * dropped and counted, so a chatty per-class lab cannot grow without bound.
 */
final class TranscriptRecorder implements TranscriptSink {

    static final int MAX_ENTRIES = 20_000;

    private final List<TranscriptEntry> entries = new ArrayList<>();
    private long dropped;

    @Override
    public synchronized void entry(TranscriptEntry entry) {
        if (entries.size() == MAX_ENTRIES) {
            entries.remove(0);
            dropped++;
        }
        entries.add(entry);
    }

    synchronized void clear() {
        entries.clear();
        dropped = 0;
    }

    /**
     * The transcript as text, one block per connection in the order the connections opened, each line
     * {@code [id] C: ...}; empty text when no client connected.
     */
    synchronized String format() {
        Map<Long, List<TranscriptEntry>> byConnection = new LinkedHashMap<>();
        for (TranscriptEntry e : entries) {
            byConnection.computeIfAbsent(e.connectionId(), id -> new ArrayList<>()).add(e);
        }
        StringBuilder text = new StringBuilder();
        if (dropped > 0) {
            text.append("(").append(dropped).append(" earlier lines dropped)\n");
        }
        for (List<TranscriptEntry> connection : byConnection.values()) {
            for (TranscriptEntry e : connection) {
                text.append('[').append(e.connectionId()).append("] ").append(e.withoutTime()).append('\n');
            }
        }
        return text.toString();
    }
}
