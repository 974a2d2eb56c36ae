package org.maillab.simulator.world;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.maillab.mime.write.BodyPart;
import org.maillab.mime.write.IdGenerator;
import org.maillab.mime.write.MessageBuilder;
import org.maillab.mime.write.MessageWriter;
import org.maillab.simulator.scenario.AttachmentSpec;

/**
 * Writes planned messages with the {@code mime} module's {@link MessageWriter} (header fields, encoded
 * words, the text part, seeded boundaries), and streams the attachments after it.
 *
 * <p>The writer takes attachments as byte arrays; a 10 MB clip must not be held in memory, so the
 * writer is given a {@code multipart/mixed} holding the text part only, its closing delimiter is cut
 * off, and each attachment follows as a base64 part generated line by line, then the closing
 * delimiter again (RFC 2046 §5.1.1). Deterministic: the boundary and the content come from the
 * message's seed.
 */
final class MimeMessageSource implements MessageSource {

    @Override
    public InputStream open(GeneratedMessage m) {
        RecordingIds ids = new RecordingIds(IdGenerator.seeded(m.contentSeed()));
        MessageBuilder builder = new MessageBuilder()
                .from(null, m.from())
                .to(null, m.account() + "@maillab.sim")
                .subject(m.subject())
                .date(VirtualClock.at(m.arrival()).atOffset(ZoneOffset.UTC))
                .messageId("<" + m.messageId() + ">");
        if (!m.inReplyTo().isEmpty()) {
            builder.header("In-Reply-To", "<" + m.inReplyTo() + ">").header("References", "<" + m.inReplyTo() + ">");
        }
        BodyPart text = new BodyPart.Text("plain", text(m));
        if (m.attachments().isEmpty()) {
            return new ByteArrayInputStream(write(builder.body(text), ids));
        }
        byte[] head = write(builder.body(new BodyPart.Multipart("mixed", List.of(text))), ids);
        byte[] closing = ("\r\n--" + ids.lastBoundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        if (!endsWith(head, closing)) {
            throw new IllegalStateException("the mime writer's multipart did not end with its closing delimiter");
        }
        List<InputStream> parts = new ArrayList<>();
        parts.add(new ByteArrayInputStream(head, 0, head.length - closing.length));
        int n = 0;
        for (AttachmentSpec a : m.attachments()) {
            n++;
            String name = "attachment" + n + "." + a.contentType().substring(a.contentType().indexOf('/') + 1)
                    .replaceAll("[^A-Za-z0-9]", "");
            parts.add(ascii("\r\n--" + ids.lastBoundary + "\r\nContent-Type: " + a.contentType() + "; name=\"" + name
                    + "\"\r\nContent-Disposition: attachment; filename=\"" + name
                    + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
            parts.add(new GeneratedBase64(a.size(), m.contentSeed() + n));
        }
        // GeneratedBase64 ends each line with CRLF; the delimiter's own CRLF makes an empty line, which
        // base64 decoders ignore, so the closing delimiter is written without it.
        parts.add(ascii("--" + ids.lastBoundary + "--\r\n"));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static String text(GeneratedMessage m) {
        try (InputStream in = new GeneratedText(m.textSize(), m.contentSeed())) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(MessageBuilder builder, IdGenerator ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageWriter.write(builder, out, ids);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length
                && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }

    private static InputStream ascii(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Passes the seeded generator through, remembering the boundary it gave. */
    private static final class RecordingIds implements IdGenerator {
        private final IdGenerator delegate;
        String lastBoundary;

        RecordingIds(IdGenerator delegate) {
            this.delegate = delegate;
        }

        @Override
        public String boundary() {
            lastBoundary = delegate.boundary();
            return lastBoundary;
        }

        @Override
        public String messageId(String domain) {
            return delegate.messageId(domain);
        }
    }
}
