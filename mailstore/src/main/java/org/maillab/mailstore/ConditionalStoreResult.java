package org.maillab.mailstore;

import java.util.List;

/**
 * What a conditional flag change did (RFC 7162 §3.2, STORE UNCHANGEDSINCE).
 *
 * @param stored   the messages the change was applied to (or that already had the result), new state,
 *                 ascending UID order
 * @param modified UIDs left alone because they changed after the given mod-sequence, ascending
 */
public record ConditionalStoreResult(List<MessageInfo> stored, List<Long> modified) {

    public ConditionalStoreResult {
        stored = List.copyOf(stored);
        modified = List.copyOf(modified);
    }
}
