package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The syntax of RFC 5256 §5 both ways: SORT and THREAD commands, SORT and THREAD responses. */
class SortThreadCodecTest {

    private static Command parse(String line) {
        return assertInstanceOf(ParsedCommand.Ok.class, CommandParser.parse(line), line).command();
    }

    private static void roundTrips(String line) {
        Command c = parse(line);
        String wire = CommandFormatter.format("t", c).text();
        assertEquals(line + "\r\n", wire);
        assertEquals(c, parse(wire.substring(0, wire.length() - 2)));
    }

    private static Response response(String line) {
        return assertInstanceOf(ParsedResponse.Ok.class, ResponseParser.parse(line), line).response();
    }

    @Test
    void sortCommandsParse_rfc5256_5() {
        Command.Sort s = (Command.Sort) parse("A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994");
        assertEquals(List.of(SortCriterion.of(SortCriterion.Key.SUBJECT)), s.criteria());
        assertEquals("UTF-8", s.charset());
        assertEquals(false, s.uid());
        Command.Sort r = (Command.Sort) parse("A283 uid sort (subject reverse date) \"US-ASCII\" ALL UNSEEN");
        assertEquals(List.of(SortCriterion.of(SortCriterion.Key.SUBJECT), SortCriterion.reversed(SortCriterion.Key.DATE)),
                r.criteria());
        assertEquals(true, r.uid());
        assertEquals(2, r.keys().size());
        roundTrips("t SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994");
        roundTrips("t UID SORT (ARRIVAL CC DATE FROM SIZE SUBJECT TO REVERSE ARRIVAL) US-ASCII TEXT \"not in mailbox\"");
        roundTrips("t SORT (REVERSE SIZE) UTF-8 OR FROM bob (SUBJECT \"hi there\" 1:5)");
    }

    @Test
    void threadCommandsParse_rfc5256_5() {
        Command.Thread t = (Command.Thread) parse("A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000");
        assertEquals(ThreadAlgorithm.ORDEREDSUBJECT, t.algorithm());
        roundTrips("t THREAD REFERENCES UTF-8 SINCE 5-Mar-2000");
        roundTrips("t UID THREAD ORDEREDSUBJECT US-ASCII TEXT gewp");
    }

    @Test
    void malformedSortAndThreadCommandsAreSyntaxErrors_rfc5256_5() {
        for (String line : List.of("t SORT", "t SORT (SUBJECT)", "t SORT (SUBJECT) UTF-8", "t SORT () UTF-8 ALL",
                "t SORT (NAME) UTF-8 ALL", "t SORT (REVERSE) UTF-8 ALL", "t SORT (REVERSE REVERSE DATE) UTF-8 ALL",
                "t SORT SUBJECT UTF-8 ALL", "t SORT (SUBJECT UTF-8 ALL", "t SORT (SUBJECT)  UTF-8 ALL",
                "t SORT (SUBJECT) UTF-8 ALL ", "t SORT (SUBJECT) UTF-8 NOSUCHKEY", "t SORT (SUBJECT DATE ) UTF-8 ALL",
                "t THREAD", "t THREAD REFERENCES", "t THREAD REFERENCES UTF-8", "t THREAD XYZZY UTF-8 ALL",
                "t THREAD (REFERENCES) UTF-8 ALL", "t UID THREAD REFERENCES UTF-8 (ALL")) {
            assertInstanceOf(ParsedCommand.Error.class, CommandParser.parse(line), line);
        }
    }

    @Test
    void sortResponsesParse_rfc5256_4() {
        assertEquals(new Response.Sort(List.of(2L, 84L, 882L)), response("* SORT 2 84 882"));
        assertEquals(new Response.Sort(List.of()), response("* SORT"));
        assertEquals(new Response.Sort(List.of()), response("* SORT "));
        assertEquals("* SORT 5 3 4 1 2\r\n", ResponseFormatter.format(new Response.Sort(List.of(5L, 3L, 4L, 1L, 2L)))
                .text());
        // RFC 7162 §3.1.9: the highest mod-sequence after a MODSEQ search key
        Response.Sort withModSeq = new Response.Sort(List.of(2L, 84L, 882L), java.util.OptionalLong.of(917162500L));
        assertEquals(withModSeq, response("* SORT 2 84 882 (MODSEQ 917162500)"));
        assertEquals("* SORT 2 84 882 (MODSEQ 917162500)\r\n", ResponseFormatter.format(withModSeq).text());
        assertInstanceOf(ParsedResponse.Error.class, ResponseParser.parse("* SORT (MODSEQ 5)"));
        assertInstanceOf(ParsedResponse.Error.class, ResponseParser.parse("* SORT 1 (MODSEQ 5) 2"));
        assertInstanceOf(ParsedResponse.Error.class, ResponseParser.parse("* SORT 1 0"));
        assertInstanceOf(ParsedResponse.Error.class, ResponseParser.parse("* SORT 1 x"));
    }

    @Test
    void theRfcThreadExampleParsesToItsTree_rfc5256_4() {
        Response r = response("* THREAD (2)(3 6 (4 23)(44 7 96))");
        ThreadNode second = ThreadNode.message(3, List.of(ThreadNode.message(6, List.of(
                ThreadNode.message(4, List.of(ThreadNode.message(23))),
                ThreadNode.message(44, List.of(ThreadNode.message(7, List.of(ThreadNode.message(96)))))))));
        assertEquals(new Response.Thread(List.of(ThreadNode.message(2), second)), r);
        assertEquals(new Response.Thread(List.of(ThreadNode.dummy(List.of(ThreadNode.message(3),
                ThreadNode.message(5))))), response("* THREAD ((3)(5))"));
        assertEquals(new Response.Thread(List.of()), response("* THREAD"));
    }

    @Test
    void theRfcThreadExamplesRoundTrip_rfc5256_3() {
        for (String line : List.of(
                "* THREAD (166)(167)(168)(169)(172)(170)(171)(173)(174 (175)(176)(178)(181)(180))(179)(177 (183)(182)"
                        + "(188)(184)(185)(186)(187)(189))(190)(191)(192)(193)(194 195)(196 (197)(198))(199)(200 202)"
                        + "(201)(203)(204)(205)(206 207)(208)",
                "* THREAD (166)(167)(168)(169)(172)((170)(179))(171)(173)((174)(175)(176)(178)(181)(180))((177)(183)"
                        + "(182)(188 (184)(189))(185 186)(187))(190)(191)(192)(193)((194)(195 196))(197 198)(199)"
                        + "(200 202)(201)(203)(204)(205 206 207)(208)",
                "* THREAD (1 ((2)(3))(4))")) {
            assertEquals(line + "\r\n", ResponseFormatter.format(response(line)).text());
        }
    }

    @Test
    void malformedThreadResponsesAreErrors_rfc5256_5() {
        for (String line : List.of("* THREAD (", "* THREAD ()", "* THREAD (1", "* THREAD ((1))", "* THREAD (1 (2))",
                "* THREAD (1 )", "* THREAD (0)", "* THREAD 1", "* THREAD (1)x", "* THREAD (1)(2", "* THREAD ((1)(2)",
                "* THREAD (1 (2)(3)", "* THREAD (1 (2)(3)) (4)")) {
            assertInstanceOf(ParsedResponse.Error.class, ResponseParser.parse(line), line);
        }
    }

    @Test
    void deeplyNestedThreadsParseWithoutRecursion() {
        StringBuilder sb = new StringBuilder("* THREAD ");
        int depth = 50_000;
        for (int i = 1; i <= depth; i++) {
            sb.append('(').append(i).append(' ');
        }
        // each level: n (n+1 ...)(leaf)
        sb.setLength(sb.length() - 1);
        for (int i = depth; i >= 1; i--) {
            sb.append(i == depth ? ")" : ")(" + (1_000_000 + i) + "))");
        }
        // not valid (the innermost list is nested once), but the parser must answer, not overflow
        ResponseParser.parse(sb.toString());
        String flat = "* THREAD (" + String.join(" ", java.util.stream.IntStream.rangeClosed(1, 50_000)
                .mapToObj(Integer::toString).toList()) + ")";
        assertEquals(flat + "\r\n", ResponseFormatter.format(response(flat)).text());
    }

    @Property(tries = 150, seed = "5256")
    void threadResponsesRoundTrip_rfc5256_4(@ForAll("threads") List<ThreadNode> threads) {
        Response.Thread r = new Response.Thread(threads);
        String wire = ResponseFormatter.format(r).text();
        assertEquals(r, response(wire.substring(0, wire.length() - 2)));
    }

    @Property(tries = 200, seed = "5257")
    void sortCommandsRoundTrip_rfc5256_5(@ForAll("sorts") Command.Sort sort, @ForAll boolean literalPlus) {
        byte[] wire = CommandFormatter.format("t", sort, literalPlus, false).toBytes();
        Framer framer = new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory());
        List<Frame> frames = new ArrayList<>();
        for (FramerEvent e : framer.feed(wire)) {
            if (e instanceof FramerEvent.Complete c) {
                frames.add(c.frame());
            }
        }
        assertEquals(1, frames.size());
        assertEquals(new ParsedCommand.Ok("t", sort), CommandParser.parse(frames.get(0)));
    }

    @Property(tries = 300, seed = "5258")
    void anyBytesAfterSortOrThreadGiveAnAnswer(@ForAll("noise") String tail) {
        CommandParser.parse("t SORT " + tail);
        CommandParser.parse("t UID THREAD " + tail);
        ResponseParser.parse("* THREAD " + tail);
        ResponseParser.parse("* SORT " + tail);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("()0123456789 REFSUBJTUTF-8\"\\*").ofMaxLength(40)
                .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Command.Sort> sorts() {
        Arbitrary<SortCriterion> criterion = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(SortCriterion.Key.class)).as(SortCriterion::new);
        return Combinators.combine(Arbitraries.of(true, false), criterion.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of("UTF-8", "US-ASCII", "utf-8"), ImapArbitraries.searchKey(2).list().ofMinSize(1)
                        .ofMaxSize(3)).as(Command.Sort::new);
    }

    /** Canonical trees: a dummy has at least two children and is never a message's only child. */
    @Provide
    Arbitrary<List<ThreadNode>> threads() {
        return node(3, true).list().ofMaxSize(4);
    }

    private Arbitrary<ThreadNode> node(int depth, boolean dummyAllowed) {
        Arbitrary<ThreadNode> leaf = Arbitraries.longs().between(1, 5000).map(ThreadNode::message);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<List<ThreadNode>> children = Arbitraries.oneOf(node(depth - 1, false).map(List::of),
                node(depth - 1, true).list().ofMinSize(2).ofMaxSize(3));
        Arbitrary<ThreadNode> withChildren = Combinators.combine(Arbitraries.longs().between(1, 5000), children)
                .as(ThreadNode::message);
        if (!dummyAllowed) {
            return Arbitraries.oneOf(leaf, withChildren);
        }
        Arbitrary<ThreadNode> dummy = node(depth - 1, true).list().ofMinSize(2).ofMaxSize(3)
                .map(cs -> ThreadNode.dummy(new ArrayList<>(cs)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(3, withChildren),
                net.jqwik.api.Tuple.of(1, dummy));
    }
}
