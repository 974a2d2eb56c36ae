package org.maillab.mailstore.core;

/**
 * IMAP LIST pattern matching (RFC 9051 §6.3.9): {@code *} matches any characters, {@code %} any
 * except the hierarchy delimiter. Dynamic programming, so no pattern can make it take exponential time.
 * A leading INBOX in the pattern matches case-insensitively, as the name does.
 */
public final class ListPattern {

    private ListPattern() {
    }

    public static boolean matches(String pattern, String name) {
        String p = canonicalInbox(pattern);
        int n = name.length();
        int m = p.length();
        // row[j]: does p[0..i) match name[0..j)?
        boolean[] row = new boolean[n + 1];
        row[0] = true;
        for (int i = 0; i < m; i++) {
            char pc = p.charAt(i);
            boolean[] next = new boolean[n + 1];
            if (pc == '*' || pc == '%') {
                boolean reach = false;
                for (int j = 0; j <= n; j++) {
                    // extend an earlier match by name[j-1], unless '%' would swallow a delimiter
                    if (j > 0 && reach && pc == '%' && name.charAt(j - 1) == MailboxNames.DELIMITER) {
                        reach = false;
                    }
                    reach |= row[j];
                    next[j] = reach;
                }
            } else {
                for (int j = 1; j <= n; j++) {
                    next[j] = row[j - 1] && name.charAt(j - 1) == pc;
                }
            }
            row = next;
        }
        return row[n];
    }

    private static String canonicalInbox(String pattern) {
        if (pattern.length() >= 5 && pattern.regionMatches(true, 0, MailboxNames.INBOX, 0, 5)
                && (pattern.length() == 5 || pattern.charAt(5) == MailboxNames.DELIMITER)) {
            return MailboxNames.INBOX + pattern.substring(5);
        }
        return pattern;
    }
}
