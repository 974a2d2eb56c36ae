package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;
import org.maillab.mailstore.Flags;

/** SEARCH BODY/TEXT decode and match the body as a stream (RFC 9051 §6.4.4), with no size cut-off. */
class SearchStreamingTest {

    private static String run(ImapSession s, String line) {
        StringBuilder sb = new StringBuilder();
        for (Response r : s.handle(CommandParser.parse(line)).responses()) {
            sb.append(ResponseFormatter.format(r).text());
        }
        return sb.toString();
    }

    @Test
    void aWordAfterTheFirst17MegabytesOfABase64BodyIsFound_rfc9051_6_4_4() {
        Fixture fixture = new Fixture();
        byte[] text = ("filler line of text\r\n".repeat(17 * 1024 * 1024 / 21) + "the hidden Zebra\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String message = "Subject: big\r\nContent-Type: text/plain; charset=us-ascii\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(text) + "\r\n";
        fixture.fred.append("INBOX", new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)),
                Flags.NONE, Instant.parse("2026-01-04T10:00:00Z"));
        ImapSession s = fixture.session();
        run(s, "a LOGIN fred secret");
        run(s, "b SELECT INBOX");
        assertEquals("* SEARCH 4\r\nc OK SEARCH completed\r\n", run(s, "c SEARCH BODY zebra"));
        assertEquals("* SEARCH 4\r\nd OK SEARCH completed\r\n", run(s, "d SEARCH TEXT \"HIDDEN ZEBRA\""));
        assertEquals("* SEARCH\r\ne OK SEARCH completed\r\n", run(s, "e SEARCH BODY giraffe"));
        // TEXT covers the header too; BODY does not
        assertEquals("* SEARCH 4\r\nf OK SEARCH completed\r\n", run(s, "f SEARCH TEXT \"subject: big\""));
        assertEquals("* SEARCH\r\ng OK SEARCH completed\r\n", run(s, "g SEARCH BODY \"subject: big\""));
    }
}
