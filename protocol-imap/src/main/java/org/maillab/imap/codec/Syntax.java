package org.maillab.imap.codec;

import org.maillab.transport.wire.WireNumber;

/** Character classes of RFC 9051 §9 (formal syntax). */
final class Syntax {

    /** Largest number64 (RFC 9051 §9): 2^63 - 1. */
    static final long MAX_NUMBER64 = WireNumber.MAX_NUMBER64;
    /** Largest number / nz-number (RFC 9051 §9): 2^32 - 1. */
    static final long MAX_NUMBER = WireNumber.MAX_NUMBER32;

    private Syntax() {
    }

    /** CTL: %x00-1F / %x7F. */
    static boolean isCtl(int b) {
        return (b >= 0 && b < 0x20) || b == 0x7f;
    }

    /** ATOM-CHAR: any CHAR (7-bit) except atom-specials. */
    static boolean isAtomChar(int b) {
        if (b <= 0x20 || b >= 0x7f) {
            return false;
        }
        return switch (b) {
            case '(', ')', '{', '%', '*', '"', '\\', ']' -> false;
            default -> true;
        };
    }

    /** ASTRING-CHAR: ATOM-CHAR / resp-specials ("]"). */
    static boolean isAstringChar(int b) {
        return isAtomChar(b) || b == ']';
    }

    /** list-char: ATOM-CHAR / list-wildcards / resp-specials. */
    static boolean isListChar(int b) {
        return isAtomChar(b) || b == '%' || b == '*' || b == ']';
    }

    /** tag: 1*(any ASTRING-CHAR except "+"). */
    static boolean isTag(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || !isAstringChar(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a string can be sent as an atom (and is not mistaken for NIL). */
    static boolean isAtom(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAtomChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a string can be sent as an astring without quoting. */
    static boolean isAstringAtom(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAstringChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
