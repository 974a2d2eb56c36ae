package org.maillab.mailstore.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which UIDs a mailbox expunged, and at which mod-sequence, so that QRESYNC can name only the messages
 * expunged since a client's mod-sequence (RFC 7162 §3.2.5.1, §3.2.6) instead of every UID that ever left.
 *
 * <p>Bounded: consecutive UIDs share one range, which keeps the highest of their mod-sequences; beyond
 * {@link #MAX_RANGES} ranges (some 10,000 scattered UIDs) the older half is forgotten into a
 * <em>floor</em>, the highest mod-sequence forgotten. For a mod-sequence below the floor every absent UID
 * counts as possibly expunged since, as §3.2.6 requires below the oldest expunge a server remembers. So the log
 * errs only by naming too many expunged UIDs, which the RFC permits (§5.1), and never misses one; it is
 * the queue of UID ranges and mod-sequences of §5.3, bounded as §5.3 advises. The engine keeps
 * one per mailbox; a storage that persists it keeps its own, fed the same expunges, so both agree. Not
 * thread-safe: the mailbox lock guards it.
 */
public final class ExpungeLog {

    /** The most ranges a log keeps. */
    public static final int MAX_RANGES = 10_000;

    /** UIDs {@code first..last}, expunged at mod-sequences up to {@code modSeq}. */
    public record Range(long first, long last, long modSeq) {
    }

    private final TreeMap<Long, Range> ranges = new TreeMap<>();
    private final int maxRanges;
    private long floor;

    /** An empty log that knows nothing before {@code floor}: 0 for a new mailbox. */
    public ExpungeLog(long floor) {
        this(floor, MAX_RANGES);
    }

    ExpungeLog(long floor, int maxRanges) {
        this.floor = floor;
        this.maxRanges = maxRanges;
    }

    /** The highest mod-sequence whose expunges are forgotten. */
    public long floor() {
        return floor;
    }

    /** The ranges, in ascending UID order. */
    public List<Range> ranges() {
        return new ArrayList<>(ranges.values());
    }

    public ExpungeLog copy() {
        ExpungeLog copy = new ExpungeLog(floor, maxRanges);
        copy.ranges.putAll(ranges);
        return copy;
    }

    /** Records a range, as read back from storage. */
    public void add(Range range) {
        insert(range.first(), range.last(), range.modSeq());
    }

    /** Records that {@code uid} was expunged at {@code modSeq}. */
    public void add(long uid, long modSeq) {
        insert(uid, uid, modSeq);
    }

    private void insert(long first, long last, long modSeq) {
        if (modSeq <= floor) {
            return; // a client at or after the floor knew; one before it is told everything anyway
        }
        long ms = modSeq;
        Map.Entry<Long, Range> below = ranges.floorEntry(first);
        if (below != null && below.getValue().last() >= first - 1) { // overlapping or adjacent: one range
            Range r = ranges.remove(below.getKey());
            first = r.first();
            last = Math.max(last, r.last());
            ms = Math.max(ms, r.modSeq());
        }
        for (Map.Entry<Long, Range> next = ranges.ceilingEntry(first); next != null && next.getKey() <= last + 1;
                next = ranges.ceilingEntry(first)) {
            Range r = ranges.remove(next.getKey());
            last = Math.max(last, r.last());
            ms = Math.max(ms, r.modSeq());
        }
        ranges.put(first, new Range(first, last, ms));
        if (ranges.size() > maxRanges) {
            forgetOlderHalf();
        }
    }

    private void forgetOlderHalf() {
        List<Range> byAge = new ArrayList<>(ranges.values());
        byAge.sort((a, b) -> Long.compare(a.modSeq(), b.modSeq()));
        for (Range r : byAge.subList(0, byAge.size() / 2)) {
            ranges.remove(r.first());
            floor = Math.max(floor, r.modSeq());
        }
        // ranges as old as the new floor are now covered by it
        ranges.values().removeIf(r -> r.modSeq() <= floor);
    }

    /**
     * Whether {@code uid}, no longer in the mailbox, may have been expunged after {@code modSeq}: true
     * when it was, or when the log does not remember that far back; false when it left at or before
     * {@code modSeq}, or never was expunged (a UID never used, or one still present).
     */
    public boolean expungedSince(long uid, long modSeq) {
        if (modSeq < floor) {
            return true;
        }
        Map.Entry<Long, Range> holding = ranges.floorEntry(uid);
        return holding != null && holding.getValue().last() >= uid && holding.getValue().modSeq() > modSeq;
    }
}
