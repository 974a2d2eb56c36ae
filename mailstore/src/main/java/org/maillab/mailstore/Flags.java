package org.maillab.mailstore;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A message's flags: system flags and keywords (user-defined flags, RFC 9051 §2.3.2). Immutable.
 * Keywords are atoms such as {@code $Forwarded} or {@code Work}; they never start with a backslash.
 */
public record Flags(Set<SystemFlag> system, Set<String> keywords) {

    public static final Flags NONE = new Flags(Set.of(), Set.of());

    public Flags {
        EnumSet<SystemFlag> systemCopy = EnumSet.noneOf(SystemFlag.class);
        systemCopy.addAll(system);
        system = Collections.unmodifiableSet(systemCopy);
        keywords = Collections.unmodifiableSet(new TreeSet<>(keywords));
    }

    public static Flags of(SystemFlag... flags) {
        return new Flags(Set.of(flags), Set.of());
    }

    public boolean contains(SystemFlag flag) {
        return system.contains(flag);
    }

    /** These flags with {@code other}'s added. */
    public Flags plus(Flags other) {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        s.addAll(system);
        s.addAll(other.system);
        Set<String> k = new TreeSet<>(keywords);
        k.addAll(other.keywords);
        return new Flags(s, k);
    }

    /** These flags with {@code other}'s removed. */
    public Flags minus(Flags other) {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        s.addAll(system);
        s.removeAll(other.system);
        Set<String> k = new TreeSet<>(keywords);
        k.removeAll(other.keywords);
        return new Flags(s, k);
    }

    /** Applies a STORE-style operation. */
    public Flags apply(FlagOp op, Flags operand) {
        return switch (op) {
            case REPLACE -> operand;
            case ADD -> plus(operand);
            case REMOVE -> minus(operand);
        };
    }
}
