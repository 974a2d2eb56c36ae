package org.maillab.mime.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.maillab.mime.codec.Base64OutputStream;
import org.maillab.mime.codec.QuotedPrintableOutputStream;

/**
 * Writes messages: CRLF line ends, folded header fields, encoded words and RFC 2231 parameters where
 * needed, fresh boundaries from an {@link IdGenerator}, base64 for binary data and quoted-printable
 * for text that is not plain short ASCII. Output is deterministic for a seeded generator.
 */
public final class MessageWriter {

    /** RFC 5322 §2.1.1: a line MUST be at most 998 characters; 7bit text above that goes QP. */
    private static final int MAX_7BIT_LINE = 998;

    private MessageWriter() {
    }

    /** Writes the message {@code builder} describes. */
    public static void write(MessageBuilder builder, OutputStream out, IdGenerator ids) throws IOException {
        Map<String, String> header = builder.headerFields(ids);
        for (Map.Entry<String, String> field : header.entrySet()) {
            ascii(out, HeaderWriter.field(field.getKey(), field.getValue()));
        }
        writeEntity(builder.bodyPart(), out, ids);
    }

    /** Writes one entity: its MIME header fields, a blank line and its body. */
    public static void writeEntity(BodyPart part, OutputStream out, IdGenerator ids) throws IOException {
        if (part instanceof BodyPart.Text t) {
            writeText(t, out);
        } else if (part instanceof BodyPart.Binary b) {
            writeBinary(b, out);
        } else if (part instanceof BodyPart.Multipart m) {
            writeMultipart(m, out, ids);
        } else if (part instanceof BodyPart.Message m) {
            writeMessage(m, out);
        }
    }

    private static void writeText(BodyPart.Text t, OutputStream out) throws IOException {
        String text = t.text();
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            char c = text.charAt(i);
            ascii = c < 127 && (c >= 32 || c == '\n' || c == '\r' || c == '\t');
        }
        boolean sevenBit = ascii && longestLine(text) <= MAX_7BIT_LINE && !text.contains("\r") && !startsLineWithFrom(text);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("charset", ascii ? "us-ascii" : "utf-8");
        ascii(out, HeaderWriter.field("Content-Type", "text/" + t.subtype() + HeaderWriter.parameters(params)));
        ascii(out, HeaderWriter.field("Content-Transfer-Encoding", sevenBit ? "7bit" : "quoted-printable"));
        extra(out, t.extraHeaders());
        ascii(out, "\r\n");
        if (sevenBit) {
            ascii(out, text.replace("\n", "\r\n"));
        } else {
            QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(nonClosing(out), false);
            qp.write(text.getBytes(StandardCharsets.UTF_8));
            qp.finish();
        }
    }

    private static boolean startsLineWithFrom(String text) {
        return text.startsWith("From ") || text.contains("\nFrom ");
    }

    private static int longestLine(String text) {
        int longest = 0;
        for (String line : text.split("\n", -1)) {
            longest = Math.max(longest, line.length());
        }
        return longest;
    }

    private static void writeBinary(BodyPart.Binary b, OutputStream out) throws IOException {
        Map<String, String> typeParams = new LinkedHashMap<>();
        if (b.filename() != null) {
            typeParams.put("name", b.filename());
        }
        ascii(out, HeaderWriter.field("Content-Type", b.mimeType() + HeaderWriter.parameters(typeParams)));
        ascii(out, HeaderWriter.field("Content-Transfer-Encoding", "base64"));
        if (b.disposition() != null) {
            Map<String, String> dispParams = new LinkedHashMap<>();
            if (b.filename() != null) {
                dispParams.put("filename", b.filename());
            }
            ascii(out, HeaderWriter.field("Content-Disposition", b.disposition() + HeaderWriter.parameters(dispParams)));
        }
        extra(out, b.extraHeaders());
        ascii(out, "\r\n");
        Base64OutputStream base64 = new Base64OutputStream(nonClosing(out));
        base64.write(b.data());
        base64.finish();
    }

    private static void writeMultipart(BodyPart.Multipart m, OutputStream out, IdGenerator ids) throws IOException {
        String boundary = ids.boundary();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("boundary", boundary);
        ascii(out, HeaderWriter.field("Content-Type", "multipart/" + m.subtype() + HeaderWriter.parameters(params)));
        extra(out, m.extraHeaders());
        ascii(out, "\r\n");
        boolean first = true;
        for (BodyPart part : m.parts()) {
            // RFC 2046 §5.1.1: the CRLF before "--boundary" belongs to the delimiter
            ascii(out, (first ? "--" : "\r\n--") + boundary + "\r\n");
            first = false;
            writeEntity(part, out, ids);
        }
        ascii(out, "\r\n--" + boundary + "--\r\n");
    }

    private static void writeMessage(BodyPart.Message m, OutputStream out) throws IOException {
        boolean eightBit = false;
        for (byte b : m.message()) {
            if (b < 0) {
                eightBit = true;
                break;
            }
        }
        ascii(out, HeaderWriter.field("Content-Type", "message/rfc822"));
        ascii(out, HeaderWriter.field("Content-Transfer-Encoding", eightBit ? "8bit" : "7bit"));
        extra(out, m.extraHeaders());
        ascii(out, "\r\n");
        out.write(m.message());
    }

    private static void extra(OutputStream out, Map<String, String> fields) throws IOException {
        for (Map.Entry<String, String> f : fields.entrySet()) {
            ascii(out, HeaderWriter.field(f.getKey(), f.getValue()));
        }
    }

    private static void ascii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
