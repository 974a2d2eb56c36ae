package org.maillab.smtp.codec;

/**
 * Decimal numbers from the wire (SIZE=, BDAT's chunk size), checked before each multiplication: never
 * an overflow, and no more work than the largest allowed value has digits. The same contract as the
 * transport's shared wire-number routine that is on its way; replace this with it once it has landed.
 */
final class WireNumbers {

    /** Returned for anything that is not a decimal number from 0 to the maximum. */
    static final long INVALID = -1;

    private WireNumbers() {
    }

    /** The value of {@code text} if it is 1 to 19 ASCII digits not above {@code max}; {@link #INVALID} otherwise. */
    static long parse(CharSequence text, long max) {
        int length = text.length();
        if (length == 0 || length > Long.toString(max).length()) {
            return INVALID;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9 || digit > max || value > (max - digit) / 10) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
