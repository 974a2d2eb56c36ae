package org.maillab.imap.codec;

import java.util.Optional;

/** STATUS data items (RFC 9051 §6.3.11; RECENT from RFC 3501 §6.3.10; HIGHESTMODSEQ from RFC 7162). */
public enum StatusItem {
    MESSAGES,
    UIDNEXT,
    UIDVALIDITY,
    UNSEEN,
    DELETED,
    SIZE,
    RECENT,
    HIGHESTMODSEQ;

    /** The item for a name, case-insensitively. */
    public static Optional<StatusItem> parse(String name) {
        for (StatusItem item : values()) {
            if (item.name().equalsIgnoreCase(name)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
