package org.maillab.imap.session;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.maillab.mailstore.MessageContent;

/**
 * A message's header block (RFC 5322 §2.1: fields up to the first empty line), read by streaming only
 * as far as the empty line. Its length splits the message into HEADER and TEXT (RFC 9051 §6.4.5).
 */
final class HeaderBlock {

    /** Headers longer than this are cut for field lookups (SEARCH, HEADER.FIELDS); slicing stays exact. */
    static final int MAX_KEPT = 256 * 1024;

    private final byte[] bytes;
    private final long length;

    private HeaderBlock(byte[] bytes, long length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** Reads the header block of a message; the empty line is part of it. */
    static HeaderBlock read(MessageContent content) {
        return read(content.open());
    }

    /** Reads the header block from a stream (closed afterwards). */
    static HeaderBlock read(InputStream raw) {
        try (InputStream in = new BufferedInputStream(raw)) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            long n = 0;
            int prev1 = -1;
            int prev2 = -1;
            int b;
            while ((b = in.read()) >= 0) {
                n++;
                if (kept.size() < MAX_KEPT) {
                    kept.write(b);
                }
                if (b == '\n') {
                    boolean emptyFirstLine = n == 1 || (n == 2 && prev1 == '\r');
                    boolean blankLine = prev1 == '\n' || (prev1 == '\r' && prev2 == '\n');
                    if (emptyFirstLine || blankLine) {
                        return new HeaderBlock(kept.toByteArray(), n);
                    }
                }
                prev2 = prev1;
                prev1 = b;
            }
            return new HeaderBlock(kept.toByteArray(), n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Octets of the header block, blank line included. */
    long length() {
        return length;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** The fields, unfolded, in order. */
    List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (String raw : rawFields()) {
            int colon = raw.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = raw.substring(0, colon).trim();
            String value = raw.substring(colon + 1).replace("\r\n", "").replace("\n", "").trim();
            fields.add(new Field(name, value));
        }
        return fields;
    }

    /** The first value of a field, case-insensitively. */
    java.util.Optional<String> first(String name) {
        for (Field f : fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return java.util.Optional.of(f.value());
            }
        }
        return java.util.Optional.empty();
    }

    /** Raw field texts, folding kept, each with its line ends. */
    private List<String> rawFields() {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("(?<=\n)")) {
            if (line.equals("\r\n") || line.equals("\n")) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                current.append(line);
            } else {
                if (current != null) {
                    out.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }

    /**
     * HEADER.FIELDS / HEADER.FIELDS.NOT (RFC 9051 §6.4.5): the matching fields as they appear, then the
     * blank line.
     */
    byte[] select(List<String> names, boolean not) {
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        wanted.addAll(names);
        StringBuilder sb = new StringBuilder();
        for (String raw : rawFields()) {
            int colon = raw.indexOf(':');
            String name = colon > 0 ? raw.substring(0, colon).trim() : raw.trim();
            if (wanted.contains(name) != not) {
                sb.append(raw);
                if (!raw.endsWith("\n")) {
                    sb.append("\r\n");
                }
            }
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One header field. */
    record Field(String name, String value) {
        String lowerName() {
            return name.toLowerCase(Locale.ROOT);
        }
    }
}
