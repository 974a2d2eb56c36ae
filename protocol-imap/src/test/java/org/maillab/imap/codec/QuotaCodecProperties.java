package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The QUOTA syntax of RFC 9208 §7 both ways: the RFC's own examples, round trips of generated commands
 * and responses, and hostile input that must come back as a parse error, never an exception.
 */
class QuotaCodecProperties {

    // ---- generators

    static Arbitrary<String> resourceName() {
        return Arbitraries.oneOf(Arbitraries.of("STORAGE", "MESSAGE", "MAILBOX", "ANNOTATION-STORAGE"),
                ImapArbitraries.atom().map(a -> a.toUpperCase(Locale.ROOT)))
                .filter(s -> !s.equals("NIL"));
    }

    static Arbitrary<Long> number64() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 2000), Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of(0L, 1024L, Long.MAX_VALUE));
    }

    static Arbitrary<String> root() {
        return Arbitraries.oneOf(ImapArbitraries.anyString(), Arbitraries.of("", "User quota", "#user/alice",
                "!partition/sda4"));
    }

    @Provide
    Arbitrary<Command> quotaCommands() {
        Arbitrary<Command.QuotaLimit> limit = Combinators.combine(resourceName(), number64()).as(Command.QuotaLimit::new);
        return Arbitraries.oneOf(
                root().map(Command.GetQuota::new),
                ImapArbitraries.mailbox().map(Command.GetQuotaRoot::new),
                Combinators.combine(root(), limit.list().ofMaxSize(4)).as(Command.SetQuota::new));
    }

    @Provide
    Arbitrary<Response> quotaResponses() {
        Arbitrary<Response.QuotaResource> resource = Combinators.combine(resourceName(), number64(), number64())
                .as(Response.QuotaResource::new);
        return Arbitraries.oneOf(
                Combinators.combine(root(), resource.list().ofMaxSize(4)).as(Response.QuotaData::new),
                Combinators.combine(ImapArbitraries.mailbox(), root().list().ofMaxSize(3))
                        .as(Response.QuotaRootData::new));
    }

    private static Command parse(String line) {
        return assertInstanceOf(ParsedCommand.Ok.class, CommandParser.parse(line), line).command();
    }

    private static Response parseResponse(String line) {
        return assertInstanceOf(ParsedResponse.Ok.class, ResponseParser.parse(line), line).response();
    }

    // ---- the RFC's examples

    @Example
    void theCommandExamplesOfRfc9208Section4_1Parse() {
        assertEquals(new Command.GetQuota("!partition/sda4"), parse("G0001 GETQUOTA \"!partition/sda4\""));
        assertEquals(new Command.GetQuotaRoot("INBOX"), parse("G0002 getquotaroot inbox"));
        assertEquals(new Command.SetQuota("#user/alice", List.of(new Command.QuotaLimit("STORAGE", 510))),
                parse("S0001 SETQUOTA \"#user/alice\" (STORAGE 510)"));
        assertEquals(new Command.SetQuota("", List.of()), parse("S0002 SETQUOTA \"\" ()"));
        assertEquals(new Command.SetQuota("", List.of(new Command.QuotaLimit("MESSAGE", 9),
                new Command.QuotaLimit("X-OTHER", 0))), parse("S0003 setquota \"\" (message 9 x-other 0)"));
        assertEquals(new Command.Status("INBOX", List.of(StatusItem.MESSAGES, StatusItem.DELETED,
                StatusItem.DELETED_STORAGE)), parse("S0003 STATUS INBOX (MESSAGES DELETED DELETED-STORAGE)"));
    }

    @Example
    void theResponseExamplesOfRfc9208Section4_2Parse() {
        assertEquals(new Response.QuotaData("!partition/sda4", List.of(new Response.QuotaResource("STORAGE", 104,
                10923847))), parseResponse("* QUOTA \"!partition/sda4\" (STORAGE 104 10923847)"));
        assertEquals(new Response.QuotaData("#user/alice", List.of(new Response.QuotaResource("STORAGE", 54, 111),
                new Response.QuotaResource("MESSAGE", 42, 1000))),
                parseResponse("* QUOTA \"#user/alice\" (STORAGE 54 111 MESSAGE 42 1000)"));
        assertEquals(new Response.QuotaRootData("INBOX", List.of("#user/alice", "!partition/sda4")),
                parseResponse("* QUOTAROOT INBOX \"#user/alice\" \"!partition/sda4\""));
        assertEquals(new Response.QuotaRootData("comp.mail.mime", List.of()), parseResponse("* QUOTAROOT comp.mail.mime"));
        Response empty = new Response.QuotaData("", List.of());
        assertEquals(empty, parseResponse("* QUOTA \"\" ()"));
        assertEquals("* QUOTA \"\" ()\r\n", ResponseFormatter.format(empty).text());
        Response status = new Response.StatusData("INBOX", List.of(new Response.StatusValue(StatusItem.MESSAGES, 12),
                new Response.StatusValue(StatusItem.DELETED, 4), new Response.StatusValue(StatusItem.DELETED_STORAGE, 8)));
        assertEquals("* STATUS INBOX (MESSAGES 12 DELETED 4 DELETED-STORAGE 8)\r\n",
                ResponseFormatter.format(status).text());
        assertEquals(status, parseResponse("* STATUS INBOX (MESSAGES 12 DELETED 4 DELETED-STORAGE 8)"));
    }

    @Example
    void overquotaIsAResponseCode_rfc9208Section4_3_1() {
        Response r = parseResponse("A003 NO [OVERQUOTA] APPEND Failed");
        assertEquals(new Response.Tagged("A003", Response.Status.NO, java.util.Optional.of(ResponseCode.OVERQUOTA),
                "APPEND Failed"), r);
    }

    // ---- round trips

    @Property(tries = 300, seed = "9208")
    void formattedQuotaCommandsParseBackToTheSameValue(@ForAll("quotaCommands") Command command,
            @ForAll boolean literalPlus, @ForAll boolean utf8) {
        byte[] wire = CommandFormatter.format("Q1", command, literalPlus, utf8).toBytes();
        List<Frame> frames = CodecProperties.frames(Framer.Role.SERVER, wire);
        assertEquals(1, frames.size(), () -> new String(wire, StandardCharsets.UTF_8));
        assertEquals(new ParsedCommand.Ok("Q1", command), CommandParser.parse(frames.get(0)),
                () -> new String(wire, StandardCharsets.UTF_8));
    }

    @Property(tries = 300, seed = "9209")
    void formattedQuotaResponsesParseBackToTheSameValue(@ForAll("quotaResponses") Response response) {
        byte[] wire = ResponseFormatter.format(response).toBytes();
        List<Frame> frames = CodecProperties.frames(Framer.Role.CLIENT, wire);
        assertEquals(1, frames.size(), () -> new String(wire, StandardCharsets.UTF_8));
        assertEquals(new ParsedResponse.Ok(response), ResponseParser.parse(frames.get(0)),
                () -> new String(wire, StandardCharsets.UTF_8));
    }

    // ---- hostile input

    @Property(tries = 300, seed = "9210")
    void mutatedQuotaCommandsAndResponsesNeverThrow(@ForAll("quotaCommands") Command command,
            @ForAll("quotaResponses") Response response, @ForAll int position, @ForAll byte replacement) {
        for (byte[] wire : List.of(CommandFormatter.format("Q1", command, true, true).toBytes(),
                ResponseFormatter.format(response).toBytes())) {
            wire[Math.floorMod(position, wire.length)] = replacement;
            for (Framer.Role role : Framer.Role.values()) {
                for (Frame frame : CodecProperties.frames(role, wire)) {
                    assertInstanceOf(ParsedCommand.class, CommandParser.parse(frame));
                    assertInstanceOf(ParsedResponse.class, ResponseParser.parse(frame));
                }
            }
        }
    }

    /** Any sequence of SETQUOTA-ish tokens: either a well-formed SETQUOTA or an error, never an exception. */
    @Property(tries = 400, seed = "9211")
    void setquotaListsOfAnyTokensParseOrFailCleanly(@ForAll("tokens") List<String> tokens) {
        String line = "a SETQUOTA \"\" " + String.join("", tokens);
        ParsedCommand p = CommandParser.parse(line);
        if (p instanceof ParsedCommand.Ok ok) {
            Command.SetQuota s = assertInstanceOf(Command.SetQuota.class, ok.command());
            for (Command.QuotaLimit l : s.limits()) {
                assertEquals(l.resource().toUpperCase(Locale.ROOT), l.resource());
                assertTrue(l.limit() >= 0);
            }
            // what parsed formats back to the same value
            String again = CommandFormatter.format("a", s).text();
            assertEquals(ok, CommandParser.parse(again.substring(0, again.length() - 2)));
        } else {
            assertEquals(java.util.Optional.of("a"), ((ParsedCommand.Error) p).tag());
        }
    }

    @Provide
    Arbitrary<List<String>> tokens() {
        return Arbitraries.of("(", ")", " ", "STORAGE", "message", "1", "0", "-1", "99999999999999999999",
                "9223372036854775807", "\"STORAGE\"", "{3}", "NIL", "x").list().ofMaxSize(9);
    }
}
