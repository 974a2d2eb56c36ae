package org.maillab.imap.client;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.imap.codec.SequenceSet;

/**
 * What a SELECT or EXAMINE told about the mailbox: its UIDVALIDITY, message count, HIGHESTMODSEQ (RFC
 * 7162 §3.1.2.1; absent, or {@code noModSeq}, when the mailbox keeps no mod-sequences) and, after a
 * QRESYNC select (RFC 7162 §3.2.5.2), the UIDs that vanished since the client's mod-sequence and the
 * FETCH responses of the messages changed since then.
 */
public record Selected(long uidValidity, long exists, OptionalLong highestModSeq, boolean noModSeq,
        List<Long> vanished, List<Response.Fetch> changed) {

    public Selected {
        vanished = List.copyOf(vanished);
        changed = List.copyOf(changed);
    }

    /** Reads a SELECT's reply; a missing UIDVALIDITY reads as 0 (RFC 9051 §6.3.2 requires it). */
    public static Selected of(Reply reply) {
        long uidValidity = 0;
        long exists = 0;
        OptionalLong highest = OptionalLong.empty();
        boolean noModSeq = false;
        List<Long> vanished = new ArrayList<>();
        List<Response.Fetch> changed = new ArrayList<>();
        for (Response r : reply.untagged()) {
            if (r instanceof Response.Exists e) {
                exists = e.count();
            } else if (r instanceof Response.Vanished v && v.uids() instanceof SequenceSet.Ranges ranges) {
                // VANISHED never names "*" (RFC 7162 §3.2.10), so resolving against any bound is exact
                vanished.addAll(ranges.resolve(Long.MAX_VALUE - 1));
            } else if (r instanceof Response.Fetch f) {
                changed.add(f);
            } else if (r instanceof Response.Condition c && c.code().isPresent()) {
                ResponseCode code = c.code().get();
                if (code instanceof ResponseCode.Number n && n.name().equalsIgnoreCase("UIDVALIDITY")) {
                    uidValidity = n.value();
                } else if (code instanceof ResponseCode.Number n && n.name().equalsIgnoreCase("HIGHESTMODSEQ")) {
                    highest = OptionalLong.of(n.value());
                } else if (code instanceof ResponseCode.Atom a && a.name().equalsIgnoreCase("NOMODSEQ")) {
                    noModSeq = true;
                }
            }
        }
        return new Selected(uidValidity, exists, highest, noModSeq, vanished, changed);
    }
}
