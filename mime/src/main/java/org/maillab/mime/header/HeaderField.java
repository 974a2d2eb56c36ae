package org.maillab.mime.header;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.maillab.mime.codec.Charsets;
import org.maillab.mime.codec.EncodedWords;

/**
 * One header field exactly as it appeared: its raw bytes (name, colon, value and any folding line
 * ends, without the final line end) and the offset of its first byte in the message.
 *
 * <p>{@link #value()} is the unfolded value (RFC 5322 §2.2.3: the line breaks of folding are
 * removed, the white space kept), what IMAP's ENVELOPE quotes; {@link #decodedValue()} also decodes
 * RFC 2047 encoded words, what SEARCH compares. Header bytes that are not ASCII are read as UTF-8 if
 * valid (RFC 6532), else as ISO-8859-1.
 */
public final class HeaderField {

    private final String name;
    private final byte[] raw;
    private final long offset;
    private String value;

    public HeaderField(String name, byte[] raw, long offset) {
        this.name = name;
        this.raw = raw;
        this.offset = offset;
    }

    /** Builds a field from text (for the writer and tests): {@code name: value}. */
    public static HeaderField of(String name, String value) {
        byte[] raw = (name + ": " + value).getBytes(StandardCharsets.UTF_8);
        return new HeaderField(name, raw, -1);
    }

    /** The field name as written (compare with {@link #is(String)}, names are case-insensitive). */
    public String name() {
        return name;
    }

    /** True if this field's name equals {@code other} ignoring case. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The field name in lower case. */
    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Offset of the field's first byte in the message, or -1 for a field not read from a message. */
    public long offset() {
        return offset;
    }

    /** A copy of the raw bytes, folding included, final line end excluded. */
    public byte[] raw() {
        return raw.clone();
    }

    /** Length of the raw bytes. */
    public int rawLength() {
        return raw.length;
    }

    /** The value after the colon, unfolded, with leading and trailing white space trimmed. */
    public String value() {
        if (value == null) {
            int colon = indexOfColon();
            int start = colon + 1;
            String text = Charsets.decodeHeaderBytes(raw, start, raw.length - start);
            value = unfold(text).strip();
        }
        return value;
    }

    /** {@link #value()} with RFC 2047 encoded words decoded (for unstructured fields). */
    public String decodedValue() {
        return EncodedWords.decode(value());
    }

    private int indexOfColon() {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == ':') {
                return i;
            }
        }
        return raw.length - 1;
    }

    /** Removes the line ends of folding (CRLF, LF or CR) and keeps everything else (RFC 5322 §2.2.3). */
    public static String unfold(String text) {
        if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f && f.name.equals(name) && Arrays.equals(f.raw, raw) && f.offset == offset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return name + ": " + value();
    }
}
