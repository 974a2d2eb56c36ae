package org.maillab.imap.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A sequence set (RFC 9051 §9 {@code sequence-set}): message numbers or UIDs, ranges in either order,
 * {@code *} for the largest in use; or {@code $}, the result of the last SEARCH (RFC 5182).
 */
public sealed interface SequenceSet {

    /** {@code *}: the largest number in use (RFC 9051 §9 {@code seq-number}). */
    long STAR = Long.MAX_VALUE;

    /** The set written on the wire. */
    String wire();

    /** {@code $}: the saved search result (RFC 5182 §2). */
    record LastResult() implements SequenceSet {
        @Override
        public String wire() {
            return "$";
        }
    }

    /** Explicit ranges. */
    record Ranges(List<Range> ranges) implements SequenceSet {
        public Ranges {
            ranges = List.copyOf(ranges);
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("a sequence set has at least one element");
            }
        }

        @Override
        public String wire() {
            StringBuilder sb = new StringBuilder();
            for (Range r : ranges) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(r.wire());
            }
            return sb.toString();
        }

        /**
         * The numbers this set names when {@code max} is the largest in use; numbers above {@code max}
         * are left out, except that {@code *} always names {@code max} (RFC 9051 §6.4.8: {@code n:*}
         * includes the last message even when n is larger).
         */
        public TreeSet<Long> resolve(long max) {
            TreeSet<Long> out = new TreeSet<>();
            if (max <= 0) {
                return out;
            }
            for (Range r : ranges) {
                long a = r.first() == STAR ? max : r.first();
                long b = r.last() == STAR ? max : r.last();
                long lo = Math.min(a, b);
                long hi = Math.min(Math.max(a, b), max);
                for (long n = lo; n <= hi; n++) {
                    out.add(n);
                }
            }
            return out;
        }

        /** Whether {@code n} is in the set, with {@code max} standing for {@code *}. */
        public boolean contains(long n, long max) {
            for (Range r : ranges) {
                long a = r.first() == STAR ? max : r.first();
                long b = r.last() == STAR ? max : r.last();
                if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One element: a single number ({@code first == last}) or a range; {@link #STAR} for {@code *}. */
    record Range(long first, long last) {
        public Range {
            check(first);
            check(last);
        }

        private static void check(long n) {
            if (n != STAR && (n < 1 || n > Syntax.MAX_NUMBER)) {
                throw new IllegalArgumentException("not an nz-number: " + n);
            }
        }

        String wire() {
            return first == last ? number(first) : number(first) + ":" + number(last);
        }

        private static String number(long n) {
            return n == STAR ? "*" : Long.toString(n);
        }
    }

    /** A set of single numbers, compacted into ranges. */
    static Ranges of(Iterable<Long> numbers) {
        TreeSet<Long> sorted = new TreeSet<>();
        numbers.forEach(sorted::add);
        List<Range> ranges = new ArrayList<>();
        long start = -1;
        long prev = -1;
        for (long n : sorted) {
            if (start < 0) {
                start = n;
            } else if (n != prev + 1) {
                ranges.add(new Range(start, prev));
                start = n;
            }
            prev = n;
        }
        if (start > 0) {
            ranges.add(new Range(start, prev));
        }
        return new Ranges(ranges);
    }

    /** The set of the given numbers compacted into ranges; at least one number. */
    static SequenceSet ofNumbers(Iterable<Long> numbers) {
        return of(numbers);
    }

    /** {@code first:last}. */
    static SequenceSet range(long first, long last) {
        return new Ranges(List.of(new Range(first, last)));
    }

    /** One number. */
    static SequenceSet single(long n) {
        return new Ranges(List.of(new Range(n, n)));
    }
}
