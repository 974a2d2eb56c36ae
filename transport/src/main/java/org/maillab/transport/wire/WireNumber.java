package org.maillab.transport.wire;

import java.util.OptionalLong;

/**
 * The one routine that turns decimal digits from the wire into a number, for every protocol: IMAP
 * literal sizes, sequence numbers, UIDs, MODSEQ, partial offsets and quota values; POP3 message numbers
 * and TOP line counts. A peer chooses these digits, so the parse is checked before each multiplication
 * (never an overflow, never a wraparound) and bounded in work (more digits than the largest allowed
 * value has are refused without being read). The answer is a value or {@link #INVALID}; the protocol
 * turns {@code INVALID} into its error ({@code BAD}, {@code -ERR}).
 */
public final class WireNumber {

    /** Returned for anything that is not a decimal number in range. Every wire number is non-negative. */
    public static final long INVALID = -1;

    /** RFC 9051 §9 number / nz-number: 2^32 - 1. */
    public static final long MAX_NUMBER32 = 4_294_967_295L;

    /** RFC 9051 §9 number64: 2^63 - 1. */
    public static final long MAX_NUMBER64 = Long.MAX_VALUE;

    private WireNumber() {
    }

    /**
     * The value of the ASCII digits {@code bytes[from, to)}, or {@link #INVALID} if the range is empty,
     * holds anything but {@code 0-9}, has more digits than {@code max}, or is above {@code max}.
     *
     * @param max the largest value accepted, at least 0
     */
    public static long parse(byte[] bytes, int from, int to, long max) {
        if (max < 0) {
            throw new IllegalArgumentException("max " + max);
        }
        if (from < 0 || to > bytes.length || from >= to || to - from > digitsOf(max)) {
            return INVALID;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return INVALID;
            }
            if (tooLarge(value, digit, max)) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** {@link #parse(byte[], int, int, long)} for text; any character outside {@code 0-9} is invalid. */
    public static long parse(CharSequence text, long max) {
        if (max < 0) {
            throw new IllegalArgumentException("max " + max);
        }
        int length = text.length();
        if (length == 0 || length > digitsOf(max)) {
            return INVALID;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return INVALID;
            }
            if (tooLarge(value, digit, max)) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The same as {@link #parse(CharSequence, long)}, as an optional. */
    public static OptionalLong parseOptional(CharSequence text, long max) {
        long n = parse(text, max);
        return n == INVALID ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** Whether {@code value * 10 + digit > max}, asked without computing it (it could overflow). */
    private static boolean tooLarge(long value, int digit, long max) {
        return digit > max || value > (max - digit) / 10;
    }

    /** Decimal digits of {@code max}: a longer run is too large even if it starts with zeros. */
    static int digitsOf(long max) {
        int digits = 1;
        for (long rest = max / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
