package org.maillab.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LoadPartsTest {

    @Test
    void onlyLoopbackTargetsAreAccepted() {
        assertEquals(new LoadTarget("127.0.0.1", 1143), LoadTarget.parse("imap://127.0.0.1:1143"));
        assertEquals(new LoadTarget("localhost", 143), LoadTarget.parse("imap://localhost"));
        assertEquals(new LoadTarget("127.9.8.7", 10), LoadTarget.parse("imap://127.9.8.7:10"));
        assertEquals(new LoadTarget("::1", 1143), LoadTarget.parse("imap://[::1]:1143"));
        for (String refused : List.of("imap://10.0.0.1:143", "imap://192.168.1.1", "imap://example.com:143",
                "imap://0.0.0.0:143", "imap://[2001:db8::1]:143", "imap://localhost.example.com",
                "pop3://127.0.0.1:110", "127.0.0.1:143", "imap://", "imap://127.0.0.1:143 x")) {
            assertThrows(IllegalArgumentException.class, () -> LoadTarget.parse(refused), refused);
        }
    }

    @Test
    void userSpecsExpandListsAndRanges() {
        assertEquals(List.of("alice"), Account.expand("alice"));
        assertEquals(List.of("alice", "bob"), Account.expand("alice,bob"));
        assertEquals(List.of("load1", "load2", "load3"), Account.expand("load{1..3}"));
        assertEquals(List.of("u8x", "u9x", "u10x", "bob"), Account.expand("u{8..10}x,bob"));
        assertThrows(IllegalArgumentException.class, () -> Account.expand("a,,b"));
        assertThrows(IllegalArgumentException.class, () -> Account.expand("u{3..1}"));
        assertThrows(IllegalArgumentException.class, () -> Account.expand("u{1..99999}"));
    }

    @Test
    void percentilesAreNearestRank() {
        Latencies l = new Latencies();
        for (long v = 100; v >= 1; v--) {
            l.add(v);
        }
        long[] sorted = l.sorted();
        assertEquals(50, Latencies.percentile(sorted, 0.50));
        assertEquals(90, Latencies.percentile(sorted, 0.90));
        assertEquals(99, Latencies.percentile(sorted, 0.99));
        assertEquals(100, Latencies.percentile(sorted, 1.0));
        assertEquals(0, Latencies.percentile(new long[0], 0.5));
        assertEquals(7, Latencies.percentile(new long[] {7}, 0.99));
    }

    @Test
    void mixWeightsCoverEveryRollOnce() {
        Map<CommandType, Integer> share = new EnumMap<>(CommandType.class);
        for (int roll = 0; roll < 100; roll++) {
            share.merge(Mix.choose(roll), 1, Integer::sum);
        }
        assertEquals(Map.of(CommandType.FETCH_HEADERS, 30, CommandType.FETCH_BODY, 22, CommandType.STORE, 18,
                CommandType.SEARCH, 14, CommandType.APPEND, 8, CommandType.EXPUNGE, 8), share);
        assertThrows(IllegalArgumentException.class, () -> Mix.choose(100));
    }

    @Property(tries = 200, seed = "20261127")
    void mixUsesOnlyMessageNumbersTheSessionSees(@ForAll long seed, @ForAll @LongRange(min = 0, max = 500) long messages) {
        Op op = Mix.next(new Random(seed), messages);
        if (messages == 0) {
            assertTrue(op.type() == CommandType.APPEND || op.type() == CommandType.SEARCH
                    || op.type() == CommandType.EXPUNGE, op.toString());
        }
        if (op.text().startsWith("FETCH ") || op.text().startsWith("STORE ")) {
            String set = op.text().split(" ")[1];
            for (String n : set.split(":")) {
                long number = Long.parseLong(n);
                assertTrue(number >= 1 && number <= messages, op.text() + " with " + messages + " messages");
            }
        }
        assertEquals(op.type() == CommandType.APPEND, op.literal() != null);
        if (op.literal() != null) {
            assertTrue(op.text().endsWith("{" + op.literal().length + "}"), op.text());
        }
    }

    @Test
    void messagesAreSeededAndUseCrlfOnly() {
        byte[] a = MessageFactory.message(new Random(42));
        assertArrayEquals(a, MessageFactory.message(new Random(42)));
        assertFalse(java.util.Arrays.equals(a, MessageFactory.message(new Random(43))));
        String text = new String(a, StandardCharsets.UTF_8);
        assertFalse(text.replace("\r\n", "").contains("\n") || text.replace("\r\n", "").contains("\r"));
        assertTrue(text.startsWith("From: "), text);
        assertTrue(text.contains("\r\n\r\n"), "header and body are separated");
    }

    @Test
    void literalsAreRecognisedOnlyAtTheEndOfALine() {
        assertEquals(1234, WireClient.literalAtEnd("* 1 FETCH (BODY[] {1234}"));
        assertEquals(0, WireClient.literalAtEnd("* 1 FETCH (BODY[] {0}"));
        assertEquals(-1, WireClient.literalAtEnd("* OK {12} not at end"));
        assertEquals(-1, WireClient.literalAtEnd("* OK {}"));
        assertEquals(-1, WireClient.literalAtEnd("* OK {1a}"));
        assertEquals(-1, WireClient.literalAtEnd("}"));
    }

    @Test
    void loginQuotesItsArguments() {
        assertEquals("LOGIN \"a\\\"b\" \"p\\\\w\"", LoadGenerator.login(new Account("a\"b", "p\\w")));
    }
}
