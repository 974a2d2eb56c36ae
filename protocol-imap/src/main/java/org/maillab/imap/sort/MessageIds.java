package org.maillab.imap.sort;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Message IDs as THREAD=REFERENCES compares them (RFC 5256 §3): {@code <id-left@id-right>} with quoting
 * undone, so {@code <"01KF8JCEOCBS0045PS"@xxx.yyy.com>} and {@code <01KF8JCEOCBS0045PS@xxx.yyy.com>}
 * are the same ID. Comparison stays case-sensitive. Anything that is not a valid msg-id is skipped.
 */
final class MessageIds {

    private MessageIds() {
    }

    /** Every valid msg-id in a field value (References), normalised, in order. */
    static List<String> all(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        int i = 0;
        while (i < value.length()) {
            char ch = value.charAt(i);
            if (ch == '(') {
                i = skipComment(value, i);
            } else if (ch == '<') {
                int end = closing(value, i + 1);
                if (end < 0) {
                    break;
                }
                normalise(value.substring(i + 1, end)).ifPresent(ids::add);
                i = end + 1;
            } else {
                i++;
            }
        }
        return ids;
    }

    /** The first valid msg-id of a field value (Message-ID, In-Reply-To). */
    static Optional<String> first(String value) {
        List<String> ids = all(value);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    /** Where the '>' closing an id that starts at {@code from} is (quotes respected), or -1. */
    private static int closing(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted && ch == '\\') {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '<') {
                return -1; // "<a <b@c>": the first '<' never closed; the caller restarts after it
            } else if (!quoted && ch == '>') {
                return i;
            }
        }
        return -1;
    }

    private static int skipComment(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return s.length();
    }

    /** id-left "@" id-right with quotes, escapes, comments and folding whitespace removed. */
    static Optional<String> normalise(String inner) {
        StringBuilder out = new StringBuilder(inner.length());
        boolean quoted = false;
        for (int i = 0; i < inner.length(); i++) {
            char ch = inner.charAt(i);
            if (ch == '\\' && i + 1 < inner.length()) {
                out.append(inner.charAt(++i));
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                i = skipComment(inner, i) - 1;
            } else if (!quoted && (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')) {
                continue;
            } else {
                out.append(ch);
            }
        }
        String id = out.toString();
        int at = id.lastIndexOf('@');
        if (quoted || at <= 0 || at == id.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(id);
    }
}
