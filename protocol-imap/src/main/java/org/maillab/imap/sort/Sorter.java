package org.maillab.imap.sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.maillab.imap.codec.SortCriterion;

/** SORT (RFC 5256 §3): orders messages by a list of criteria, the sequence number breaking ties. */
public final class Sorter {

    private Sorter() {
    }

    /** The messages in the order the criteria give; REVERSE flips only its own criterion. */
    public static List<SortMessage> sort(List<SortMessage> messages, List<SortCriterion> criteria) {
        Comparator<SortMessage> order = null;
        for (SortCriterion c : criteria) {
            Comparator<SortMessage> one = comparator(c.key());
            if (c.reverse()) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        Comparator<SortMessage> bySequence = Comparator.comparingLong(SortMessage::sequence);
        order = order == null ? bySequence : order.thenComparing(bySequence);
        List<SortMessage> sorted = new ArrayList<>(messages);
        sorted.sort(order);
        return sorted;
    }

    static Comparator<SortMessage> comparator(SortCriterion.Key key) {
        return switch (key) {
            case ARRIVAL -> Comparator.comparingLong(SortMessage::arrival);
            case DATE -> Comparator.comparingLong(SortMessage::sentDate);
            case SIZE -> Comparator.comparingLong(SortMessage::size);
            case SUBJECT -> Comparator.comparing(m -> m.header().subjectKey(), Collation.KEY_ORDER);
            case FROM -> Comparator.comparing(m -> m.header().fromKey(), Collation.KEY_ORDER);
            case TO -> Comparator.comparing(m -> m.header().toKey(), Collation.KEY_ORDER);
            case CC -> Comparator.comparing(m -> m.header().ccKey(), Collation.KEY_ORDER);
        };
    }

    /** Sent date, then sequence number (RFC 5256 §2.2): the order of siblings in THREAD. */
    static final Comparator<SortMessage> BY_SENT_DATE = Comparator.comparingLong(SortMessage::sentDate)
            .thenComparingLong(SortMessage::sequence);
}
