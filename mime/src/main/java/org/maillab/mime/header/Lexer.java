package org.maillab.mime.header;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a structured header value into tokens (RFC 5322 §3.2, RFC 2045 §5.1 for MIME's
 * tspecials), skipping comments and folding white space. Total: unterminated quotes, comments and
 * domain literals end at the end of the text.
 */
final class Lexer {

    enum Kind { ATOM, QUOTED, DOMAIN_LITERAL, SPECIAL }

    /** @param comment the text of the comment right after this token, or null (RFC 5322 §3.2.2) */
    record Token(Kind kind, String text, boolean spaceBefore, String comment) {
        Token(Kind kind, String text, boolean spaceBefore) {
            this(kind, text, spaceBefore, null);
        }

        boolean isSpecial(char c) {
            return kind == Kind.SPECIAL && text.charAt(0) == c;
        }
    }

    private static final String RFC5322_SPECIALS = "()<>[]:;@\\,.\"";
    private static final String MIME_TSPECIALS = "()<>@,;:\\\"/[]?=";

    private Lexer() {
    }

    /** Tokens of an RFC 5322 structured field (addresses, message ids, dates). */
    static List<Token> rfc5322(String text) {
        return tokenize(text, RFC5322_SPECIALS);
    }

    /** Tokens of a MIME field (Content-Type, Content-Disposition): tspecials of RFC 2045 §5.1. */
    static List<Token> mime(String text) {
        return tokenize(text, MIME_TSPECIALS);
    }

    private static List<Token> tokenize(String s, String specials) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = s.length();
        boolean space = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
                i++;
            } else if (c == '(') {
                int end = skipComment(s, i);
                if (!tokens.isEmpty()) {
                    Token last = tokens.get(tokens.size() - 1);
                    tokens.set(tokens.size() - 1, new Token(last.kind(), last.text(), last.spaceBefore(),
                            commentText(s, i + 1, end)));
                }
                i = end;
                space = true;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char q = s.charAt(i);
                    if (q == '\\' && i + 1 < n) {
                        sb.append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        if (q != '\r' && q != '\n') {
                            sb.append(q);
                        }
                        i++;
                    }
                }
                i++; // closing quote, or past the end
                tokens.add(new Token(Kind.QUOTED, sb.toString(), space));
                space = false;
            } else if (c == '[' && specials == RFC5322_SPECIALS) {
                int end = s.indexOf(']', i);
                end = end < 0 ? n : end + 1;
                tokens.add(new Token(Kind.DOMAIN_LITERAL, s.substring(i, end), space));
                space = false;
                i = end;
            } else if (specials.indexOf(c) >= 0 || c < 32 || c == 127) {
                if (c >= 32 && c != 127) {
                    tokens.add(new Token(Kind.SPECIAL, String.valueOf(c), space));
                }
                space = false;
                i++;
            } else {
                int start = i;
                while (i < n) {
                    char a = s.charAt(i);
                    if (a == ' ' || a == '\t' || a == '\r' || a == '\n' || a == '(' || a == '"'
                            || specials.indexOf(a) >= 0 || a < 32 || a == 127) {
                        break;
                    }
                    i++;
                }
                tokens.add(new Token(Kind.ATOM, s.substring(start, i), space));
                space = false;
            }
        }
        return tokens;
    }

    /**
     * What a comment says: the text between its parentheses (up to {@code end}, which is after the
     * closing one, or the end of an unterminated comment), quoted-pairs undone, white space runs as one
     * space (RFC 5322 §3.2.2).
     */
    private static String commentText(String s, int from, int end) {
        int to = end > from && end <= s.length() && s.charAt(end - 1) == ')' ? end - 1 : end;
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                sb.append(s.charAt(++i));
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(' ');
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString().strip();
    }

    /** Skips a (possibly nested, RFC 5322 §3.2.2) comment starting at {@code i}; returns the index after it. */
    static int skipComment(String s, int i) {
        int depth = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return n;
    }
}
