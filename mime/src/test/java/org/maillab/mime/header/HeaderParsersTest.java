package org.maillab.mime.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.mime.header.Address.EnvelopeAddress;
import org.maillab.mime.header.Address.Group;
import org.maillab.mime.header.Address.Mailbox;

class HeaderParsersTest {

    @Test
    void contentTypeIsCaseInsensitiveWithCommentsRfc2045s51() {
        ContentType ct = ContentType.parse("Text/HTML (comment); Charset=\"UTF-8\" ; format=flowed").orElseThrow();
        assertEquals("text/html", ct.mimeType());
        assertEquals("UTF-8", ct.charset());
        assertEquals("flowed", ct.parameter("FORMAT"));
    }

    @Test
    void contentTypeWithoutSubtypeIsInvalid() {
        assertTrue(ContentType.parse("text").isEmpty());
        assertTrue(ContentType.parse("").isEmpty());
        assertTrue(ContentType.parse("te xt/plain").isEmpty());
    }

    @Test
    void unquotedBoundaryMayContainEqualsSigns() {
        assertEquals("----=_Part_0_1", ContentType.parse("multipart/mixed; boundary=----=_Part_0_1").orElseThrow().boundary());
    }

    @Test
    void rfc2231ContinuationsCharsetAndLanguage() {
        Parameters p = Parameters.parse("; title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"", 0);
        assertEquals("This is even more ***fun*** isn't it!", p.get("title"));
        assertEquals("us-ascii", p.parameter("title").orElseThrow().charset());
        assertEquals("en", p.parameter("title").orElseThrow().language());
    }

    @Test
    void rfc2231ExtendedValueBeatsPlainOne() {
        Parameters p = Parameters.parse("; filename=\"fallback.txt\"; filename*=utf-8''%C3%A9t%C3%A9.txt", 0);
        assertEquals("été.txt", p.get("filename"));
    }

    @Test
    void encodedWordInsideQuotedParameterIsDecoded() {
        assertEquals("файл.txt", Parameters.parse("; name=\"=?utf-8?B?0YTQsNC50LsudHh0?=\"", 0).get("name"));
    }

    @Test
    void duplicateParameterKeepsTheFirst() {
        Parameters p = Parameters.parse("; a=1; a=2", 0);
        assertEquals("1", p.get("a"));
        assertEquals(List.of("a"), p.duplicates());
    }

    @Test
    void dispositionFilenameRfc2183() {
        ContentDisposition d = ContentDisposition.parse("ATTACHMENT; filename=\"r\\\"x.pdf\"; size=10");
        assertTrue(d.isAttachment());
        assertEquals("r\"x.pdf", d.filename());
    }

    @Test
    void addressListWithGroupsRfc5322s34() {
        List<Address> list = AddressParser.parseList("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, Mary Smith <mary@x.test>");
        assertEquals(2, list.size());
        Group g = (Group) list.get(0);
        assertEquals("A Group", g.displayName());
        assertEquals(3, g.members().size());
        assertEquals(new Mailbox("Ed Jones", null, "c", "a.test"), g.members().get(0));
        assertEquals(new Mailbox(null, null, "joe", "where.test"), g.members().get(1));
        assertEquals(new Mailbox("Mary Smith", null, "mary", "x.test"), list.get(1));
    }

    @Test
    void emptyGroupGivesEnvelopeMarkersRfc3501s742() {
        assertEquals(List.of(new EnvelopeAddress(null, null, "undisclosed-recipients", null),
                new EnvelopeAddress(null, null, null, null)), AddressParser.parseEnvelopeList("undisclosed-recipients:;"));
    }

    @Test
    void obsoleteRouteQuotedLocalPartAndCommentsRfc5322s44() {
        List<Address> list = AddressParser.parseList(
                "<@route1.test,@route2.test:jdoe@example.test>, \"quoted local\"@example.net, Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>");
        assertEquals(new Mailbox(null, "@route1.test,@route2.test", "jdoe", "example.test"), list.get(0));
        assertEquals(new Mailbox(null, null, "quoted local", "example.net"), list.get(1));
        assertEquals(new Mailbox("Pete", null, "pete", "silly.test"), list.get(2));
    }

    @Test
    void aCommentAfterABareAddressIsItsDisplayNameRfc5322s322() {
        List<Address> list = AddressParser.parseList(
                "user@domain (Real  Name), other@example.org, x@y.test (a \\(nested\\) (one)), Named <n@z.test> (no)");
        assertEquals(new Mailbox("Real Name", null, "user", "domain"), list.get(0));
        assertEquals(new Mailbox(null, null, "other", "example.org"), list.get(1), "no comment, no name");
        assertEquals(new Mailbox("a (nested) (one)", null, "x", "y.test"), list.get(2));
        assertEquals(new Mailbox("Named", null, "n", "z.test"), list.get(3), "a phrase is the name");
        assertEquals(new Mailbox(null, null, "user-from", "domain.org"),
                AddressParser.parseList("<user-from (comment)@ (comment) domain.org>").get(0), "not in angle brackets");
    }

    @Test
    void obsoletePhraseWithDotsAndEncodedDisplayName() {
        Mailbox m = (Mailbox) AddressParser.parseList("John Q. Public <jqp@example.org>").get(0);
        assertEquals("John Q. Public", m.displayName());
        Mailbox e = (Mailbox) AddressParser.parseList("=?utf-8?Q?J=C3=BCrgen?= <j@example.org>").get(0);
        assertEquals("=?utf-8?Q?J=C3=BCrgen?=", e.displayName());
        assertEquals("Jürgen", e.decodedDisplayName());
    }

    @Test
    void junkAddressesNeverThrow() {
        for (String junk : List.of("", ",,,", "<", ">", "@", ":;", "\"unterminated", "(comment", "a@", "@b", "<<a@b>>", "g: a@b")) {
            AddressParser.parseList(junk);
        }
        assertTrue(AddressParser.parseList(null).isEmpty());
    }

    @Test
    void datesRfc5322s33() {
        assertEquals(OffsetDateTime.parse("1997-11-21T09:55:06-06:00"), DateParser.parse("Fri, 21 Nov 1997 09:55:06 -0600").orElseThrow());
        assertEquals(OffsetDateTime.parse("2003-07-01T10:52:37+02:00"), DateParser.parse("Tue, 1 Jul 2003 10:52:37 +0200 (CEST)").orElseThrow());
    }

    @Test
    void obsoleteDatesRfc5322s43() {
        assertEquals(OffsetDateTime.parse("1997-11-21T09:55:00-05:00"), DateParser.parse("21 Nov 97 09:55 EST").orElseThrow());
        assertEquals(OffsetDateTime.parse("2049-11-21T09:55:00Z"), DateParser.parse("Fri, 21 Nov 49 09:55:00 GMT").orElseThrow());
        assertEquals(OffsetDateTime.parse("1950-11-21T09:55:00Z"), DateParser.parse("21 Nov 50 09:55:00 Z").orElseThrow());
        assertEquals(OffsetDateTime.parse("1997-11-21T09:55:00Z"), DateParser.parse("21 Nov 1997 09:55:00 A").orElseThrow());
        assertEquals(OffsetDateTime.parse("2004-01-05T12:00:00Z"), DateParser.parse("Mon Jan  5 12:00:00 2004").orElseThrow());
    }

    @Test
    void badDatesAreEmpty() {
        assertTrue(DateParser.parse("not a date").isEmpty());
        assertTrue(DateParser.parse("32 Jan 2024 10:00:00 +0000").isEmpty());
        assertTrue(DateParser.parse(null).isEmpty());
    }

    @Test
    void envelopeKeepsRawValuesWithoutDefaults() {
        Envelope env = Envelope.of(new Header(List.of(HeaderField.of("From", "a@b"), HeaderField.of("Subject", "=?utf-8?Q?x?="))));
        assertEquals("=?utf-8?Q?x?=", env.subject());
        assertEquals("x", env.decodedSubject());
        assertNull(env.sender());
    }
}
