package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResponseFormatterTest {

    private static String text(Response r) {
        return ResponseFormatter.format(r).text();
    }

    @Test
    void taggedResponseWithCode_rfc9051_7_1() {
        assertEquals("A142 OK [READ-WRITE] SELECT completed\r\n", text(new Response.Tagged("A142",
                Response.Status.OK, Optional.of(ResponseCode.READ_WRITE), "SELECT completed")));
        assertEquals("A003 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n", text(new Response.Tagged("A003",
                Response.Status.OK, Optional.of(new ResponseCode.CopyUid(38505,
                        new SequenceSet.Ranges(List.of(new SequenceSet.Range(304, 304),
                                new SequenceSet.Range(319, 320))), SequenceSet.range(3956, 3958))), "Done")));
    }

    @Test
    void respTextNeverCarriesALineBreak() {
        assertEquals("a NO bad\r\n", text(new Response.Tagged("a", Response.Status.NO, Optional.empty(),
                "bad")));
        assertEquals("* BYE a  b\r\n", text(new Response.Condition(Response.Status.BYE, Optional.empty(), "a\r\nb")));
    }

    @Test
    void stringsChooseAtomQuotedOrLiteral_rfc9051_4_3() {
        assertEquals("* LIST (\\HasNoChildren) \"/\" INBOX\r\n", text(new Response.ListItem(false,
                List.of("\\HasNoChildren"), Optional.of('/'), "INBOX", List.of(), Optional.empty())));
        assertEquals("* LIST () \"/\" \"a b\"\r\n", text(new Response.ListItem(false, List.of(), Optional.of('/'),
                "a b", List.of(), Optional.empty())));
        assertEquals("* LIST () NIL {3}\r\na\nb\r\n", text(new Response.ListItem(false, List.of(), Optional.empty(),
                "a\nb", List.of(), Optional.empty())));
    }

    @Test
    void fetchBodyIsALiteralStreamedFromItsSource() {
        Encoded e = ResponseFormatter.format(new Response.Fetch(12, List.of(new FetchData.Uid(7),
                new FetchData.BodySection(Section.WHOLE, OptionalLong.of(0), Optional.of(Literal.of("Hi\r\n"))))));
        assertEquals("* 12 FETCH (UID 7 BODY[]<0> {4}\r\nHi\r\n)\r\n", e.text());
        assertTrue(e.chunks().stream().anyMatch(c -> c instanceof Encoded.Chunk.LiteralOctets));
        assertFalse(e.needsContinuation());
    }

    @Test
    void envelopeAndBodyStructureOfRfc9051Examples() {
        String wire = "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 "
                + "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev2 WG mtg summary and minutes\" "
                + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" "
                + "\"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL "
                + "\"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\") (\"John Klensin\" "
                + "NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" "
                + "\"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))";
        ParsedResponse parsed = ResponseParser.parse(wire);
        Response.Fetch fetch = assertInstanceOf(Response.Fetch.class,
                assertInstanceOf(ParsedResponse.Ok.class, parsed, parsed::toString).response());
        Envelope env = ((FetchData.EnvelopeData) fetch.items().get(3)).envelope();
        assertEquals(2, env.cc().size());
        assertEquals(Optional.of("KLENSIN"), env.cc().get(1).mailbox());
        BodyStructure.Single body = (BodyStructure.Single) ((FetchData.Structure) fetch.items().get(4)).body();
        assertEquals(OptionalLong.of(92), body.lines());
        // Formatting it again gives the same value (address lists are written without separators).
        assertEquals(parsed, ResponseParser.parse(Frame.ofLine(ResponseFormatter.format(fetch).text()
                .replace("\r\n", ""))));
    }

    @Test
    void multipartBodyStructureParses_rfc3501_7_4_2() {
        String wire = "* 1 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" "
                + "1152 23)(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") "
                + "\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\"))";
        Response.Fetch fetch = (Response.Fetch) ((ParsedResponse.Ok) ResponseParser.parse(wire)).response();
        BodyStructure.Multi multi = (BodyStructure.Multi) ((FetchData.Structure) fetch.items().get(0)).body();
        assertEquals(2, multi.parts().size());
        assertEquals("MIXED", multi.subtype());
    }

    @Test
    void unknownResponsesAreErrorsNotExceptions() {
        assertInstanceOf(ParsedResponse.Error.class, ResponseParser.parse("* FROB x"));
        assertInstanceOf(ParsedResponse.Error.class, ResponseParser.parse("a MAYBE x"));
        assertInstanceOf(ParsedResponse.Error.class, ResponseParser.parse(""));
    }
}
