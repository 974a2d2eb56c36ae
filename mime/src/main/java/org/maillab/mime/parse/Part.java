package org.maillab.mime.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.maillab.mime.codec.Base64InputStream;
import org.maillab.mime.codec.Charsets;
import org.maillab.mime.codec.QuotedPrintableInputStream;
import org.maillab.mime.header.ContentDisposition;
import org.maillab.mime.header.ContentType;
import org.maillab.mime.header.Header;
import org.maillab.mime.header.HeaderField;

/**
 * One entity of a parsed message: the message itself, a body part of a multipart, or the message
 * embedded in a {@code message/rfc822} part. It holds the header (all fields, raw and in order),
 * the effective content type, and byte offsets into the original message — never the body.
 *
 * <p>Offsets, for slicing the stored bytes (RFC 3501 §6.4.5 / RFC 9051 §6.4.5 names in brackets):
 * <pre>
 * headerStart ......... bodyStart ............. bodyEnd
 * |  header fields + blank line |  body (raw)      |
 * </pre>
 * For a body part, {@code [headerStart, bodyStart)} is {@code BODY[n.MIME]} and
 * {@code [bodyStart, bodyEnd)} is {@code BODY[n]}. For a message, {@code [headerStart, bodyStart)} is
 * {@code BODY[HEADER]} (or {@code BODY[n.HEADER]} for an embedded one) and the body range is
 * {@code BODY[TEXT]}. The line end before a boundary delimiter belongs to the delimiter
 * (RFC 2046 §5.1.1), so it is not inside {@code bodyEnd}. {@link #bodyLines()} counts the line ends in
 * the body range (IMAP's body "lines" for text/* and message/rfc822).
 *
 * <p>Part numbers ({@link #section()}) follow IMAP: the children of the top multipart are
 * {@code 1, 2, ...}; an embedded message has the number of the message/rfc822 part that holds it,
 * and its children continue from there ({@code 2.1}). Use {@link MessageTree#part(String)} to find a
 * part by number.
 */
public final class Part {

    /** What kind of entity this is. */
    public enum Kind {
        /** A message: the top one, or the one inside a message/rfc822 part. */
        MESSAGE,
        /** A body part of a multipart. */
        BODY_PART
    }

    private final Kind kind;
    private final String section;
    private final Header header;
    private final ContentType contentType;
    private final boolean contentTypeDefaulted;
    private final String transferEncoding;
    private final long headerStart;
    private final long bodyStart;
    private final long bodyEnd;
    private final long bodyLines;
    private final List<Part> children;
    private final Part message;
    private final List<Defect> defects;

    Part(Kind kind, String section, Header header, ContentType contentType, boolean contentTypeDefaulted,
            String transferEncoding, long headerStart, long bodyStart, long bodyEnd, long bodyLines,
            List<Part> children, Part message, List<Defect> defects) {
        this.kind = kind;
        this.section = section;
        this.header = header;
        this.contentType = contentType;
        this.contentTypeDefaulted = contentTypeDefaulted;
        this.transferEncoding = transferEncoding;
        this.headerStart = headerStart;
        this.bodyStart = bodyStart;
        this.bodyEnd = bodyEnd;
        this.bodyLines = bodyLines;
        this.children = List.copyOf(children);
        this.message = message;
        this.defects = List.copyOf(defects);
    }

    public Kind kind() {
        return kind;
    }

    /** The IMAP part number ({@code "2.1"}); empty for the top message. */
    public String section() {
        return section;
    }

    /** All header fields, raw, in order. */
    public Header header() {
        return header;
    }

    /** The effective Content-Type: as declared, or the default of RFC 2045 §5.2 / RFC 2046 §5.1.5. */
    public ContentType contentType() {
        return contentType;
    }

    /** True when there was no valid Content-Type and the default applies. */
    public boolean contentTypeDefaulted() {
        return contentTypeDefaulted;
    }

    /** Content-Transfer-Encoding in lower case; {@code 7bit} when absent (RFC 2045 §6.1). */
    public String transferEncoding() {
        return transferEncoding;
    }

    public long headerStart() {
        return headerStart;
    }

    public long bodyStart() {
        return bodyStart;
    }

    public long bodyEnd() {
        return bodyEnd;
    }

    /** Bytes of the header including the blank line after it. */
    public long headerSize() {
        return bodyStart - headerStart;
    }

    /** Bytes of the body as stored (still transfer-encoded): IMAP's body size. */
    public long bodySize() {
        return bodyEnd - bodyStart;
    }

    /** Line ends in the body as stored. */
    public long bodyLines() {
        return bodyLines;
    }

    /** The body parts of a multipart, in order; empty otherwise. */
    public List<Part> children() {
        return children;
    }

    /** For a message/rfc822 part: the embedded message, parsed. */
    public Optional<Part> message() {
        return Optional.ofNullable(message);
    }

    /** What the parser repaired in this entity (not in its children). */
    public List<Defect> defects() {
        return defects;
    }

    /** True if this entity's body was parsed as a multipart (children may still be empty). */
    public boolean isMultipart() {
        return contentType.isMultipart() && (!children.isEmpty() || hasBoundary());
    }

    private boolean hasBoundary() {
        String b = contentType.boundary();
        return b != null && !b.isEmpty() && defects.stream().noneMatch(d -> d.kind() == Defect.Kind.NESTING_TOO_DEEP
                || d.kind() == Defect.Kind.MISSING_BOUNDARY);
    }

    /** This part and every part below it, depth first (embedded messages included). */
    public Stream<Part> walk() {
        List<Part> out = new ArrayList<>();
        collect(this, out);
        return out.stream();
    }

    private static void collect(Part p, List<Part> out) {
        out.add(p);
        if (p.message != null) {
            collect(p.message, out);
        }
        for (Part c : p.children) {
            collect(c, out);
        }
    }

    // ------------------------------------------------------------------ MIME header fields

    /** Content-ID (RFC 2045 §7), unfolded, or null. */
    public String contentId() {
        return header.value("Content-ID");
    }

    /** Content-Description (RFC 2045 §8), unfolded as written (encoded words not decoded), or null. */
    public String contentDescription() {
        return header.value("Content-Description");
    }

    /** Content-MD5 (RFC 1864), or null. */
    public String contentMd5() {
        return header.value("Content-MD5");
    }

    /** Content-Location (RFC 2557 §4.2), unfolded with white space removed, or null. */
    public String contentLocation() {
        String v = header.value("Content-Location");
        return v == null ? null : v.replaceAll("\\s+", "");
    }

    /** Content-Language (RFC 3282): the language tags, in order; empty when absent. */
    public List<String> contentLanguage() {
        String v = header.value("Content-Language");
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String tag : v.replaceAll("\\([^)]*\\)", "").split(",")) {
                if (!tag.isBlank()) {
                    out.add(tag.strip());
                }
            }
        }
        return out;
    }

    /** Content-Disposition (RFC 2183), if present. */
    public Optional<ContentDisposition> contentDisposition() {
        return header.first("Content-Disposition").map(HeaderField::value).map(ContentDisposition::parse);
    }

    /** The file name: Content-Disposition's {@code filename}, else Content-Type's {@code name}. */
    public String filename() {
        String name = contentDisposition().map(ContentDisposition::filename).orElse(null);
        return name != null ? name : contentType.parameter("name");
    }

    // ------------------------------------------------------------------ body access

    /** The body as stored, from {@code source} (which must hold the message this tree came from). */
    public InputStream openRawBody(ByteSource source) throws IOException {
        return source.open(bodyStart, bodySize());
    }

    /** The body with its Content-Transfer-Encoding undone (base64, quoted-printable; others as they are). */
    public InputStream openDecodedBody(ByteSource source) throws IOException {
        InputStream raw = openRawBody(source);
        return switch (transferEncoding) {
            case "base64" -> new Base64InputStream(raw);
            case "quoted-printable" -> new QuotedPrintableInputStream(raw);
            default -> raw;
        };
    }

    /**
     * The body as text: transfer encoding undone, then decoded with the {@code charset} parameter.
     * A missing, {@code us-ascii} or unknown charset reads as ISO-8859-1, so that 8-bit bytes in
     * mislabelled mail stay visible (and searchable) instead of becoming U+FFFD.
     */
    public Reader openText(ByteSource source) throws IOException {
        return new InputStreamReader(openDecodedBody(source), textCharset());
    }

    /** The charset {@link #openText} uses. */
    public Charset textCharset() {
        Charset declared = Charsets.lookup(contentType.charset()).orElse(StandardCharsets.ISO_8859_1);
        return declared.equals(StandardCharsets.US_ASCII) ? StandardCharsets.ISO_8859_1 : declared;
    }

    Part withMoreDefects(List<Defect> more) {
        List<Defect> all = new ArrayList<>(defects);
        all.addAll(more);
        return new Part(kind, section, header, contentType, contentTypeDefaulted, transferEncoding, headerStart,
                bodyStart, bodyEnd, bodyLines, children, message, all);
    }

    @Override
    public String toString() {
        return (section.isEmpty() ? "message" : section) + " " + contentType.mimeType()
                + " header[" + headerStart + "," + bodyStart + ") body[" + bodyStart + "," + bodyEnd + ")";
    }
}
