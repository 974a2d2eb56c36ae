package org.maillab.simulator.world;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.maillab.simulator.scenario.AttachmentSpec;

/**
 * A small, self-contained message writer: a text/plain message, or multipart/mixed with one text
 * part and base64 attachments. Deliberately minimal; the {@code mime} module's writer is the real one.
 */
final class SimpleMessageSource implements MessageSource {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public InputStream open(GeneratedMessage m) {
        String boundary = "=_maillab_" + Long.toHexString(m.contentSeed());
        StringBuilder h = new StringBuilder();
        h.append("Date: ").append(DATE.format(VirtualClock.at(m.arrival()))).append("\r\n");
        h.append("From: ").append(m.from()).append("\r\n");
        h.append("To: ").append(m.account()).append("@maillab.sim\r\n");
        h.append("Subject: ").append(encodeWord(m.subject())).append("\r\n");
        h.append("Message-ID: <").append(m.messageId()).append(">\r\n");
        if (!m.inReplyTo().isEmpty()) {
            h.append("In-Reply-To: <").append(m.inReplyTo()).append(">\r\n");
            h.append("References: <").append(m.inReplyTo()).append(">\r\n");
        }
        h.append("MIME-Version: 1.0\r\n");
        List<InputStream> parts = new ArrayList<>();
        if (m.attachments().isEmpty()) {
            h.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
            parts.add(ascii(h));
            parts.add(new GeneratedText(m.textSize(), m.contentSeed()));
        } else {
            h.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
            h.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
            parts.add(ascii(h));
            parts.add(new GeneratedText(m.textSize(), m.contentSeed()));
            int n = 0;
            for (AttachmentSpec a : m.attachments()) {
                n++;
                String name = "attachment" + n + extension(a.contentType());
                parts.add(ascii(new StringBuilder("\r\n--").append(boundary).append("\r\nContent-Type: ")
                        .append(a.contentType()).append("; name=\"").append(name)
                        .append("\"\r\nContent-Disposition: attachment; filename=\"").append(name)
                        .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")));
                parts.add(new GeneratedBase64(a.size(), m.contentSeed() + n));
            }
            parts.add(ascii(new StringBuilder("\r\n--").append(boundary).append("--\r\n")));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static String extension(String contentType) {
        String sub = contentType.substring(contentType.indexOf('/') + 1);
        return "." + sub.replaceAll("[^A-Za-z0-9]", "");
    }

    private static InputStream ascii(CharSequence text) {
        return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 2047 encoded word when the subject is not plain ASCII. */
    static String encodeWord(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
