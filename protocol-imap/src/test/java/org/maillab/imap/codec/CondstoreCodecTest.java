package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The CONDSTORE syntax of RFC 7162 §7 both ways: commands parse and format back, responses too. */
class CondstoreCodecTest {

    private static Command parse(String line) {
        ParsedCommand p = CommandParser.parse(line);
        return assertInstanceOf(ParsedCommand.Ok.class, p, line).command();
    }

    private static SequenceSet set(String wire) {
        return ((Command.Fetch) parse("a FETCH " + wire + " UID")).set();
    }

    private static void roundTrips(String line) {
        Command c = parse(line);
        String wire = CommandFormatter.format("t", c).text();
        assertEquals(line + "\r\n", wire);
        assertEquals(c, parse(wire.substring(0, wire.length() - 2)));
    }

    private static void responseRoundTrips(Response r, String wire) {
        assertEquals(wire, ResponseFormatter.format(r).text());
        assertEquals(new ParsedResponse.Ok(r), ResponseParser.parse(wire.substring(0, wire.length() - 2)));
    }

    @Test
    void commandModifiersRoundTrip_rfc7162_7() {
        roundTrips("t SELECT INBOX (CONDSTORE)");
        roundTrips("t EXAMINE Work (CONDSTORE)");
        roundTrips("t FETCH 1:* (FLAGS MODSEQ) (CHANGEDSINCE 12345)");
        roundTrips("t UID FETCH 1:* FLAGS (CHANGEDSINCE 9223372036854775807)");
        roundTrips("t STORE 7,5,9 (UNCHANGEDSINCE 0) +FLAGS.SILENT (\\Deleted)");
        roundTrips("t UID STORE 1 (UNCHANGEDSINCE 320162338) FLAGS (\\Seen)");
        roundTrips("t SEARCH MODSEQ 620162338");
        // QRESYNC (RFC 7162 §3.2.5, §3.2.6)
        roundTrips("t SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))");
        roundTrips("t EXAMINE INBOX (CONDSTORE QRESYNC (67890007 90060115194045000 41:211,214:541 (1:10 1:4)))");
        roundTrips("t SELECT INBOX (QRESYNC (67890007 1 (1:10 1:4)))");
        roundTrips("t UID FETCH 300:500 FLAGS (CHANGEDSINCE 12345 VANISHED)");
    }

    @Test
    void searchModSeqEntryIsAcceptedAndIgnored_rfc7162_3_1_5() {
        Command.Search s = (Command.Search) parse("t SEARCH OR NOT MODSEQ \"/flags/\\\\draft\" all 620162338 DRAFT");
        assertEquals(new SearchKey.Or(new SearchKey.Not(new SearchKey.ModSeq(620162338)),
                new SearchKey.Flag(SearchKey.Simple.DRAFT)), s.keys().get(0));
    }

    @Test
    void malformedModifiersAreBad_rfc7162_7() {
        for (String line : List.of("t FETCH 1 FLAGS (CHANGEDSINCE 0)", "t FETCH 1 FLAGS (CHANGEDSINCE)",
                "t FETCH 1 FLAGS (CHANGEDSINCE 1", "t STORE 1 (UNCHANGEDSINCE x) FLAGS (\\Seen)",
                "t STORE 1 (UNCHANGEDSINCE 1) (\\Seen)", "t SELECT INBOX (CONDSTORE", "t SELECT INBOX ()",
                "t SEARCH MODSEQ", "t SEARCH MODSEQ \"/flags/\\\\seen\" 5",
                "t SELECT INBOX (QRESYNC (0 1))", "t SELECT INBOX (QRESYNC (1 0))", "t SELECT INBOX (QRESYNC 1 2)",
                "t SELECT INBOX (QRESYNC (1 2 (1:3)))", "t UID FETCH 1 FLAGS (VANISHED)",
                "t UID FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED VANISHED)")) {
            assertInstanceOf(ParsedCommand.Error.class, CommandParser.parse(line), line);
        }
    }

    @Test
    void responsesRoundTrip_rfc7162_7() {
        responseRoundTrips(new Response.Fetch(5, List.of(new FetchData.Uid(8), new FetchData.ModSeq(320162350),
                new FetchData.Flags(List.of("\\Seen")))), "* 5 FETCH (UID 8 MODSEQ (320162350) FLAGS (\\Seen))\r\n");
        responseRoundTrips(new Response.Search(List.of(2L, 5L, 6L), OptionalLong.of(917162500)),
                "* SEARCH 2 5 6 (MODSEQ 917162500)\r\n");
        responseRoundTrips(new Response.ESearch(Optional.of("a"), true, OptionalLong.empty(), OptionalLong.empty(),
                Optional.of(set("2:4")), OptionalLong.empty(), OptionalLong.of(7)),
                "* ESEARCH (TAG \"a\") UID ALL 2:4 MODSEQ 7\r\n");
        responseRoundTrips(new Response.Tagged("d105", Response.Status.OK,
                Optional.of(new ResponseCode.Modified(set("7,9"))),
                "Conditional STORE failed"), "d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n");
        responseRoundTrips(new Response.Vanished(true, set("41,43:116,118")), "* VANISHED (EARLIER) 41,43:116,118\r\n");
        responseRoundTrips(new Response.Vanished(false, set("405,407,410")), "* VANISHED 405,407,410\r\n");
        responseRoundTrips(new Response.Condition(Response.Status.OK,
                Optional.of(new ResponseCode.Number("HIGHESTMODSEQ", 715194045007L)), "Highest"),
                "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n");
    }
}
