package org.maillab.pop3.codec;

import java.util.Optional;

/**
 * A server's status line as a client reads it (RFC 1939 §3, RFC 2449 §8, RFC 5034 §4). Parsing is
 * total: a line that is none of {@code +OK}, {@code -ERR} or {@code +} gives {@link Kind#INVALID}.
 *
 * @param kind what the line says
 * @param code the bracketed response code, if any and if known
 * @param text the text after the status indicator (and code), or the whole line if invalid
 */
public record StatusLine(Kind kind, Optional<ResponseCode> code, String text) {

    /** The three kinds of status line, and anything else. */
    public enum Kind {
        OK, ERR, CONTINUATION, INVALID
    }

    /** True for {@code +OK}. */
    public boolean ok() {
        return kind == Kind.OK;
    }

    /** Parses a status line, with or without its CRLF. */
    public static StatusLine parse(String line) {
        String text = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        if (startsWithWord(text, "+OK")) {
            return withCode(Kind.OK, rest(text, 3));
        }
        if (startsWithWord(text, "-ERR")) {
            return withCode(Kind.ERR, rest(text, 4));
        }
        if (text.equals("+") || text.startsWith("+ ")) {
            return new StatusLine(Kind.CONTINUATION, Optional.empty(), rest(text, 1));
        }
        return new StatusLine(Kind.INVALID, Optional.empty(), text);
    }

    private static boolean startsWithWord(String text, String word) {
        return text.regionMatches(true, 0, word, 0, word.length())
                && (text.length() == word.length() || text.charAt(word.length()) == ' ');
    }

    private static String rest(String text, int from) {
        return text.length() > from ? text.substring(from + 1) : "";
    }

    private static StatusLine withCode(Kind kind, String rest) {
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close > 0) {
                String code = rest.substring(1, close);
                // RFC 2449 §8: a code may have sub-codes after a slash; we know the ones we define.
                String after = rest.substring(close + 1).stripLeading();
                return new StatusLine(kind, ResponseCode.fromWire(code), after);
            }
        }
        return new StatusLine(kind, Optional.empty(), rest);
    }
}
