package org.maillab.mime.parse;

/**
 * Something the parser found wrong and repaired: what, where (byte offset in the message) and a
 * short detail. Defects are values, not exceptions: malformed mail is normal input.
 */
public record Defect(Kind kind, long offset, String detail) {

    /** The kinds of repair the parser makes. */
    public enum Kind {
        /** A line ended with a bare LF or a bare CR instead of CRLF (RFC 5322 §2.1). */
        BARE_LINE_END,
        /**
         * A header line was neither a field nor a continuation, and no field follows it: the header
         * ended without its blank line and the body starts at that line (RFC 5322 §2.1).
         */
        MISSING_HEADER_BODY_SEPARATOR,
        /**
         * A line in the header was skipped: an mbox "From " line at the start of a message, a line
         * that is not a field but is followed by one, or a continuation line with no field.
         */
        SKIPPED_HEADER_LINE,
        /** The header was cut short by a boundary delimiter of an enclosing multipart. */
        HEADER_ENDED_BY_BOUNDARY,
        /** A header field was longer than the limit; its excess bytes were not kept. */
        FIELD_TOO_LONG,
        /** More header fields than the limit; the excess were not kept. */
        TOO_MANY_FIELDS,
        /** A header field byte was not ASCII and not valid UTF-8 (RFC 6532): read as ISO-8859-1. */
        EIGHT_BIT_HEADER,
        /** Content-Type could not be parsed; the default of RFC 2045 §5.2 applies. */
        INVALID_CONTENT_TYPE,
        /** Content-Type appeared more than once; the first one is used. */
        DUPLICATE_CONTENT_TYPE,
        /** A multipart without a boundary parameter is treated as a single part (RFC 2046 §5.1.1). */
        MISSING_BOUNDARY,
        /** A multipart had no body part at all (RFC 2046 §5.1.1 requires one). */
        NO_BODY_PARTS,
        /** A multipart ended without its close delimiter (RFC 2046 §5.1.1). */
        MISSING_CLOSE_DELIMITER,
        /**
         * A boundary delimiter was followed by text other than white space on its line; it still
         * counts (RFC 2046 §5.1.1: the boundary need only appear in its entirety at the line start).
         */
        TEXT_AFTER_DELIMITER,
        /** Content-Transfer-Encoding is not one of RFC 2045 §6.1's; the body is kept as it is. */
        UNKNOWN_TRANSFER_ENCODING,
        /** A multipart or message/rfc822 had a Content-Transfer-Encoding other than 7bit/8bit/binary (RFC 2045 §6.4). */
        ENCODED_COMPOSITE,
        /** Nesting deeper than the limit: the part is kept as one opaque body. */
        NESTING_TOO_DEEP,
        /** More parts than the limit: the rest of the multipart is kept as its epilogue. */
        TOO_MANY_PARTS,
        /** A parameter occurred twice in one field; the first one is used. */
        DUPLICATE_PARAMETER
    }
}
