package org.maillab.simulator.scenario;

/**
 * Which messages an action applies to, among those the device knows of in its INBOX, newest last.
 *
 * @param kind  how to choose
 * @param count for {@code NEWEST} and {@code OLDEST}: how many (at least 1)
 */
public record Selector(Kind kind, int count) {

    /** How messages are chosen. */
    public enum Kind {
        NEWEST, OLDEST, ALL, UNREAD
    }

    public static Selector newest(int count) {
        return new Selector(Kind.NEWEST, count);
    }

    public static Selector all() {
        return new Selector(Kind.ALL, 1);
    }
}
