package org.maillab.mime.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Looks up a MIME charset name through {@code java.nio.charset}, with the usual real-world
 * leniencies: surrounding quotes and white space, an RFC 2231 §5 language suffix
 * ({@code utf-8*en}), and a few common misspellings ({@code utf8}, {@code latin1}).
 */
public final class Charsets {

    private Charsets() {
    }

    /** The charset for a MIME name, or empty if the JDK does not know it. */
    public static Optional<Charset> lookup(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).trim();
        }
        int star = n.indexOf('*');
        if (star >= 0) {
            n = n.substring(0, star);
        }
        if (n.isEmpty()) {
            return Optional.empty();
        }
        n = switch (n.toLowerCase(Locale.ROOT)) {
            case "utf8" -> "UTF-8";
            case "latin1", "latin-1" -> "ISO-8859-1";
            case "ascii", "us-ascii", "ansi_x3.4-1968" -> "US-ASCII";
            case "cp-1252", "windows1252" -> "windows-1252";
            default -> n;
        };
        String key = n.toLowerCase(Locale.ROOT);
        Optional<Charset> known = CACHE.get(key);
        if (known != null) {
            return known;
        }
        Optional<Charset> found;
        try {
            found = Optional.of(Charset.forName(n));
        } catch (IllegalArgumentException unknownOrIllegal) {
            found = Optional.empty();
        }
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(key, found);
        }
        return found;
    }

    /*
     * Charset.forName walks the installed charset providers for a name the standard set lacks, and on
     * JDK 17 that builds a fresh provider with all its alias tables on every call: names such as
     * "unknown-8bit" or "x-user-defined" cost more than parsing the message. Answers, unknown ones
     * included, are kept; the bound stops hostile input from growing the map without end.
     */
    private static final int CACHE_LIMIT = 1024;
    private static final java.util.concurrent.ConcurrentHashMap<String, Optional<Charset>> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The charset named {@code name}, or {@code fallback} when the name is missing or unknown. */
    public static Charset orElse(String name, Charset fallback) {
        return lookup(name).orElse(fallback);
    }

    /** Decodes header bytes: UTF-8 when they are valid UTF-8 (RFC 6532), else ISO-8859-1. */
    public static String decodeHeaderBytes(byte[] bytes, int off, int len) {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        if (mostlyUtf8(bytes, off, len)) {
            return new String(bytes, off, len, StandardCharsets.UTF_8);
        }
        return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }

    /**
     * True when the 8-bit bytes form more well-formed UTF-8 sequences than stray bytes: UTF-8 that was
     * cut short (a truncated file name) still reads as UTF-8, Latin-1 text does not.
     */
    static boolean mostlyUtf8(byte[] b, int off, int len) {
        int valid = 0;
        int invalid = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
            boolean ok = more > 0 && i + more < end;
            for (int k = 1; ok && k <= more; k++) {
                ok = (b[i + k] & 0xc0) == 0x80;
            }
            if (ok) {
                valid++;
                i += more + 1;
            } else {
                invalid++;
                i++;
            }
        }
        return valid > invalid;
    }

    /** True if the bytes are well-formed UTF-8. */
    public static boolean isValidUtf8(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            int more;
            if (c < 0x80) {
                i++;
                continue;
            } else if (c >= 0xc2 && c <= 0xdf) {
                more = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                more = 2;
            } else if (c >= 0xf0 && c <= 0xf4) {
                more = 3;
            } else {
                return false;
            }
            if (i + more >= end) {
                return false;
            }
            for (int k = 1; k <= more; k++) {
                if ((b[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += more + 1;
        }
        return true;
    }
}
