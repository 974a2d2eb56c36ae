package org.maillab.mailstore;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of RFC 4314 rights. Its text form lists the letters in the order of {@link Right}
 * ({@code lrswipkxtea}); {@link #wireForm()} adds the obsolete {@code c} and {@code d} that RFC 4314
 * §2.1.1 requires in ACL and MYRIGHTS responses.
 */
public final class Rights {

    /** No right at all. */
    public static final Rights NONE = new Rights(EnumSet.noneOf(Right.class));
    /** Every right: what a mailbox's owner has (RFC 4314 §2 lets an implementation fix rights). */
    public static final Rights ALL = new Rights(EnumSet.allOf(Right.class));

    /** RFC 4314 §2.1.1: "c" is the union of "k" and "x". */
    private static final Set<Right> CREATE_VIRTUAL = EnumSet.of(Right.CREATE_MAILBOX, Right.DELETE_MAILBOX);
    /** RFC 4314 §2.1.1: "d" is the union of "e" and "t". */
    private static final Set<Right> DELETE_VIRTUAL = EnumSet.of(Right.EXPUNGE, Right.DELETE_MESSAGES);

    private final EnumSet<Right> set;

    private Rights(EnumSet<Right> set) {
        this.set = set;
    }

    /** The rights given. */
    public static Rights of(Right... rights) {
        EnumSet<Right> s = EnumSet.noneOf(Right.class);
        for (Right r : rights) {
            s.add(r);
        }
        return new Rights(s);
    }

    /** The rights given. */
    public static Rights of(Collection<Right> rights) {
        return rights.isEmpty() ? NONE : new Rights(EnumSet.copyOf(rights));
    }

    /**
     * Parses rights letters ({@code lrswipkxtea}, and {@code c}/{@code d} expanded per RFC 4314 §2.1.1);
     * empty if any other character appears, which RFC 4314 §3.1 answers with BAD.
     */
    public static Optional<Rights> parse(String letters) {
        if (letters == null) {
            return Optional.empty();
        }
        EnumSet<Right> s = EnumSet.noneOf(Right.class);
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (c == 'c') {
                s.addAll(CREATE_VIRTUAL);
            } else if (c == 'd') {
                s.addAll(DELETE_VIRTUAL);
            } else {
                Optional<Right> r = right(c);
                if (r.isEmpty()) {
                    return Optional.empty();
                }
                s.add(r.get());
            }
        }
        return Optional.of(new Rights(s));
    }

    private static Optional<Right> right(char c) {
        for (Right r : Right.values()) {
            if (r.letter() == c) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public boolean contains(Right right) {
        return set.contains(right);
    }

    /** Whether any of the given rights is here. */
    public boolean containsAny(Right... rights) {
        for (Right r : rights) {
            if (set.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return set.isEmpty();
    }

    public Rights union(Rights other) {
        EnumSet<Right> s = EnumSet.copyOf(set);
        s.addAll(other.set);
        return new Rights(s);
    }

    public Rights minus(Rights other) {
        EnumSet<Right> s = EnumSet.copyOf(set);
        s.removeAll(other.set);
        return new Rights(s);
    }

    /** The rights as an unmodifiable set. */
    public Set<Right> asSet() {
        return java.util.Collections.unmodifiableSet(set);
    }

    /** The letters, e.g. {@code lrs}; what the store persists. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Right r : set) {
            sb.append(r.letter());
        }
        return sb.toString();
    }

    /** The letters plus {@code c} if {@code k} or {@code x} is here, {@code d} if {@code e} or {@code t} (RFC 4314 §2.1.1). */
    public String wireForm() {
        StringBuilder sb = new StringBuilder(toString());
        if (set.stream().anyMatch(CREATE_VIRTUAL::contains)) {
            sb.append('c');
        }
        if (set.stream().anyMatch(DELETE_VIRTUAL::contains)) {
            sb.append('d');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rights other && set.equals(other.set);
    }

    @Override
    public int hashCode() {
        return set.hashCode();
    }
}
