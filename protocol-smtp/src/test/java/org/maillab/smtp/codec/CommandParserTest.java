package org.maillab.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 5321 §4.1 grammar, one rule per test. */
class CommandParserTest {

    @Test
    void verbsAreCaseInsensitive() {
        // RFC 5321 §2.4
        assertEquals(new SmtpCommand.Hello(SmtpCommand.Hello.Kind.EHLO, "x.test"), CommandParser.parse("ehlo x.test"));
    }

    @Test
    void mailTakesAPathAndParameters() {
        SmtpCommand.Mail m = (SmtpCommand.Mail) CommandParser.parse("MAIL FROM:<a.b@c.test> SIZE=123 BODY=8bitmime");
        assertEquals(new Address("a.b", "c.test"), m.sender());
        assertEquals(123, m.size());
        assertEquals("8BITMIME", m.body());
    }

    @Test
    void theNullReversePathIsAllowedForBounces() {
        // RFC 5321 §4.5.5
        assertNull(((SmtpCommand.Mail) CommandParser.parse("MAIL FROM:<>")).sender());
    }

    @Test
    void aSourceRouteIsReadAndIgnored() {
        // RFC 5321 §4.1.2 and appendix C
        assertEquals(new Address("u", "d.test"),
                ((SmtpCommand.Rcpt) CommandParser.parse("RCPT TO:<@relay.test:u@d.test>")).recipient());
    }

    @Test
    void quotedLocalPartsAreUnquoted() {
        assertEquals(new Address("a b", "c.test"),
                ((SmtpCommand.Rcpt) CommandParser.parse("RCPT TO:<\"a b\"@c.test>")).recipient());
    }

    @Test
    void postmasterWithoutADomainIsARecipient() {
        // RFC 5321 §4.1.1.3
        assertEquals(new SmtpCommand.Rcpt(new Address("Postmaster", ""), Map.of()), CommandParser.parse("RCPT TO:<Postmaster>"));
    }

    @Test
    void badPathsGetTheirEnhancedCodes() {
        // RFC 3463: X.1.7 bad sender's address syntax, X.1.3 bad destination address syntax
        assertEquals("501 5.1.7 Bad sender address syntax",
                ((SmtpCommand.Invalid) CommandParser.parse("MAIL FROM:<a..b@c>")).reply().toString());
        assertEquals("501 5.1.3 Bad recipient address syntax",
                ((SmtpCommand.Invalid) CommandParser.parse("RCPT TO:<" + "x".repeat(65) + "@c.test>")).reply().toString());
    }

    @Test
    void unknownParametersGet555() {
        // RFC 5321 §4.1.1.11
        assertEquals("555 5.5.4 MAIL parameter RET not recognized",
                ((SmtpCommand.Invalid) CommandParser.parse("MAIL FROM:<a@b.test> RET=HDRS")).reply().toString());
    }

    @Test
    void bdatSizesAreCheckedWithoutOverflow() {
        assertEquals(new SmtpCommand.Bdat(Long.MAX_VALUE, true), CommandParser.parse("BDAT 9223372036854775807 LAST"));
        assertInstanceOf(SmtpCommand.Invalid.class, CommandParser.parse("BDAT 9223372036854775808"));
        assertInstanceOf(SmtpCommand.Invalid.class, CommandParser.parse("BDAT +5"));
    }

    @Test
    void authKeepsTheInitialResponseOutOfToString() {
        SmtpCommand auth = CommandParser.parse("AUTH PLAIN AGFsaWNlAHNlY3JldA==");
        assertEquals("Auth[PLAIN ***]", auth.toString());
    }

    @Test
    void sizeAndBdatNumbersGoThroughTheSharedCheckedRoutine() {
        // transport.wire.WireNumber: 2^64 + 6 must not wrap to 6, 2^63 must not go negative
        for (String line : new String[] {"MAIL FROM:<a@b.example> SIZE=18446744073709551622", "BDAT 9223372036854775808 LAST",
                "BDAT 18446744073709551622", "MAIL FROM:<a@b.example> SIZE=-1"}) {
            SmtpCommand c = CommandParser.parse(line);
            assertTrue(c instanceof SmtpCommand.Invalid invalid && invalid.reply().code() >= 500, line + " -> " + c);
        }
        assertTrue(CommandParser.parse("BDAT 6 LAST") instanceof SmtpCommand.Bdat, "a small chunk size is fine");
    }
}
