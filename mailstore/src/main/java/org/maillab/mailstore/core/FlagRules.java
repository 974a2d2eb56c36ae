package org.maillab.mailstore.core;

import org.maillab.mailstore.Flags;

/** Keywords must be IMAP atoms (RFC 9051 §9 flag-keyword), or a store could not give them back. */
final class FlagRules {

    static final int MAX_KEYWORD_LENGTH = 100;

    private FlagRules() {
    }

    static Flags check(Flags flags) {
        if (flags == null) {
            return Flags.NONE;
        }
        for (String keyword : flags.keywords()) {
            if (!isAtom(keyword)) {
                throw new IllegalArgumentException("a keyword must be an IMAP atom: " + keyword);
            }
        }
        return flags;
    }

    static boolean isAtom(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_KEYWORD_LENGTH || s.charAt(0) == '\\') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
