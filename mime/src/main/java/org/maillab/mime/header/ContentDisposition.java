package org.maillab.mime.header;

import java.util.Locale;

/**
 * A Content-Disposition (RFC 2183): the disposition type in lower case ({@code inline},
 * {@code attachment}, or another token) and decoded parameters ({@code filename} with RFC 2231).
 */
public record ContentDisposition(String type, Parameters parameters) {

    /** Parses a Content-Disposition value; total (an empty type if the value has none). */
    public static ContentDisposition parse(String value) {
        if (value == null) {
            return new ContentDisposition("", Parameters.empty());
        }
        int semi = value.indexOf(';');
        String head = ContentType.stripComments(semi < 0 ? value : value.substring(0, semi)).strip()
                .toLowerCase(Locale.ROOT);
        return new ContentDisposition(head, semi < 0 ? Parameters.empty() : Parameters.parse(value, semi));
    }

    /** The {@code filename} parameter, decoded, or null. */
    public String filename() {
        return parameters.get("filename");
    }

    public boolean isAttachment() {
        return type.equals("attachment");
    }
}
