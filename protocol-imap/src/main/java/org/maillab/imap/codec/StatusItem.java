package org.maillab.imap.codec;

import java.util.Optional;

/**
 * STATUS data items (RFC 9051 §6.3.11; RECENT from RFC 3501 §6.3.10; HIGHESTMODSEQ from RFC 7162;
 * DELETED-STORAGE from RFC 9208 §4.1.4).
 */
public enum StatusItem {
    MESSAGES,
    UIDNEXT,
    UIDVALIDITY,
    UNSEEN,
    DELETED,
    SIZE,
    RECENT,
    HIGHESTMODSEQ,
    DELETED_STORAGE;

    /** The item's name on the wire, e.g. {@code DELETED-STORAGE}. */
    public String wire() {
        return name().replace('_', '-');
    }

    /** The item for a name, case-insensitively. */
    public static Optional<StatusItem> parse(String name) {
        for (StatusItem item : values()) {
            if (item.wire().equalsIgnoreCase(name)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
