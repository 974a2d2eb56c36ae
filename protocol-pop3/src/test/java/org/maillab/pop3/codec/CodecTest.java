package org.maillab.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CodecTest {

    private static Command parse(String line) {
        return CommandParser.parse(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keywordsAreCaseInsensitive_rfc1939s3() {
        assertEquals(new Command.Retr(1), parse("retr 1\r\n"));
        assertEquals(new Command.List(OptionalInt.empty()), parse("List"));
    }

    @Test
    void argumentsAreCheckedPerCommand() {
        assertEquals(new Command.Malformed("RETR", "RETR takes one message number"), parse("RETR"));
        assertEquals(new Command.Malformed("RETR", "a message number is decimal digits"), parse("RETR -1"));
        assertEquals(new Command.Malformed("STAT", "STAT takes no arguments"), parse("STAT 1"));
        assertEquals(new Command.Malformed("TOP", "TOP's arguments are decimal numbers"), parse("TOP 1 x"));
        assertEquals(new Command.Malformed("APOP", "the digest is 32 hexadecimal digits (MD5)"), parse("APOP a b"));
        assertEquals(new Command.Malformed("RETR", "a message number is decimal digits"), parse("RETR 9999999999"));
    }

    @Test
    void passKeepsSpacesInThePassword_rfc1939s7() {
        assertEquals(new Command.Pass("a b  c"), parse("PASS a b  c"));
    }

    @Test
    void authTakesAnOptionalInitialResponse_rfc5034s4() {
        assertEquals(new Command.Auth(Optional.of("PLAIN"), Optional.of("AGEAYg==")), parse("auth plain AGEAYg=="));
        assertEquals(new Command.Auth(Optional.of("PLAIN"), Optional.empty()), parse("AUTH PLAIN"));
    }

    @Test
    void controlCharactersAndInvalidUtf8AreMalformed() {
        assertEquals(new Command.Malformed("US\0ER", "control characters are not allowed in a command"),
                parse("US\0ER x"));
        Command notText = CommandParser.parse(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xff});
        assertEquals(new Command.Malformed("USER", "the line is not UTF-8 text"), notText);
    }

    @Test
    void unknownKeywordsAreValuesNotErrors() {
        assertEquals(new Command.Unknown("XTND"), parse("XTND XMIT"));
    }

    @Test
    void passwordsAreMaskedInTranscripts() {
        assertEquals("PASS ***", new Command.Pass("secret").toMaskedLine());
        assertEquals("AUTH PLAIN ***", parse("AUTH PLAIN AGEAYg==").toMaskedLine());
        assertEquals("Pass[********]", new Command.Pass("secret").toString());
    }

    @Test
    void responsesFormatWithCodes_rfc2449s8() {
        assertEquals("-ERR [IN-USE] locked", Response.err(ResponseCode.IN_USE, "locked").statusLine());
        assertEquals("+OK", Response.ok("").statusLine());
        assertEquals("+OK a  b", Response.ok("a\r\nb").statusLine(), "text cannot break the line");
    }

    @Test
    void emptyBodyIsJustTheTerminator_rfc1939s3() throws IOException {
        assertEquals(".\r\n", new String(new DotStuffingInputStream(new ByteArrayInputStream(new byte[0]))
                .readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void aBodyCutOffBeforeTheTerminatorIsAnError() {
        DotUnstuffingInputStream in = new DotUnstuffingInputStream(
                new ByteArrayInputStream("line\r\n..more".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(EOFException.class, in::readAllBytes);
    }

    @Test
    void statusLinesAreParsedWithTheirCodes() {
        assertEquals(new StatusLine(StatusLine.Kind.ERR, Optional.of(ResponseCode.IN_USE), "locked"),
                StatusLine.parse("-ERR [IN-USE] locked\r\n"));
        assertEquals(new StatusLine(StatusLine.Kind.CONTINUATION, Optional.empty(), ""), StatusLine.parse("+ "));
        assertEquals(StatusLine.Kind.INVALID, StatusLine.parse("+OKAY").kind());
    }
}
