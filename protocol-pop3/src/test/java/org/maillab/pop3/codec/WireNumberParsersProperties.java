package org.maillab.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 11, finding 1: POP3 message numbers and TOP line counts, fed digit strings of every length and
 * the values around 2^31, 2^32, 2^63 and 2^64. The parser never throws, never accepts a value other than
 * the exact decimal, and answers {@link Command.Malformed} (so {@code -ERR}) for any value above
 * {@link Integer#MAX_VALUE}.
 */
class WireNumberParsersProperties {

    @Provide
    static Arbitrary<String> wireDigits() {
        Arbitrary<String> anyLength = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> edges = Arbitraries.of(31, 32, 63, 64).flatMap(p -> Arbitraries.integers().between(-20, 20)
                .map(k -> BigInteger.TWO.pow(p).add(BigInteger.valueOf(k)).toString()));
        return Arbitraries.oneOf(anyLength, edges, Arbitraries.integers().between(0, 5000).map(String::valueOf));
    }

    record Case(String template, Function<Command, Integer> value) {
    }

    static final List<Case> CASES = List.of(
            new Case("RETR %s", c -> ((Command.Retr) c).message()),
            new Case("DELE %s", c -> ((Command.Dele) c).message()),
            new Case("LIST %s", c -> ((Command.List) c).message().getAsInt()),
            new Case("UIDL %s", c -> ((Command.Uidl) c).message().getAsInt()),
            new Case("TOP %s 10", c -> ((Command.Top) c).message()),
            new Case("TOP 1 %s", c -> ((Command.Top) c).lines()));

    @Property(tries = 1500, seed = "1104")
    void numbersAreExactOrMalformed(@ForAll("wireDigits") String digits) {
        BigInteger exact = new BigInteger(digits);
        boolean inRange = exact.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) <= 0
                && digits.length() <= Integer.toString(Integer.MAX_VALUE).length();
        for (Case k : CASES) {
            String line = String.format(k.template(), digits);
            Command c = CommandParser.parse(line);
            if (inRange) {
                assertEquals(exact.intValueExact(), k.value().apply(c), line);
            } else {
                assertInstanceOf(Command.Malformed.class, c, line);
            }
            assertTrue(!(c instanceof Command.Unknown), line);
        }
    }
}
