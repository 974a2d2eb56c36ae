package org.maillab.imap.sort;

import java.text.Normalizer;
import java.util.Comparator;

/**
 * The i;unicode-casemap collation (RFC 5051), which RFC 5256 §7 requires for SORT and THREAD: each
 * string is mapped to its "titlecased canonicalized" form, and the forms compare as octets of UTF-8,
 * that is, by code point. For ASCII it is the same as i;ascii-casemap: letters compare without case.
 */
public final class Collation {

    /** Compares collation keys (from {@link #key}) by code point, the order of their UTF-8 octets. */
    public static final Comparator<String> KEY_ORDER = Collation::compareCodePoints;

    private Collation() {
    }

    /**
     * The collation key: every character titlecased, then decomposed (NFKD, so diacritics and
     * compatibility forms fall away from their base letters), repeated until it no longer changes.
     */
    public static String key(String text) {
        if (isPlainAscii(text)) {
            return asciiKey(text);
        }
        String current = text;
        for (int round = 0; round < 4; round++) {
            StringBuilder titled = new StringBuilder(current.length());
            current.codePoints().forEach(cp -> titled.appendCodePoint(Character.toTitleCase(cp)));
            String next = Normalizer.normalize(titled, Normalizer.Form.NFKD);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** Compares two strings under the collation. */
    public static int compare(String a, String b) {
        return compareCodePoints(key(a), key(b));
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String asciiKey(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - 'a' + 'A');
            }
        }
        return new String(chars);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
