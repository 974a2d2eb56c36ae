package org.maillab.imap.codec;

import java.util.List;

/**
 * A body section specifier (RFC 9051 §6.4.5): a part path such as {@code 1.2} (empty for the whole
 * message) and what of it: everything, its header, some header fields, its text, or its MIME header.
 */
public record Section(List<Integer> part, Text text, List<String> fields) {

    /** What of the part. */
    public enum Text {
        /** The whole part ({@code BODY[]}, {@code BODY[1.2]}). */
        ALL(""),
        HEADER("HEADER"),
        HEADER_FIELDS("HEADER.FIELDS"),
        HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
        TEXT("TEXT"),
        /** The MIME header of a part; needs a part number. */
        MIME("MIME");

        private final String wire;

        Text(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public Section {
        part = List.copyOf(part);
        fields = List.copyOf(fields);
        for (int p : part) {
            if (p < 1) {
                throw new IllegalArgumentException("part numbers start at 1");
            }
        }
        boolean needsFields = text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT;
        if (needsFields == fields.isEmpty()) {
            throw new IllegalArgumentException("HEADER.FIELDS(.NOT) and only they list fields");
        }
        if (text == Text.MIME && part.isEmpty()) {
            throw new IllegalArgumentException("MIME needs a part number");
        }
    }

    /** {@code BODY[]}: the whole message. */
    public static final Section WHOLE = new Section(List.of(), Text.ALL, List.of());

    public static Section of(Text text) {
        return new Section(List.of(), text, List.of());
    }

    /** The specifier as written between the brackets, e.g. {@code 1.2.HEADER.FIELDS (From To)}. */
    public String wire() {
        StringBuilder sb = new StringBuilder();
        for (int p : part) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(p);
        }
        if (text != Text.ALL) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(text.wire());
        }
        if (!fields.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(Wire.astringText(fields.get(i)));
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
