package org.maillab.mailstore;

import java.util.List;

/**
 * Where copied or moved messages landed: what COPYUID reports (RFC 4315 §3). The two lists are
 * parallel: {@code sourceUids.get(i)} became {@code targetUids.get(i)}.
 */
public record CopyResult(long targetUidValidity, List<Long> sourceUids, List<Long> targetUids) {

    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
        if (sourceUids.size() != targetUids.size()) {
            throw new IllegalArgumentException("source and target UID lists differ in length");
        }
    }
}
