package org.maillab.transport.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shared number routine against {@link BigInteger}, the exact decimal: whatever digits a peer sends,
 * the answer is the exact value when it is in range and {@link WireNumber#INVALID} otherwise.
 */
class WireNumberProperties {

    static final BigInteger TWO = BigInteger.TWO;
    static final long[] MAXIMA = {0, 9, 10, Integer.MAX_VALUE, WireNumber.MAX_NUMBER32, WireNumber.MAX_NUMBER64};

    /** Digit strings of every length up to 40, and the values around 2^32, 2^63 and 2^64. */
    @Provide
    static Arbitrary<String> wireDigits() {
        Arbitrary<String> anyLength = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> edges = Arbitraries.of(32, 63, 64).flatMap(p -> Arbitraries.integers().between(-20, 20)
                .map(k -> TWO.pow(p).add(BigInteger.valueOf(k)).toString()));
        Arbitrary<String> zeros = edges.map(s -> "000" + s);
        Arbitrary<String> junk = Arbitraries.strings().withChars("0123456789+-} x").ofMaxLength(25);
        return Arbitraries.oneOf(anyLength, edges, zeros, junk);
    }

    @Property(tries = 3000, seed = "11")
    void answersTheExactValueOrInvalid(@ForAll("wireDigits") String digits) {
        for (long max : MAXIMA) {
            long expected = exact(digits, max);
            assertEquals(expected, WireNumber.parse(digits, max), digits + " with max " + max);
            byte[] bytes = ("x" + digits + "y").getBytes(StandardCharsets.US_ASCII);
            assertEquals(expected, WireNumber.parse(bytes, 1, bytes.length - 1, max), digits + " as bytes");
        }
    }

    /** The oracle: BigInteger has no overflow; too many digits is refused even if zeros lead. */
    static long exact(String digits, long max) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.length() > Long.toString(max).length()) {
            return WireNumber.INVALID;
        }
        BigInteger value = new BigInteger(digits);
        return value.compareTo(BigInteger.valueOf(max)) > 0 ? WireNumber.INVALID : value.longValueExact();
    }

    @Example
    void theValuesOfIssue11AreRefused() {
        assertEquals(WireNumber.INVALID, WireNumber.parse("9223372036854775808", WireNumber.MAX_NUMBER64));
        assertEquals(WireNumber.INVALID, WireNumber.parse("18446744073709551622", WireNumber.MAX_NUMBER64));
        assertEquals(Long.MAX_VALUE, WireNumber.parse("9223372036854775807", WireNumber.MAX_NUMBER64));
        assertEquals(WireNumber.INVALID, WireNumber.parse("4294967296", WireNumber.MAX_NUMBER32));
        assertEquals(4294967295L, WireNumber.parse("4294967295", WireNumber.MAX_NUMBER32));
    }
}
