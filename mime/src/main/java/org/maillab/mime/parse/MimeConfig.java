package org.maillab.mime.parse;

/**
 * Limits that keep the parser total on hostile input. Going over a limit is a {@link Defect}, not
 * an error: the parser keeps going.
 *
 * @param maxDepth        maximum nesting of multiparts and embedded messages (deeper ones become leaves)
 * @param maxParts        maximum number of entities (messages and body parts) in one message
 * @param maxFieldBytes   bytes of one header field kept in memory (the rest is skipped)
 * @param maxHeaderFields header fields kept per entity
 */
public record MimeConfig(int maxDepth, int maxParts, int maxFieldBytes, int maxHeaderFields) {

    /** Generous defaults: 100 levels, 10,000 parts, 256 KiB per field, 10,000 fields per header. */
    public static final MimeConfig DEFAULT = new MimeConfig(100, 10_000, 256 * 1024, 10_000);

    public MimeConfig {
        if (maxDepth < 1 || maxParts < 1 || maxFieldBytes < 1024 || maxHeaderFields < 1) {
            throw new IllegalArgumentException("limits too small: " + this);
        }
    }
}
