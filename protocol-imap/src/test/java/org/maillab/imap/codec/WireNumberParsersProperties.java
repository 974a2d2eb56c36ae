package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 11, finding 1: every IMAP parser that reads a number from the wire, fed digit strings of every
 * length and the values around 2^32, 2^63 and 2^64. None throws; none accepts a value other than the
 * exact decimal; every value out of its range is refused.
 */
class WireNumberParsersProperties {

    static final long MAX32 = Syntax.MAX_NUMBER;
    static final long MAX64 = Syntax.MAX_NUMBER64;

    @Provide
    static Arbitrary<String> wireDigits() {
        Arbitrary<String> anyLength = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> edges = Arbitraries.of(32, 63, 64).flatMap(p -> Arbitraries.integers().between(-20, 20)
                .map(k -> BigInteger.TWO.pow(p).add(BigInteger.valueOf(k)).toString()));
        Arbitrary<String> small = Arbitraries.integers().between(0, 5000).map(String::valueOf);
        return Arbitraries.oneOf(anyLength, edges, small);
    }

    /** A command that carries one number, the range its grammar allows and how to read the number back. */
    record CommandCase(String template, long min, long max, Function<Command, Long> value) {
    }

    static final List<CommandCase> COMMANDS = List.of(
            new CommandCase("a FETCH %s UID", 1, MAX32, c -> first(((Command.Fetch) c).set())),
            new CommandCase("a UID FETCH 1:%s UID", 1, MAX32, c -> last(((Command.Fetch) c).set())),
            new CommandCase("a FETCH 1 (UID) (CHANGEDSINCE %s)", 1, MAX64,
                    c -> ((Command.Fetch) c).changedSince().getAsLong()),
            new CommandCase("a FETCH 1 BODY[]<%s.10>", 0, MAX64, c -> partial(c).offset()),
            new CommandCase("a FETCH 1 BODY[]<0.%s>", 1, MAX64, c -> partial(c).length()),
            new CommandCase("a SEARCH LARGER %s", 0, MAX64,
                    c -> ((SearchKey.Size) ((Command.Search) c).keys().get(0)).size()),
            new CommandCase("a SETQUOTA \"\" (STORAGE %s)", 0, MAX64,
                    c -> ((Command.SetQuota) c).limits().get(0).limit()),
            new CommandCase("a SEARCH MODSEQ %s", 0, MAX64, // RFC 7162 §3.1.5: mod-sequence-valzer
                    c -> ((SearchKey.ModSeq) ((Command.Search) c).keys().get(0)).modSeq()),
            new CommandCase("a UID STORE 1:%s FLAGS (\\Seen)", 1, MAX32, c -> last(storeSet(c))));

    @Property(tries = 1500, seed = "1101")
    void commandNumbersAreExactOrRefused(@ForAll("wireDigits") String digits) {
        BigInteger exact = new BigInteger(digits);
        for (CommandCase k : COMMANDS) {
            String line = String.format(k.template(), digits);
            ParsedCommand parsed = CommandParser.parse(line); // must not throw
            boolean inRange = exact.compareTo(BigInteger.valueOf(k.min())) >= 0
                    && exact.compareTo(BigInteger.valueOf(k.max())) <= 0
                    && digits.length() <= Long.toString(k.max()).length();
            boolean leadingZero = digits.length() > 1 && digits.charAt(0) == '0'; // nz-number may refuse it
            if (parsed instanceof ParsedCommand.Ok ok) {
                assertTrue(inRange, line + " accepted out of range");
                assertEquals(exact.longValueExact(), k.value().apply(ok.command()), line);
            } else if (inRange && !leadingZero) {
                fail(line + " refused: " + parsed);
            }
        }
    }

    /** A response that carries one number, and how to read it back. */
    record ResponseCase(String template, long max, Function<Response, Long> value) {
    }

    static final List<ResponseCase> RESPONSES = List.of(
            new ResponseCase("* %s EXISTS", MAX32, r -> ((Response.Exists) r).count()),
            new ResponseCase("* OK [UIDNEXT %s] next", MAX64, r -> number(((Response.Condition) r))),
            new ResponseCase("* OK [HIGHESTMODSEQ %s] modseq", MAX64, r -> number(((Response.Condition) r))),
            new ResponseCase("* 1 FETCH (MODSEQ (%s))", MAX64,
                    r -> ((FetchData.ModSeq) ((Response.Fetch) r).items().get(0)).modSeq()),
            new ResponseCase("* 1 FETCH (UID %s)", MAX32, r -> ((FetchData.Uid) ((Response.Fetch) r).items().get(0)).uid()),
            new ResponseCase("* 1 FETCH (RFC822.SIZE %s)", MAX64,
                    r -> ((FetchData.Rfc822Size) ((Response.Fetch) r).items().get(0)).size()),
            new ResponseCase("* QUOTA \"\" (STORAGE %s 10)", MAX64,
                    r -> ((Response.QuotaData) r).resources().get(0).usage()),
            new ResponseCase("* STATUS INBOX (MESSAGES %s)", MAX64,
                    r -> ((Response.StatusData) r).values().get(0).value()));

    @Property(tries = 1500, seed = "1102")
    void responseNumbersAreExactOrRefused(@ForAll("wireDigits") String digits) {
        BigInteger exact = new BigInteger(digits);
        for (ResponseCase k : RESPONSES) {
            String line = String.format(k.template(), digits);
            ParsedResponse parsed = ResponseParser.parse(line);
            boolean inRange = exact.compareTo(BigInteger.valueOf(k.max())) <= 0
                    && digits.length() <= Long.toString(k.max()).length();
            if (parsed instanceof ParsedResponse.Ok ok) {
                assertTrue(inRange, line + " accepted out of range");
                assertEquals(exact.longValueExact(), k.value().apply(ok.response()), line);
            } else if (inRange && !(k.template().contains("FETCH (UID") && (exact.signum() == 0 || digits.charAt(0) == '0'))) {
                // UID is an nz-number: 0 and a leading zero may be refused
                fail(line + " refused: " + parsed);
            }
        }
    }

    /**
     * Literal announcements, synchronizing and not, in commands and responses: a size the framer waits
     * for is the exact decimal; a size beyond number64 is refused (issue 11: {@code {2^63+}} looped
     * forever, {@code {2^64+6}} was read as 6).
     */
    @Property(tries = 1500, seed = "1103")
    void literalSizesAreExactOrRefused(@ForAll("wireDigits") String digits) {
        BigInteger exact = new BigInteger(digits);
        boolean representable = exact.compareTo(BigInteger.valueOf(MAX64)) <= 0 && digits.length() <= 19;
        for (String form : List.of("{%s}", "{%s+}", "~{%s}")) {
            for (Framer.Role role : Framer.Role.values()) {
                Framer framer = new Framer(role, FramerLimits.defaults(), LiteralSpooler.inMemory());
                String line = (role == Framer.Role.SERVER ? "a LOGIN alice " : "* 1 FETCH (BODY[] ")
                        + String.format(form, digits) + "\r\n";
                List<FramerEvent> events = framer.feed(line.getBytes(StandardCharsets.US_ASCII));
                long waiting = framer.literalRemaining();
                boolean rejected = events.stream().anyMatch(e -> e instanceof FramerEvent.Rejected);
                for (FramerEvent e : events) {
                    if (e instanceof FramerEvent.ContinuationNeeded c) {
                        assertEquals(exact.longValueExact(), c.literalSize(), line);
                    }
                }
                if (!rejected) {
                    assertTrue(representable, line + " accepted");
                    // a literal of 0 octets is complete at once: nothing is waited for
                    assertEquals(exact.signum() == 0 ? -1 : exact.longValueExact(), waiting, line);
                }
                framer.close();
            }
        }
    }

    private static long first(SequenceSet set) {
        return ((SequenceSet.Ranges) set).ranges().get(0).first();
    }

    private static long last(SequenceSet set) {
        return ((SequenceSet.Ranges) set).ranges().get(0).last();
    }

    private static SequenceSet storeSet(Command c) {
        return ((Command.Store) c).set();
    }

    private static Partial partial(Command c) {
        return ((FetchAttribute.Body) ((Command.Fetch) c).items().get(0)).partial().orElseThrow();
    }

    private static long number(Response.Condition r) {
        return ((ResponseCode.Number) r.code().orElseThrow()).value();
    }

}
