package org.maillab.mime.header;

import java.util.Locale;
import java.util.Optional;

/**
 * A Content-Type (RFC 2045 §5.1): type and subtype in lower case, and decoded parameters.
 *
 * <p>{@link #parse(String)} is total: a value without a valid {@code type/subtype} gives empty, and
 * the caller applies the default of RFC 2045 §5.2 ({@link #DEFAULT}, or {@code message/rfc822}
 * inside a {@code multipart/digest}, RFC 2046 §5.1.5).
 */
public record ContentType(String type, String subtype, Parameters parameters) {

    /** RFC 2045 §5.2: {@code text/plain; charset=us-ascii}. */
    public static final ContentType DEFAULT = new ContentType("text", "plain",
            Parameters.parse("; charset=us-ascii", 0));
    /** RFC 2046 §5.1.5: the default inside {@code multipart/digest}. */
    public static final ContentType MESSAGE_RFC822 = new ContentType("message", "rfc822", Parameters.empty());

    /** Parses a Content-Type value; empty when there is no valid {@code type/subtype}. */
    public static Optional<ContentType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int semi = value.indexOf(';');
        String head = stripComments(semi < 0 ? value : value.substring(0, semi)).strip();
        int slash = head.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String type = head.substring(0, slash).strip().toLowerCase(Locale.ROOT);
        String subtype = head.substring(slash + 1).strip().toLowerCase(Locale.ROOT);
        if (!isToken(type) || !isToken(subtype)) {
            return Optional.empty();
        }
        Parameters parameters = semi < 0 ? Parameters.empty() : Parameters.parse(value, semi);
        return Optional.of(new ContentType(type, subtype, parameters));
    }

    /** {@code type/subtype}. */
    public String mimeType() {
        return type + "/" + subtype;
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    /** True for {@code message/rfc822} and {@code message/global} (RFC 6532 §3.7), whose body is a message. */
    public boolean isMessage() {
        return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
    }

    public boolean isText() {
        return type.equals("text");
    }

    /** A parameter's decoded value, or null. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /** The {@code charset} parameter, or null. */
    public String charset() {
        return parameters.get("charset");
    }

    /** The {@code boundary} parameter, or null. */
    public String boundary() {
        return parameters.get("boundary");
    }

    static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '(') {
                i = Lexer.skipComment(s, i);
            } else {
                sb.append(s.charAt(i++));
            }
        }
        return sb.toString();
    }

    static boolean isToken(String s) {
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

    @Override
    public String toString() {
        return mimeType() + (parameters.isEmpty() ? "" : " " + parameters);
    }
}
