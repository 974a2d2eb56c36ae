package org.maillab.imap.sort;

import org.maillab.mime.codec.EncodedWords;

/**
 * The "base subject" of RFC 5256 §2.1: the subject with reply and forward artifacts removed, used by
 * SORT (SUBJECT) and both THREAD algorithms. Servers and disconnected clients must compute exactly
 * this, or a user sees different orders online and offline; so it is public, for clients too.
 *
 * @param text           the base subject, decoded, whitespace normalised, case kept
 * @param replyOrForward whether the extraction removed a {@code re:}/{@code fw:}/{@code fwd:} leader, a
 *                       {@code (fwd)} trailer or a {@code [fwd: ...]} wrapper (used by THREAD=REFERENCES)
 */
public record BaseSubject(String text, boolean replyOrForward) {

    public BaseSubject {
        if (text == null) {
            throw new IllegalArgumentException("text");
        }
    }

    /**
     * The base subject of a Subject header value as it appears in the message (unfolded or not):
     * step (1) decodes RFC 2047 encoded words and normalises whitespace, steps (2) to (6) strip.
     * A missing Subject is the empty string.
     */
    public static BaseSubject of(String rawSubject) {
        if (rawSubject == null) {
            return new BaseSubject("", false);
        }
        return extract(normaliseWhitespace(EncodedWords.decode(rawSubject)));
    }

    /** Step (1), second half: tabs and continuations become a space, runs of spaces one space. */
    static String normaliseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean ws = ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
            if (ws) {
                if (!space) {
                    out.append(' ');
                }
                space = true;
            } else {
                out.append(ch);
                space = false;
            }
        }
        return out.toString();
    }

    /** Steps (2) to (6) on text that is already decoded. */
    static BaseSubject extract(String decoded) {
        String s = decoded;
        boolean refwd = false;
        while (true) {
            // (2) subj-trailer = "(fwd)" / WSP, removed from the end until none is left
            while (true) {
                if (!s.isEmpty() && isWsp(s.charAt(s.length() - 1))) {
                    s = s.substring(0, s.length() - 1);
                } else if (s.length() >= 5 && s.regionMatches(true, s.length() - 5, "(fwd)", 0, 5)) {
                    s = s.substring(0, s.length() - 5);
                    refwd = true;
                } else {
                    break;
                }
            }
            // (5) repeat (3) and (4) until neither matches
            boolean changed = true;
            while (changed) {
                changed = false;
                // (3) subj-leader = (*subj-blob subj-refwd) / WSP
                while (true) {
                    if (!s.isEmpty() && isWsp(s.charAt(0))) {
                        s = s.substring(1);
                        changed = true;
                        continue;
                    }
                    int end = leaderEnd(s);
                    if (end < 0) {
                        break;
                    }
                    s = s.substring(end);
                    refwd = true;
                    changed = true;
                }
                // (4) a leading subj-blob goes if a non-empty subj-base is left behind
                int blob = blobEnd(s, 0);
                if (blob > 0 && blob < s.length()) {
                    s = s.substring(blob);
                    changed = true;
                }
            }
            // (6) subj-fwd-hdr "[fwd:" ... subj-fwd-trl "]": unwrap, then again from (2)
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                refwd = true;
                continue;
            }
            return new BaseSubject(s, refwd);
        }
    }

    private static boolean isWsp(char ch) {
        return ch == ' ' || ch == '\t';
    }

    /**
     * Where {@code *subj-blob subj-refwd} starting at 0 ends, or -1. subj-refwd is
     * {@code ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"}.
     */
    private static int leaderEnd(String s) {
        int i = 0;
        for (int b = blobEnd(s, i); b > 0; b = blobEnd(s, i)) {
            i = b;
        }
        if (s.regionMatches(true, i, "re", 0, 2)) {
            i += 2;
        } else if (s.regionMatches(true, i, "fw", 0, 2)) {
            i += 2;
            if (i < s.length() && Character.toLowerCase(s.charAt(i)) == 'd') {
                i++;
            }
        } else {
            return -1;
        }
        while (i < s.length() && isWsp(s.charAt(i))) {
            i++;
        }
        int b = blobEnd(s, i);
        if (b > 0) {
            i = b;
        }
        return i < s.length() && s.charAt(i) == ':' ? i + 1 : -1;
    }

    /** Where {@code subj-blob = "[" *BLOBCHAR "]" *WSP} starting at {@code from} ends, or -1. */
    private static int blobEnd(String s, int from) {
        if (from >= s.length() || s.charAt(from) != '[') {
            return -1;
        }
        int i = from + 1;
        while (i < s.length() && s.charAt(i) != ']') {
            char ch = s.charAt(i);
            if (ch == '[' || ch == 0) {
                return -1; // BLOBCHAR is any CHAR8 but NUL, '[' and ']'
            }
            i++;
        }
        if (i >= s.length()) {
            return -1;
        }
        i++;
        while (i < s.length() && isWsp(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
