package org.maillab.imap.codec;

/**
 * Caps the framer enforces before any parsing, so a hostile peer cannot make us buffer without end.
 *
 * @param maxLineLength     octets in one line (between literals), CRLF excluded
 * @param maxLiteralSize    largest literal in commands other than APPEND (LOGIN, SEARCH strings, ...)
 * @param maxAppendSize     largest literal in APPEND: the advertised APPENDLIMIT (RFC 7889)
 * @param inMemoryThreshold literals larger than this go to the {@link LiteralSpooler}
 * @param literalMinus      enforce LITERAL- (RFC 7888 §5): non-synchronizing literals at most 4096 octets
 * @param maxDiscard        a rejected non-synchronizing literal up to this size is read and dropped;
 *                          a larger one ends the connection (RFC 7888 §4)
 * @param maxLiterals       literals in one command
 */
public record FramerLimits(int maxLineLength, long maxLiteralSize, long maxAppendSize, int inMemoryThreshold,
        boolean literalMinus, long maxDiscard, int maxLiterals) {

    public FramerLimits {
        if (maxLineLength < 64 || maxLiteralSize < 0 || maxAppendSize < 0 || inMemoryThreshold < 0
                || maxDiscard < 0 || maxLiterals < 1) {
            throw new IllegalArgumentException("unusable framer limits");
        }
    }

    /** Limits that suit a lab server: 64 KiB lines, 64 KiB literals, 50 MiB messages. */
    public static FramerLimits defaults() {
        return new FramerLimits(64 * 1024, 64 * 1024, 50L * 1024 * 1024, 8 * 1024, false, 1024 * 1024, 64);
    }

    /** The same limits with another APPEND limit. */
    public FramerLimits withMaxAppendSize(long size) {
        return new FramerLimits(maxLineLength, maxLiteralSize, size, inMemoryThreshold, literalMinus, maxDiscard,
                maxLiterals);
    }

    /** The same limits with another in-memory threshold. */
    public FramerLimits withInMemoryThreshold(int threshold) {
        return new FramerLimits(maxLineLength, maxLiteralSize, maxAppendSize, threshold, literalMinus, maxDiscard,
                maxLiterals);
    }
}
