package org.maillab.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The ACL syntax of RFC 4314 §3 and §4 (its ABNF): round trips, and hostile rights strings. */
class AclCodecProperties {

    static Arbitrary<String> identifier() {
        return Arbitraries.oneOf(Arbitraries.of("anyone", "-anyone", "bob", "-bob", "fred@example.org"),
                ImapArbitraries.anyString());
    }

    static Arbitrary<String> modRights() {
        Arbitrary<String> letters = Arbitraries.strings().withChars("lrswipkxteacd").ofMaxLength(13);
        return Combinators.combine(Arbitraries.of("", "+", "-"), letters).as(String::concat);
    }

    @Provide
    Arbitrary<Command> aclCommands() {
        Arbitrary<String> mailbox = ImapArbitraries.mailbox();
        return Arbitraries.oneOf(
                Combinators.combine(mailbox, identifier(), modRights()).as(Command.SetAcl::new),
                Combinators.combine(mailbox, identifier()).as(Command.DeleteAcl::new),
                mailbox.map(Command.GetAcl::new),
                Combinators.combine(mailbox, identifier()).as(Command.ListRights::new),
                mailbox.map(Command.MyRights::new));
    }

    @Provide
    Arbitrary<Response> aclResponses() {
        Arbitrary<String> mailbox = ImapArbitraries.mailbox();
        Arbitrary<String> rights = Arbitraries.strings().withChars("lrswipkxteacd").ofMaxLength(13);
        Arbitrary<Response.AclEntry> entry = Combinators.combine(identifier(), rights).as(Response.AclEntry::new);
        return Arbitraries.oneOf(
                Combinators.combine(mailbox, entry.list().ofMaxSize(4)).as(Response.Acl::new),
                Combinators.combine(mailbox, identifier(), rights, rights.list().ofMaxSize(13))
                        .as(Response.ListRights::new),
                Combinators.combine(mailbox, rights).as(Response.MyRights::new));
    }

    @Property(tries = 300, seed = "4314")
    void aclCommandsRoundTrip(@ForAll("aclCommands") Command command, @ForAll boolean literalPlus) {
        byte[] wire = CommandFormatter.format("A1", command, literalPlus, false).toBytes();
        Framer framer = new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory());
        List<FramerEvent> events = framer.feed(wire).stream().filter(e -> e instanceof FramerEvent.Complete).toList();
        assertEquals(1, events.size(), () -> new String(wire, StandardCharsets.UTF_8));
        assertEquals(new ParsedCommand.Ok("A1", command),
                CommandParser.parse(((FramerEvent.Complete) events.get(0)).frame()),
                () -> new String(wire, StandardCharsets.UTF_8));
    }

    @Property(tries = 300, seed = "4315")
    void aclResponsesRoundTrip(@ForAll("aclResponses") Response response) {
        byte[] wire = ResponseFormatter.format(response).toBytes();
        Framer framer = new Framer(Framer.Role.CLIENT, FramerLimits.defaults(), LiteralSpooler.inMemory());
        List<FramerEvent> events = framer.feed(wire).stream().filter(e -> e instanceof FramerEvent.Complete).toList();
        assertEquals(1, events.size(), () -> new String(wire, StandardCharsets.UTF_8));
        assertEquals(new ParsedResponse.Ok(response),
                ResponseParser.parse(((FramerEvent.Complete) events.get(0)).frame()),
                () -> new String(wire, StandardCharsets.UTF_8));
    }

    @Property(tries = 400, seed = "2086")
    void setAclWithAnyOtherRightCharacterIsASyntaxError_rfc4314_3_1(
            @ForAll("modRightsStrings") String valid, @ForAll char other) {
        String rights = valid + other;
        boolean known = "lrswipkxteacd".indexOf(other) >= 0;
        ParsedCommand parsed = CommandParser.parse("t SETACL INBOX bob \"" + rights.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"");
        if (known) {
            assertInstanceOf(ParsedCommand.Ok.class, parsed, rights);
        } else {
            assertInstanceOf(ParsedCommand.Error.class, parsed, rights);
        }
    }

    @Provide
    Arbitrary<String> modRightsStrings() {
        return modRights();
    }

    @Property(tries = 400, seed = "2342")
    void hostileAclCommandLinesNeverThrow(@ForAll("prefixes") String prefix, @ForAll String tail) {
        ParsedCommand parsed = CommandParser.parse("t " + prefix + tail);
        assertTrue(parsed instanceof ParsedCommand.Ok || parsed instanceof ParsedCommand.Error);
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("SETACL ", "SETACL INBOX ", "SETACL INBOX bob ", "DELETEACL ", "GETACL ",
                "LISTRIGHTS INBOX ", "MYRIGHTS ", "setacl \"a\" ");
    }

    @Example
    void examplesOfRfc4314Parse() {
        assertEquals(new ParsedCommand.Ok("A002", new Command.SetAcl("INBOX/Drafts", "Chris", "+cda")),
                CommandParser.parse("A002 SETACL INBOX/Drafts Chris +cda"));
        assertEquals(new ParsedCommand.Ok("a", new Command.ListRights("archive/imap", "anyone")),
                CommandParser.parse("a listrights archive/imap anyone"));
        assertEquals(new ParsedResponse.Ok(new Response.ListRights("archive.imap", "anyone", "",
                List.of("l", "r", "s", "w", "i", "p", "k", "x", "t", "e", "a", "c", "d"))),
                ResponseParser.parse("* LISTRIGHTS archive.imap anyone \"\" l r s w i p k x t e a c d"));
        assertEquals(new ParsedResponse.Ok(new Response.Acl("INBOX/Drafts", List.of(
                new Response.AclEntry("Fred", "rwipslxetad"), new Response.AclEntry("Chris", "lrswi")))),
                ResponseParser.parse("* ACL INBOX/Drafts Fred rwipslxetad Chris lrswi"));
    }
}
