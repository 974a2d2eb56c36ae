package org.maillab.mime.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in header text: decoding and encoding.
 *
 * <p>Decoding is lenient in the ways real mail needs: any charset the JDK knows (RFC 2231 §5
 * language suffixes such as {@code utf-8*en} are accepted), lower-case {@code b}/{@code q}, words
 * glued to surrounding text, white space between adjacent words dropped (§6.2), and the bytes of
 * adjacent words in the same charset joined before decoding so that a multi-byte character split
 * across two words survives. A word with an unknown charset is left as it is. Never throws.
 */
public final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    /** RFC 2047 §2: an encoded word is at most 75 characters long. */
    public static final int MAX_WORD_LENGTH = 75;

    private EncodedWords() {
    }

    /** Decodes every encoded word in {@code text} (unstructured text, a phrase or a parameter value). */
    public static String decode(String text) {
        if (text == null || text.indexOf("=?") < 0) {
            return text;
        }
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String gap = text.substring(last, m.start());
            boolean dropGap = previousWasWord && gap.isBlank();
            Charset charset = Charsets.lookup(m.group(1)).orElse(null);
            if (charset == null) {
                pendingCharset = flush(out, pending, pendingCharset);
                out.append(gap).append(m.group());
                previousWasWord = false;
                last = m.end();
                continue;
            }
            if (!dropGap) {
                pendingCharset = flush(out, pending, pendingCharset);
                out.append(gap);
            }
            if (pendingCharset != null && !pendingCharset.equals(charset)) {
                pendingCharset = flush(out, pending, pendingCharset);
            }
            pendingCharset = charset;
            byte[] bytes = Character.toUpperCase(m.group(2).charAt(0)) == 'B'
                    ? decodeB(m.group(3)) : decodeQ(m.group(3));
            pending.write(bytes, 0, bytes.length);
            previousWasWord = true;
            last = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(text, last, text.length());
        return out.toString();
    }

    private static Charset flush(StringBuilder out, ByteArrayOutputStream pending, Charset charset) {
        if (charset != null && pending.size() > 0) {
            out.append(new String(pending.toByteArray(), charset));
        }
        pending.reset();
        return null;
    }

    static byte[] decodeB(String text) {
        try (Base64InputStream in = new Base64InputStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)))) {
            return in.readAllBytes();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    static byte[] decodeQ(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** True if {@code text} cannot go into a header as it is: non-ASCII, controls, or a literal "=?". */
    public static boolean needsEncoding(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 126 || (c < 32 && c != '\t')) {
                return true;
            }
        }
        return text.contains("=?");
    }

    /**
     * Encodes {@code text} as UTF-8 encoded words separated by single spaces, each at most 75
     * characters, using Q when the text is mostly ASCII and B otherwise. The result is safe both in
     * unstructured text and in a phrase (RFC 2047 §5 (3)), and never splits a character.
     */
    public static String encode(String text) {
        Charset utf8 = StandardCharsets.UTF_8;
        int ascii = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 127) {
                ascii++;
            }
        }
        boolean q = ascii * 5 >= text.length() * 4;
        String prefix = "=?UTF-8?" + (q ? "Q" : "B") + "?";
        int budget = MAX_WORD_LENGTH - prefix.length() - 2;
        StringBuilder out = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            chunk.append(ch);
            if (encodedLength(chunk.toString(), q) > budget && chunk.length() > ch.length()) {
                chunk.setLength(chunk.length() - ch.length());
                appendWord(out, prefix, chunk.toString(), q);
                chunk.setLength(0);
                continue;
            }
            i += Character.charCount(cp);
        }
        if (chunk.length() > 0 || out.length() == 0) {
            appendWord(out, prefix, chunk.toString(), q);
        }
        return out.toString();
    }

    private static void appendWord(StringBuilder out, String prefix, String chunk, boolean q) {
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(prefix).append(q ? encodeQ(chunk) : encodeB(chunk)).append("?=");
    }

    private static int encodedLength(String chunk, boolean q) {
        return q ? encodeQ(chunk).length() : (chunk.getBytes(StandardCharsets.UTF_8).length + 2) / 3 * 4;
    }

    private static String encodeB(String chunk) {
        return java.util.Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8));
    }

    private static String encodeQ(String chunk) {
        StringBuilder sb = new StringBuilder();
        for (byte b : chunk.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == ' ') {
                sb.append('_');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '!' || c == '*' || c == '+' || c == '-' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('=').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
