package org.maillab.mime.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a message to write: envelope fields, a text (and optionally HTML) body, attachments.
 *
 * <pre>{@code
 * byte[] mail = new MessageBuilder()
 *         .from("Ann Example", "ann@example.org")
 *         .to("Bob", "bob@example.net")
 *         .subject("Grüße")
 *         .date(OffsetDateTime.parse("2024-05-14T09:30:00+02:00"))
 *         .text("Hello Bob,\nsee the attachment.\n")
 *         .attach("report.pdf", "application/pdf", pdfBytes)
 *         .toBytes(IdGenerator.seeded(42));
 * }</pre>
 *
 * The structure follows what mail clients send: text only; {@code multipart/alternative} for text
 * plus HTML; {@code multipart/mixed} around it when there are attachments.
 */
public final class MessageBuilder {

    private final List<String[]> headers = new ArrayList<>();
    private final List<String> from = new ArrayList<>();
    private final List<String> to = new ArrayList<>();
    private final List<String> cc = new ArrayList<>();
    private String subject;
    private OffsetDateTime date;
    private String messageId;
    private String domain = "maillab.invalid";
    private String text;
    private String html;
    private final List<BodyPart> attachments = new ArrayList<>();
    private BodyPart body;

    /** Adds a From mailbox (display name may be null or non-ASCII). */
    public MessageBuilder from(String displayName, String address) {
        from.add(HeaderWriter.mailbox(displayName, address));
        domain = domainOf(address, domain);
        return this;
    }

    /** Adds a To mailbox. */
    public MessageBuilder to(String displayName, String address) {
        to.add(HeaderWriter.mailbox(displayName, address));
        return this;
    }

    /** Adds a Cc mailbox. */
    public MessageBuilder cc(String displayName, String address) {
        cc.add(HeaderWriter.mailbox(displayName, address));
        return this;
    }

    /** The Subject (any Unicode: written with encoded words when needed). */
    public MessageBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** The Date (required by RFC 5322 §3.6; the writer needs it to stay deterministic). */
    public MessageBuilder date(OffsetDateTime date) {
        this.date = date;
        return this;
    }

    /** A fixed Message-ID (with angle brackets); otherwise the {@link IdGenerator} makes one. */
    public MessageBuilder messageId(String messageId) {
        this.messageId = messageId;
        return this;
    }

    /** Any other header field, written as given (ASCII), after the standard ones. */
    public MessageBuilder header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** The plain text body. */
    public MessageBuilder text(String text) {
        this.text = text;
        return this;
    }

    /** An HTML alternative to the text body. */
    public MessageBuilder html(String html) {
        this.html = html;
        return this;
    }

    /** An attachment, written as base64 with {@code Content-Disposition: attachment}. */
    public MessageBuilder attach(String filename, String mimeType, byte[] data) {
        attachments.add(new BodyPart.Binary(mimeType, filename, "attachment", data));
        return this;
    }

    /** A forwarded message as a {@code message/rfc822} attachment. */
    public MessageBuilder attachMessage(byte[] message) {
        attachments.add(new BodyPart.Message(message));
        return this;
    }

    /** Replaces the whole body structure (text, html and attachments are then ignored). */
    public MessageBuilder body(BodyPart body) {
        this.body = body;
        return this;
    }

    /** The body structure this builder describes. */
    public BodyPart bodyPart() {
        if (body != null) {
            return body;
        }
        BodyPart main = new BodyPart.Text("plain", text == null ? "" : text);
        if (html != null) {
            main = new BodyPart.Multipart("alternative", List.of(main, new BodyPart.Text("html", html)));
        }
        if (attachments.isEmpty()) {
            return main;
        }
        List<BodyPart> parts = new ArrayList<>();
        parts.add(main);
        parts.addAll(attachments);
        return new BodyPart.Multipart("mixed", parts);
    }

    /** The top-level header fields, in order (without the MIME fields of the body). */
    public Map<String, String> headerFields(IdGenerator ids) {
        Map<String, String> out = new LinkedHashMap<>();
        if (date != null) {
            out.put("Date", DateFormat.format(date));
        }
        if (!from.isEmpty()) {
            out.put("From", String.join(", ", from));
        }
        if (!to.isEmpty()) {
            out.put("To", String.join(", ", to));
        }
        if (!cc.isEmpty()) {
            out.put("Cc", String.join(", ", cc));
        }
        if (subject != null) {
            out.put("Subject", HeaderWriter.unstructured(subject));
        }
        out.put("Message-ID", messageId != null ? messageId : ids.messageId(domain));
        for (String[] h : headers) {
            out.put(h[0], h[1]);
        }
        out.put("MIME-Version", "1.0");
        return out;
    }

    /** Writes the message into a byte array. */
    public byte[] toBytes(IdGenerator ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageWriter.write(this, out, ids);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    private static String domainOf(String address, String fallback) {
        int at = address.lastIndexOf('@');
        return at >= 0 && at + 1 < address.length() ? address.substring(at + 1) : fallback;
    }
}
