package org.maillab.simulator.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.mime.codec.Base64InputStream;
import org.maillab.mime.parse.MessageTree;
import org.maillab.mime.parse.MimeParser;
import org.maillab.mime.parse.Part;
import org.maillab.simulator.scenario.AttachmentSpec;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.run.StandardScenarios;

/** Generated messages, read back with the project's MIME parser. */
class MessageSourceTest {

    private static final MessageSource SOURCE = MessageSource.standard();

    private static GeneratedMessage message(List<AttachmentSpec> attachments) {
        return new GeneratedMessage("alice", 1, Duration.ofHours(3), "m1.test@maillab.sim", "bob@example.org",
                "Grüße: the clip", "m0.test@maillab.sim", 3000, attachments, 99);
    }

    private static byte[] bytes(GeneratedMessage m) throws Exception {
        try (InputStream in = SOURCE.open(m)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aTextMessageHasTheHeaderFieldsOfThePlanAndNoDefects() throws Exception {
        MessageTree tree = MimeParser.parse(bytes(message(List.of())));
        assertEquals(List.of(), tree.defects());
        assertEquals("Grüße: the clip", tree.envelope().decodedSubject());
        assertEquals("<m1.test@maillab.sim>", tree.envelope().messageId());
        assertEquals("<m0.test@maillab.sim>", tree.envelope().inReplyTo());
        assertEquals("text/plain", tree.root().contentType().mimeType());
    }

    @Test
    void attachmentsStreamAsBase64PartsThatDecodeToTheirPlannedSize() throws Exception {
        GeneratedMessage m = message(List.of(new AttachmentSpec("application/pdf", 100_000), new AttachmentSpec("video/mp4", 57)));
        byte[] raw = bytes(m);
        MessageTree tree = MimeParser.parse(raw);
        assertEquals(List.of(), tree.defects());
        List<Part> parts = tree.root().children();
        assertEquals(3, parts.size());
        assertEquals("text/plain", parts.get(0).contentType().mimeType());
        assertEquals("application/pdf", parts.get(1).contentType().mimeType());
        assertEquals("attachment1.pdf", parts.get(1).filename());
        for (int i = 1; i <= 2; i++) {
            Part p = parts.get(i);
            byte[] body = java.util.Arrays.copyOfRange(raw, (int) p.bodyStart(), (int) p.bodyEnd());
            long decoded = new Base64InputStream(new ByteArrayInputStream(body)).transferTo(OutputStream.nullOutputStream());
            assertEquals(m.attachments().get(i - 1).size(), decoded);
        }
    }

    @Test
    void theSameMessageGivesTheSameBytes() throws Exception {
        GeneratedMessage m = message(List.of(new AttachmentSpec("image/jpeg", 5000)));
        assertArrayEquals(bytes(m), bytes(m));
    }

    @Test
    void theTenMegabyteClipIsStreamedNotBuilt() throws Exception {
        Scenario hotel = StandardScenarios.load("hotel");
        GeneratedMessage clip = WorldPlan.of(hotel).messages().stream().filter(g -> !g.attachments().isEmpty())
                .findFirst().orElseThrow();
        long size;
        try (InputStream in = SOURCE.open(clip)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        // 10 MB in base64 lines of 76 characters plus CRLF: 4/3 × 78/76 of the raw size, plus headers and text
        assertTrue(size > 10L * 1024 * 1024 * 4 / 3 && size < 10L * 1024 * 1024 * 14 / 10, "size " + size);
    }
}
