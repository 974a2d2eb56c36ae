package org.maillab.imap.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.maillab.mailstore.MessageContent;
import org.maillab.mime.parse.MessageTree;
import org.maillab.mime.parse.MimeParser;

/**
 * Parsed MIME trees (headers and offsets, never bodies), shared by all sessions of a server and kept
 * for the most recently used messages: a client fetching ENVELOPE, then BODYSTRUCTURE, then BODY[2]
 * parses the message once. Messages never change once stored, so a key never goes stale.
 */
public final class StructureCache {

    private final int capacity;
    private final Map<String, MessageTree> trees;
    /** SORT and THREAD keys, cached beside the trees (RFC 5256). */
    final SortHeaderCache sortHeaders = new SortHeaderCache();

    public StructureCache(int capacity) {
        this.capacity = capacity;
        this.trees = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MessageTree> eldest) {
                return size() > StructureCache.this.capacity;
            }
        };
    }

    /** The tree of a message, parsed on first use. */
    MessageTree tree(String key, MessageContent content) {
        synchronized (trees) {
            MessageTree cached = trees.get(key);
            if (cached != null) {
                return cached;
            }
        }
        MessageTree tree;
        try (InputStream in = content.open()) {
            tree = MimeParser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (trees) {
            trees.put(key, tree);
        }
        return tree;
    }

    int size() {
        synchronized (trees) {
            return trees.size();
        }
    }
}
