package org.maillab.imap.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The base subject of RFC 5256 §2.1, step by step, and the properties it must have. */
class BaseSubjectTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // (3) subj-refwd leaders: "re", "fw", "fwd", any case, repeated, *WSP and a subj-blob before ':'
        "Re: hello|hello|true",
        "RE: Re: re: hello|hello|true",
        "Fwd: hello|hello|true",
        "FW: hello|hello|true",
        "fw : hello|hello|true",
        "Re[2]: hello|hello|true",
        "Re [2] : hello|hello|true",
        "Re:hello|hello|true",
        "Re: Fwd: Re: hello|hello|true",
        "Re:|''|true",
        "re: re|re|true",
        // (3) blobs before a refwd go with it; (4) a blob alone goes if something is left behind
        "[list] Re: hello|hello|true",
        "[a] [b] Fw: hello|hello|true",
        "Re: [list] hello|hello|true",
        "[PATCH] hello|hello|false",
        "[PATCH v2] [1/3] hello|hello|false",
        "[PATCH]|[PATCH]|false",
        "[a] [b]|[b]|false",
        "Re: [a]|[a]|true",
        // (2) trailers: "(fwd)" and whitespace, repeated
        "hello (fwd)|hello|true",
        "hello (FWD) (fwd)|hello|true",
        "hello(fwd)|hello|true",
        "hello   |hello|false",
        "Re: (fwd)|''|true",
        // (6) [fwd: ...] wrappers, then again from (2)
        "[fwd: hello]|hello|true",
        "[Fwd: Re: hello]|hello|true",
        "Re: [fwd: hello] (fwd)|hello|true",
        "[fwd: [fwd: hello]]|hello|true",
        "[fwd: a] [fwd: b]|b|true", // (4) takes the first as a blob before (6) sees the second
        "[fwd: a] x]|x]|false",
        "Re: [fwd: ]|''|true",
        "[fwd:hello|[fwd:hello|false",
        // not artifacts: words that only start like one, unclosed blobs
        "Rework: plan|Rework: plan|false",
        "Fwdx: a|Fwdx: a|false",
        "Regarding hello|Regarding hello|false",
        "[unclosed hello|[unclosed hello|false",
        "hello [fwd]|hello [fwd]|false",
        "hello: re: x|hello: re: x|false",
        "''|''|false",
    })
    void artifactsAreRemoved_rfc5256_2_1(String subject, String base, boolean replyOrForward) {
        BaseSubject b = BaseSubject.of(subject);
        assertEquals(base, b.text());
        assertEquals(replyOrForward, b.replyOrForward(), "reply or forward");
    }

    @Test
    void whitespaceIsNormalisedTabsAndContinuationsBecomeOneSpace_rfc5256_2_1_step1() {
        assertEquals("hello big world", BaseSubject.of("  hello\t big \r\n\tworld  ").text());
        assertEquals("a b", BaseSubject.of("Re:\t\ta  \t b").text());
    }

    @Test
    void encodedWordsAreDecodedFirst_rfc5256_2_1_step1() {
        BaseSubject b = BaseSubject.of("=?UTF-8?Q?Re=3A_caf=C3=A9?=");
        assertEquals("café", b.text());
        assertTrue(b.replyOrForward());
        // adjacent encoded words join without the space between them (RFC 2047 §6.2)
        assertEquals("hello", BaseSubject.of("=?ISO-8859-1?Q?Fwd:?= =?ISO-8859-1?Q?_hello?=").text());
        assertEquals("Grüße", BaseSubject.of("[liste] =?iso-8859-1?b?R3L832U=?=").text());
    }

    @Test
    void aMissingSubjectIsTheEmptyString_rfc5256_3() {
        assertEquals(new BaseSubject("", false), BaseSubject.of(null));
    }

    @Test
    void caseIsKeptInTheTextAndIgnoredByTheCollation_rfc5256_7() {
        assertEquals("Hello World", BaseSubject.of("RE: Hello World").text());
        assertEquals(Collation.key("hello world"), Collation.key(BaseSubject.of("RE: Hello World").text()));
        assertFalse(BaseSubject.of("hello").replyOrForward());
    }

    @Test
    void rawUtf8OctetsInAHeaderAreReadAsUtf8_rfc6532() {
        String latin1View = new String("Re: Grüße".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("Re: Grüße", SortHeader.utf8IfValid(latin1View));
        assertEquals("caf\u00e9", SortHeader.utf8IfValid("caf\u00e9")); // a lone Latin-1 octet is not UTF-8
    }

    @Test
    void collationIsCaseInsensitiveAndOrdersByCodePoint_rfc5051() {
        assertEquals(0, Collation.compare("Hello", "hELLO"));
        assertTrue(Collation.compare("apple", "Banana") < 0);
        assertTrue(Collation.compare("", "a") < 0, "the empty string collates first (RFC 5256 §3)");
        assertTrue(Collation.compare("e", "é") < 0);
        assertEquals(0, Collation.compare("ÉTÉ", "été"));
        assertEquals(0, Collation.compare("\ufb01le", "FILE"), "compatibility forms decompose (fi ligature)");
        assertTrue(Collation.compare("\uffff", "\ud83d\ude00") < 0, "code point order, not UTF-16 order");
    }

    @Property(tries = 400, seed = "2561")
    void baseSubjectIsIdempotent(@ForAll("subjects") String subject) {
        String once = BaseSubject.of(subject).text();
        assertEquals(once, BaseSubject.of(once).text());
    }

    @Property(tries = 300, seed = "2562")
    void baseSubjectNeverStartsOrEndsWithWhitespaceAndKeepsNoDoubleSpaces(@ForAll("subjects") String subject) {
        String base = BaseSubject.of(subject).text();
        assertFalse(base.startsWith(" ") || base.endsWith(" ") || base.contains("  ") || base.contains("\t"), base);
    }

    @Property(tries = 200, seed = "2563")
    void anyTextIsTotal(@ForAll String anything) {
        BaseSubject.of(anything);
        Collation.key(anything);
    }

    @Provide
    Arbitrary<String> subjects() {
        List<String> tokens = List.of("re", "Re", "RE", "fw", "Fwd", "fwd", ":", "[", "]", "(fwd)", "(FWD)", " ",
                "\t", "  ", "[fwd:", "hello", "x", "[blob]", "[PATCH v2]", "é", "Grüße", "(", ")", "re:", "Fwd:",
                "=?UTF-8?Q?Re=3A_x?=");
        return Arbitraries.of(tokens).list().ofMaxSize(10).map(l -> String.join("", l))
                .filter(s -> !BaseSubject.of(s).text().contains("=?")); // decoding twice is not idempotent
    }
}
