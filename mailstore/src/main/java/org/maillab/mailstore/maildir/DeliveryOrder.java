package org.maillab.mailstore.maildir;

import java.util.Comparator;

/**
 * Orders Maildir base names by when they were delivered, so that mail found on disk gets UIDs in
 * arrival order. A unique name starts with the delivery time in seconds, and most writers (Dovecot,
 * MailLab, qmail's successors) follow it with {@code .M<microseconds>}: {@code 1795731353.M838426P14933.host}.
 * Neither number is zero-padded, so comparing the names as strings would put {@code M95000} after
 * {@code M838426} of the same second. Names that do not follow the convention sort after those that
 * do, by plain string order.
 */
final class DeliveryOrder implements Comparator<String> {

    static final DeliveryOrder INSTANCE = new DeliveryOrder();

    private DeliveryOrder() {
    }

    @Override
    public int compare(String a, String b) {
        long secondsA = seconds(a);
        long secondsB = seconds(b);
        if (secondsA != secondsB) {
            return secondsA < 0 ? 1 : secondsB < 0 ? -1 : Long.compare(secondsA, secondsB);
        }
        int byMicros = Long.compare(micros(a), micros(b));
        return byMicros != 0 ? byMicros : a.compareTo(b);
    }

    /** The leading decimal number before the first dot, or -1. */
    private static long seconds(String base) {
        int dot = base.indexOf('.');
        return dot > 0 ? number(base, 0, dot) : -1;
    }

    /** The number after {@code .M} in the second dot-separated field, or -1. */
    private static long micros(String base) {
        int dot = base.indexOf('.');
        if (dot < 0 || dot + 2 >= base.length() || base.charAt(dot + 1) != 'M') {
            return -1;
        }
        int end = dot + 2;
        while (end < base.length() && Character.isDigit(base.charAt(end))) {
            end++;
        }
        return number(base, dot + 2, end);
    }

    private static long number(String s, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
