package org.maillab.mime.write;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.maillab.mime.codec.EncodedWords;

/** Formats header fields: folding (RFC 5322 §2.2.3), encoded words, quoted strings, RFC 2231. */
final class HeaderWriter {

    /** RFC 5322 §2.1.1: lines SHOULD be at most 78 characters. */
    private static final int FOLD_AT = 78;

    private HeaderWriter() {
    }

    /** {@code Name: value} folded at white space to 78 columns where possible, ending in CRLF. */
    static String field(String name, String value) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(name).append(':');
        String[] words = value.split(" ", -1);
        boolean first = true;
        for (String word : words) {
            if (first) {
                line.append(' ').append(word);
                first = false;
                continue;
            }
            if (line.length() + 1 + word.length() > FOLD_AT && line.toString().strip().length() > name.length() + 1) {
                out.append(line).append("\r\n");
                line = new StringBuilder(" ").append(word);
            } else {
                line.append(' ').append(word);
            }
        }
        return out.append(line).append("\r\n").toString();
    }

    /** Unstructured text (Subject, Content-Description): encoded words only where needed. */
    static String unstructured(String text) {
        return EncodedWords.needsEncoding(text) || hasLongWord(text) ? EncodedWords.encode(text) : text;
    }

    private static boolean hasLongWord(String text) {
        for (String w : text.split(" ")) {
            if (w.length() > 70) {
                return true;
            }
        }
        return false;
    }

    /** A display name as a phrase: an atom sequence, a quoted string, or encoded words (RFC 2047 §5). */
    static String phrase(String name) {
        if (EncodedWords.needsEncoding(name)) {
            return EncodedWords.encode(name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == ' ' || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0)) {
                return quoted(name);
            }
        }
        return name.isBlank() ? quoted(name) : name;
    }

    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code "Name" <address>} or just {@code address}. */
    static String mailbox(String displayName, String address) {
        return displayName == null || displayName.isEmpty() ? address : phrase(displayName) + " <" + address + ">";
    }

    /** {@code ; name=value} parameters: tokens as they are, others quoted, non-ASCII as RFC 2231 {@code name*=utf-8''...}. */
    static String parameters(Map<String, String> parameters) {
        StringBuilder sb = new StringBuilder();
        parameters.forEach((name, value) -> {
            sb.append("; ");
            if (EncodedWords.needsEncoding(value)) {
                String encoded = "utf-8''" + percent(value);
                if (encoded.length() <= 60) {
                    sb.append(name).append("*=").append(encoded);
                } else {
                    // RFC 2231 §3: continuations keep each line short; never split a %XX escape
                    int section = 0;
                    int i = 0;
                    while (i < encoded.length()) {
                        int end = Math.min(encoded.length(), i + 60);
                        if (end < encoded.length() && encoded.lastIndexOf('%', end - 1) >= end - 2) {
                            end = encoded.lastIndexOf('%', end - 1);
                        }
                        if (section > 0) {
                            sb.append("; ");
                        }
                        sb.append(name).append('*').append(section++).append("*=").append(encoded, i, end);
                        i = end;
                    }
                }
            } else if (isToken(value)) {
                sb.append(name).append('=').append(value);
            } else {
                sb.append(name).append('=').append(quoted(value));
            }
        });
        return sb.toString();
    }

    private static String percent(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
