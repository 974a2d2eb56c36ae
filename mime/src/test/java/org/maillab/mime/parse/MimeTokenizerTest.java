package org.maillab.mime.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.maillab.mime.parse.MimeTokenizer.Event.BODY;
import static org.maillab.mime.parse.MimeTokenizer.Event.END_BODYPART;
import static org.maillab.mime.parse.MimeTokenizer.Event.END_HEADER;
import static org.maillab.mime.parse.MimeTokenizer.Event.END_MESSAGE;
import static org.maillab.mime.parse.MimeTokenizer.Event.END_MULTIPART;
import static org.maillab.mime.parse.MimeTokenizer.Event.END_OF_STREAM;
import static org.maillab.mime.parse.MimeTokenizer.Event.EPILOGUE;
import static org.maillab.mime.parse.MimeTokenizer.Event.FIELD;
import static org.maillab.mime.parse.MimeTokenizer.Event.PREAMBLE;
import static org.maillab.mime.parse.MimeTokenizer.Event.START_BODYPART;
import static org.maillab.mime.parse.MimeTokenizer.Event.START_MESSAGE;
import static org.maillab.mime.parse.MimeTokenizer.Event.START_MULTIPART;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MimeTokenizerTest {

    private static final byte[] MESSAGE = MimeParserTest.crlf(
            "Subject: s",
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "pre",
            "--b",
            "Content-Type: message/rfc822",
            "",
            "Subject: inner",
            "",
            "inner body",
            "--b--",
            "epi",
            "");

    @Test
    void eventsFollowTheStructureAndEmbeddedMessagesNest() throws IOException {
        MimeTokenizer t = new MimeTokenizer(new ByteArrayInputStream(MESSAGE));
        List<MimeTokenizer.Event> events = new ArrayList<>();
        MimeTokenizer.Event e;
        do {
            e = t.next();
            if (events.isEmpty() || events.get(events.size() - 1) != e || (e != BODY && e != PREAMBLE && e != EPILOGUE)) {
                events.add(e);
            }
        } while (e != END_OF_STREAM);
        assertEquals(List.of(START_MESSAGE, FIELD, FIELD, END_HEADER, START_MULTIPART, PREAMBLE,
                START_BODYPART, FIELD, END_HEADER, START_MESSAGE, FIELD, END_HEADER, BODY, END_MESSAGE,
                END_BODYPART, EPILOGUE, END_MULTIPART, END_MESSAGE, END_OF_STREAM), events);
    }

    @Test
    void chunksAreTheRawBytesAndPositionsMarkThem() throws IOException {
        MimeTokenizer t = new MimeTokenizer(new ByteArrayInputStream(MESSAGE));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream epilogue = new ByteArrayOutputStream();
        long bodyStart = -1;
        long innerEnd = -1;
        for (MimeTokenizer.Event e = t.next(); e != END_OF_STREAM; e = t.next()) {
            if (e == BODY) {
                if (bodyStart < 0) {
                    bodyStart = t.position();
                }
                t.writeChunkTo(body);
            } else if (e == EPILOGUE) {
                t.writeChunkTo(epilogue);
            } else if (e == END_MESSAGE && innerEnd < 0) {
                innerEnd = t.position();
            } else if (e == FIELD) {
                assertEquals(new String(MESSAGE, (int) t.position(), t.field().rawLength(), StandardCharsets.US_ASCII),
                        new String(t.field().raw(), StandardCharsets.US_ASCII));
            }
        }
        assertEquals("inner body", body.toString(StandardCharsets.US_ASCII));
        assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII).indexOf("inner body"), bodyStart);
        assertEquals(bodyStart + "inner body".length(), innerEnd);
        // the line end after the close delimiter opens the epilogue (RFC 2046 §5.1.1 "[CRLF epilogue]")
        assertEquals("\r\nepi\r\n", epilogue.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void contentTypeAndEncodingAreKnownAtEndOfHeader() throws IOException {
        byte[] m = MimeParserTest.crlf("Content-Type: Text/HTML; charset=UTF-8", "Content-Transfer-Encoding: Base64 (x)", "", "");
        MimeTokenizer t = new MimeTokenizer(new ByteArrayInputStream(m));
        while (t.next() != END_HEADER) {
            // skip to the end of the header
        }
        assertEquals("text/html", t.contentType().mimeType());
        assertEquals("base64", t.transferEncoding());
        assertEquals(m.length, t.position()); // the body starts after the blank line
    }
}
