package org.maillab.imap.codec;

import java.util.List;
import java.util.OptionalLong;

/**
 * One member of a THREAD response (RFC 5256 §4): a message number with its children, or a dummy
 * (no number) that only groups siblings whose parent is missing or did not match, written
 * {@code ((3)(5))}. The wire form can only show a dummy with at least two children that is not the
 * only child of a message; {@link ResponseFormatter} flattens the other cases, which is how the
 * algorithms of RFC 5256 leave their trees anyway.
 */
public record ThreadNode(OptionalLong number, List<ThreadNode> children) {

    public ThreadNode {
        children = List.copyOf(children);
        if (number.isPresent() && number.getAsLong() < 1) {
            throw new IllegalArgumentException("message numbers are nz-number: " + number);
        }
    }

    /** A message and its replies. */
    public static ThreadNode message(long number, List<ThreadNode> children) {
        return new ThreadNode(OptionalLong.of(number), children);
    }

    /** A message without replies. */
    public static ThreadNode message(long number) {
        return message(number, List.of());
    }

    /** A placeholder parent grouping siblings. */
    public static ThreadNode dummy(List<ThreadNode> children) {
        return new ThreadNode(OptionalLong.empty(), children);
    }

    public boolean isDummy() {
        return number.isEmpty();
    }
}
