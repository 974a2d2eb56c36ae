package org.maillab.mime.header;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header of a message or body part: its fields in order, duplicates kept (RFC 5322 §3.6 allows
 * some fields more than once, and real mail duplicates others).
 */
public final class Header {

    private final List<HeaderField> fields;

    public Header(List<HeaderField> fields) {
        this.fields = List.copyOf(fields);
    }

    /** All fields in the order they appeared. */
    public List<HeaderField> fields() {
        return fields;
    }

    /** The first field called {@code name} (case-insensitive). */
    public Optional<HeaderField> first(String name) {
        for (HeaderField f : fields) {
            if (f.is(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Every field called {@code name}, in order. */
    public List<HeaderField> all(String name) {
        List<HeaderField> out = new ArrayList<>();
        for (HeaderField f : fields) {
            if (f.is(name)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The unfolded value of the first field called {@code name}, or null. */
    public String value(String name) {
        return first(name).map(HeaderField::value).orElse(null);
    }

    /** The first field's value with RFC 2047 encoded words decoded, or null. */
    public String decodedValue(String name) {
        return first(name).map(HeaderField::decodedValue).orElse(null);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
