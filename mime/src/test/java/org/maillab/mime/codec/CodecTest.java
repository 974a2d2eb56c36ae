package org.maillab.mime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodecTest {

    private static String qp(String encoded) throws IOException {
        QuotedPrintableInputStream in = new QuotedPrintableInputStream(
                new ByteArrayInputStream(encoded.getBytes(StandardCharsets.ISO_8859_1)));
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static String b64(String encoded) throws IOException {
        return new String(new Base64InputStream(new ByteArrayInputStream(encoded.getBytes(StandardCharsets.ISO_8859_1)))
                .readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void qpSoftLineBreakVanishesRfc2045s67Rule5() throws IOException {
        assertEquals("abcdef", qp("abc=\r\ndef"));
        assertEquals("abcdef", qp("abc=  \r\ndef"));
        assertEquals("abcdef", qp("abc=\ndef"));
    }

    @Test
    void qpTrailingWhiteSpaceIsDeletedRfc2045s67Rule3() throws IOException {
        assertEquals("abc\r\ndef", qp("abc  \t\r\ndef"));
        assertEquals("a b", qp("a b"));
    }

    @Test
    void qpHexInEitherCaseDecodesRfc2045s67Rule1() throws IOException {
        assertEquals("\u00e9\u00e9=", qp("=E9=e9=3D"));
    }

    @Test
    void qpMalformedEscapeIsKeptLiterally() throws IOException {
        QuotedPrintableInputStream in = new QuotedPrintableInputStream(new ByteArrayInputStream("a=ZZb=4".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("a=ZZb=4", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(2, in.malformedEscapes());
    }

    @Test
    void base64SkipsCharactersOutsideTheAlphabetRfc2045s68() throws IOException {
        Base64InputStream in = new Base64InputStream(new ByteArrayInputStream("aGVs!bG8g\r\nd29y*bGQ=".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("hello world", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(2, in.ignoredBytes());
    }

    @Test
    void base64TruncatedQuantumStillYieldsItsBytes() throws IOException {
        assertEquals("hi", b64("aGk"));
        assertEquals("h", b64("aA"));
        assertEquals("hi", b64("aGk=aGk").substring(0, 2));
        assertEquals("hihi", b64("aGk=aGk="));
    }

    @Test
    void qpEncoderProtectsFromLinesAndDotsRfc2049s3() throws IOException {
        String encoded = new String(CodecProperties.qp("From here\n.\n".getBytes(StandardCharsets.US_ASCII), false),
                StandardCharsets.US_ASCII);
        assertEquals("=46rom here\r\n=2E\r\n", encoded);
    }

    @Test
    void encodedWordsDecodeBAndQRfc2047s4() {
        assertEquals("Keld Jørn Simonsen", EncodedWords.decode("Keld J=?ISO-8859-1?Q?=F8?=rn Simonsen"));
        assertEquals("If you can read this you understand the example.",
                EncodedWords.decode("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?="));
    }

    @Test
    void whiteSpaceBetweenAdjacentEncodedWordsIsDroppedRfc2047s62() {
        assertEquals("ab", EncodedWords.decode("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?="));
        assertEquals("ab", EncodedWords.decode("=?ISO-8859-1?Q?a?=\r\n   =?ISO-8859-1?Q?b?="));
        assertEquals("a b", EncodedWords.decode("=?ISO-8859-1?Q?a_b?="));
        assertEquals("a b", EncodedWords.decode("=?ISO-8859-1?Q?a?= b"));
    }

    @Test
    void multiByteCharacterSplitAcrossWordsIsJoined() {
        // "é" in UTF-8 is C3 A9: each word alone is invalid UTF-8
        assertEquals("é", EncodedWords.decode("=?utf-8?Q?=C3?= =?utf-8?Q?=A9?="));
    }

    @Test
    void languageSuffixAndUnknownCharsetRfc2231s5() {
        assertEquals("hi", EncodedWords.decode("=?US-ASCII*EN?Q?hi?="));
        assertEquals("=?x-nope?Q?hi?=", EncodedWords.decode("=?x-nope?Q?hi?="));
    }

    @Test
    void eightBitHeaderBytesReadAsUtf8ElseLatin1Rfc6532() {
        byte[] utf8 = "é".getBytes(StandardCharsets.UTF_8);
        assertEquals("é", Charsets.decodeHeaderBytes(utf8, 0, utf8.length));
        byte[] latin1 = {(byte) 0xe9};
        assertEquals("é", Charsets.decodeHeaderBytes(latin1, 0, 1));
    }
}
