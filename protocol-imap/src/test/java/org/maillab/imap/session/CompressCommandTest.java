package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.CommandFormatter;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.ParsedCommand;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;

/** COMPRESS (RFC 4978) in the session: what it answers, and when it asks the I/O layer to switch. */
class CompressCommandTest {

    private final Fixture fixture = new Fixture();

    private static String text(SessionOutput out) {
        StringBuilder sb = new StringBuilder();
        for (Response r : out.responses()) {
            sb.append(ResponseFormatter.format(r).text());
        }
        return sb.toString();
    }

    private static SessionOutput run(ImapSession s, String line) {
        return s.handle(CommandParser.parse(line));
    }

    private ImapSession loggedIn() {
        ImapSession s = fixture.session();
        s.compressionAvailable();
        assertTrue(text(run(s, "l LOGIN fred secret")).startsWith("l OK"));
        return s;
    }

    @Test
    void compressDeflateAnswersOkAndSwitchesAfterIt_rfc4978_3() {
        ImapSession s = loggedIn();
        SessionOutput out = run(s, "c COMPRESS DEFLATE");
        assertEquals("c OK DEFLATE active\r\n", text(out));
        assertEquals(SessionOutput.Action.START_COMPRESSION, out.action());
    }

    @Test
    void theMechanismIsCaseInsensitive_rfc4978_5() {
        SessionOutput out = run(loggedIn(), "c compress deflate");
        assertEquals(SessionOutput.Action.START_COMPRESSION, out.action());
    }

    @Test
    void aSecondCompressIsNoCompressionActiveAndSwitchesNothing_rfc4978_3() {
        ImapSession s = loggedIn();
        run(s, "c COMPRESS DEFLATE");
        SessionOutput again = run(s, "d COMPRESS DEFLATE");
        assertEquals("d NO [COMPRESSIONACTIVE] DEFLATE is active already\r\n", text(again));
        assertEquals(SessionOutput.Action.CONTINUE, again.action());
    }

    @Test
    void anUnknownMechanismIsBadAndCompressionStaysOff_rfc4978_3() {
        ImapSession s = loggedIn();
        SessionOutput out = run(s, "c COMPRESS LZW");
        assertEquals("c BAD Unknown compression mechanism LZW; DEFLATE is supported\r\n", text(out));
        assertEquals(SessionOutput.Action.CONTINUE, out.action());
        assertEquals(SessionOutput.Action.START_COMPRESSION, run(s, "d COMPRESS DEFLATE").action());
    }

    @Test
    void compressWithoutAMechanismIsASyntaxError() {
        ImapSession s = loggedIn();
        SessionOutput out = run(s, "c COMPRESS");
        assertTrue(text(out).startsWith("c BAD "), text(out));
        assertEquals(SessionOutput.Action.CONTINUE, out.action());
        assertTrue(text(run(s, "d COMPRESS \"DEFLATE\"")).startsWith("d BAD "), "the algorithm is an atom");
    }

    @Test
    void compressBeforeAuthenticationIsBad_rfc4978_5_commandAuth() {
        ImapSession s = fixture.session();
        s.compressionAvailable();
        SessionOutput out = run(s, "c COMPRESS DEFLATE");
        assertEquals("c BAD COMPRESS is not valid in state not authenticated\r\n", text(out));
        assertEquals(SessionOutput.Action.CONTINUE, out.action());
        assertEquals(SessionState.NOT_AUTHENTICATED, s.state());
    }

    @Test
    void compressIsValidInTheSelectedState() {
        ImapSession s = loggedIn();
        assertTrue(text(run(s, "s SELECT INBOX")).contains("s OK"));
        assertEquals(SessionOutput.Action.START_COMPRESSION, run(s, "c COMPRESS DEFLATE").action());
        assertEquals(SessionState.SELECTED, s.state());
    }

    @Test
    void compressDeflateIsAdvertisedInEveryStateWhenTheServerCanCompress_rfc4978_3() {
        ImapSession s = fixture.session();
        s.compressionAvailable();
        assertTrue(s.capabilities().contains("COMPRESS=DEFLATE"));
        assertTrue(text(new SessionOutput(s.greeting(), SessionOutput.Action.CONTINUE)).contains("COMPRESS=DEFLATE"));
        assertTrue(text(run(s, "l LOGIN fred secret")).contains("COMPRESS=DEFLATE"));
        run(s, "c COMPRESS DEFLATE");
        assertTrue(s.capabilities().contains("COMPRESS=DEFLATE"));
    }

    @Test
    void withoutACompressingIoLayerCompressIsNeitherAdvertisedNorAccepted() {
        ImapSession s = fixture.session();
        assertFalse(s.capabilities().contains("COMPRESS=DEFLATE"));
        run(s, "l LOGIN fred secret");
        SessionOutput out = run(s, "c COMPRESS DEFLATE");
        assertEquals("c BAD COMPRESS is not available\r\n", text(out));
        assertEquals(SessionOutput.Action.CONTINUE, out.action());
    }

    @Test
    void bytesAfterCompressAreNotReadAsPlainCommands() {
        ImapConnection c = fixture.connection(SessionConfig.defaults());
        c.session().compressionAvailable();
        c.greeting();
        c.onBytes(ByteBuffer.wrap("l LOGIN fred secret\r\n".getBytes(StandardCharsets.US_ASCII)));
        ImapConnection.Result r = c.onBytes(ByteBuffer.wrap("c COMPRESS DEFLATE\r\nd NOOP\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        assertEquals(SessionOutput.Action.START_COMPRESSION, r.action());
        assertEquals(1, r.output().size(), "only the OK: what follows is compressed, for the I/O layer to inflate");
    }

    @Test
    void compressRoundTripsThroughTheCodec() {
        ParsedCommand parsed = CommandParser.parse("a COMPRESS deflate");
        assertEquals(new ParsedCommand.Ok("a", new Command.Compress("DEFLATE")), parsed);
        assertEquals("a COMPRESS DEFLATE\r\n", CommandFormatter.format("a", new Command.Compress("DEFLATE")).text());
        assertEquals(List.of(SessionState.AUTHENTICATED, SessionState.SELECTED),
                List.copyOf(new java.util.TreeSet<>(CommandRules.validIn(Command.Compress.class))));
    }
}
