package org.maillab.imap.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.maillab.imap.sort.SortHeader;

/**
 * The header fields SORT and THREAD need, per message, shared by all sessions of a server. A SortHeader
 * is a few hundred bytes, so far more messages fit than parsed trees do: a second SORT of a 10,000-message
 * mailbox reads no message at all. Messages never change once stored, so an entry never goes stale.
 */
final class SortHeaderCache {

    /** Entries kept; the least recently used go first. */
    static final int CAPACITY = 100_000;

    private final Map<String, SortHeader> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SortHeader> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The cached value, or the computed one (computed outside the lock: it reads the store). */
    SortHeader get(String key, Supplier<SortHeader> compute) {
        synchronized (entries) {
            SortHeader cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        SortHeader computed = compute.get();
        synchronized (entries) {
            entries.put(key, computed);
        }
        return computed;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
