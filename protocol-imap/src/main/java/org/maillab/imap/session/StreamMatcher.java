package org.maillab.imap.session;

import java.io.IOException;
import java.io.Reader;

/**
 * Case-insensitive substring search over text that arrives in pieces (RFC 9051 §6.4.4 string keys),
 * so a message body is matched as it is decoded and never held whole. A Knuth–Morris–Pratt automaton:
 * the state (how much of the needle the text seen so far ends with) carries across buffer boundaries.
 */
final class StreamMatcher {

    private final char[] needle;
    private final int[] fallback;
    private int matched;
    private boolean found;

    StreamMatcher(String needle) {
        this.needle = new char[needle.length()];
        for (int i = 0; i < needle.length(); i++) {
            this.needle[i] = fold(needle.charAt(i));
        }
        this.fallback = failureTable(this.needle);
        this.found = this.needle.length == 0;
    }

    /** Case folding char by char: the same for both sides, so "ß" never half-matches "ss". */
    static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static int[] failureTable(char[] p) {
        int[] f = new int[p.length];
        int k = 0;
        for (int i = 1; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = f[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }

    /** Feeds more text; returns whether the needle has occurred anywhere so far. */
    boolean feed(char[] buf, int off, int len) {
        for (int i = off; i < off + len && !found; i++) {
            char c = fold(buf[i]);
            while (matched > 0 && needle[matched] != c) {
                matched = fallback[matched - 1];
            }
            if (needle[matched] == c) {
                matched++;
                if (matched == needle.length) {
                    found = true;
                }
            }
        }
        return found;
    }

    boolean feed(CharSequence s) {
        char[] chars = s.toString().toCharArray();
        return feed(chars, 0, chars.length);
    }

    /** Feeds a reader until the needle is found or the reader ends; does not close it. */
    boolean feed(Reader r) throws IOException {
        char[] buf = new char[8192];
        int n;
        while (!found && (n = r.read(buf)) >= 0) {
            feed(buf, 0, n);
        }
        return found;
    }

    boolean found() {
        return found;
    }
}
