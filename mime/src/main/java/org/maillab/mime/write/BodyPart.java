package org.maillab.mime.write;

import java.util.List;
import java.util.Map;

/**
 * The content of a message or body part to write: text, binary data, a multipart, or an embedded
 * message. Built with {@link MessageBuilder}'s helpers or directly.
 */
public sealed interface BodyPart permits BodyPart.Text, BodyPart.Binary, BodyPart.Multipart, BodyPart.Message {

    /** Extra header fields of this part (name, value), written after the MIME fields. */
    Map<String, String> extraHeaders();

    /**
     * Text ({@code text/SUBTYPE; charset=utf-8}, or us-ascii when it is ASCII). Line ends in the
     * text may be LF or CRLF; they are written as CRLF. Written as 7bit when every line is ASCII and
     * short, else quoted-printable.
     */
    record Text(String subtype, String text, Map<String, String> extraHeaders) implements BodyPart {
        public Text(String subtype, String text) {
            this(subtype, text, Map.of());
        }
    }

    /**
     * Binary data written as base64, with a Content-Disposition when {@code disposition} is not null.
     *
     * @param mimeType    e.g. {@code application/pdf}
     * @param filename    file name (may be non-ASCII: written with RFC 2231), or null
     * @param disposition {@code attachment}, {@code inline}, or null for none
     */
    record Binary(String mimeType, String filename, String disposition, byte[] data, Map<String, String> extraHeaders)
            implements BodyPart {
        public Binary(String mimeType, String filename, String disposition, byte[] data) {
            this(mimeType, filename, disposition, data, Map.of());
        }
    }

    /** A multipart ({@code mixed}, {@code alternative}, {@code related}, {@code digest}...) with a fresh boundary. */
    record Multipart(String subtype, List<BodyPart> parts, Map<String, String> extraHeaders) implements BodyPart {
        public Multipart(String subtype, List<BodyPart> parts) {
            this(subtype, parts, Map.of());
        }
    }

    /** An embedded message ({@code message/rfc822}), its bytes as they are. */
    record Message(byte[] message, Map<String, String> extraHeaders) implements BodyPart {
        public Message(byte[] message) {
            this(message, Map.of());
        }
    }
}
