package org.maillab.imap.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.maillab.imap.codec.Address;
import org.maillab.imap.codec.BodyStructure;
import org.maillab.imap.codec.Envelope;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Literal;
import org.maillab.mailstore.MessageContent;
import org.maillab.mime.header.ContentDisposition;
import org.maillab.mime.header.Header;
import org.maillab.mime.header.Parameters;
import org.maillab.mime.parse.ByteSource;
import org.maillab.mime.parse.MessageTree;
import org.maillab.mime.parse.Part;

/**
 * ENVELOPE, BODYSTRUCTURE, part ranges and BINARY (RFC 9051 §7.5.2, RFC 3516) from the mime module's
 * tree of a message. Part bytes are sliced from the store by the offsets the tree records.
 */
final class MimeStructure implements FetchResponder.StructureSource {

    private final StructureCache cache;
    private final String keyPrefix;

    /** @param keyPrefix names the mailbox and its UIDVALIDITY, so cache keys are unique per message */
    MimeStructure(StructureCache cache, String keyPrefix) {
        this.cache = cache;
        this.keyPrefix = keyPrefix;
    }

    MessageTree tree(long uid, MessageContent content) {
        return cache.tree(keyPrefix + uid, content);
    }

    /** The header fields SORT and THREAD use, read from the header block only, once per message. */
    org.maillab.imap.sort.SortHeader sortHeader(long uid, java.util.function.Supplier<MessageContent> content) {
        return cache.sortHeaders.get(keyPrefix + uid, () -> SortCommands.readHeader(content.get()));
    }

    static ByteSource source(MessageContent content) {
        return content::open;
    }

    @Override
    public Optional<FetchData> item(long uid, MessageContent content, FetchAttribute attribute) {
        MessageTree tree = tree(uid, content);
        if (attribute instanceof FetchAttribute.Simple s) {
            return switch (s.item()) {
                case ENVELOPE -> Optional.of(new FetchData.EnvelopeData(envelope(tree.root().header())));
                case BODYSTRUCTURE -> Optional.of(new FetchData.Structure(structure(tree.root(), true,
                        source(content)), true));
                case BODY -> Optional.of(new FetchData.Structure(structure(tree.root(), false, source(content)),
                        false));
                default -> Optional.empty();
            };
        }
        if (attribute instanceof FetchAttribute.Binary b) {
            return binaryPart(tree, b.part()).map(p -> {
                Literal decoded = decoded(p, content);
                Literal sliced = decoded;
                OptionalLong origin = OptionalLong.empty();
                if (b.partial().isPresent()) {
                    long off = Math.min(b.partial().get().offset(), decoded.size());
                    long len = Math.min(b.partial().get().length(), decoded.size() - off);
                    sliced = Literal.ofStream(len, () -> skipAndLimit(decoded.open(), off, len));
                    origin = OptionalLong.of(b.partial().get().offset());
                }
                return new FetchData.Binary(b.part(), origin, Optional.of(sliced));
            });
        }
        if (attribute instanceof FetchAttribute.BinarySize b) {
            return binaryPart(tree, b.part()).map(p -> new FetchData.BinarySize(b.part(), decoded(p, content).size()));
        }
        return Optional.empty();
    }

    private static Optional<Part> binaryPart(MessageTree tree, List<Integer> path) {
        return tree.part(join(path));
    }

    /** The part's body with its transfer encoding undone; its size is counted by one streaming pass. */
    private static Literal decoded(Part p, MessageContent content) {
        ByteSource source = source(content);
        long size;
        try (InputStream in = p.openDecodedBody(source)) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Literal.ofStream(size, () -> {
            try {
                return p.openDecodedBody(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static InputStream skipAndLimit(InputStream in, long skip, long length) {
        try {
            in.skipNBytes(skip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteSource.limit(in, length);
    }

    @Override
    public Optional<FetchResponder.PartRange> part(long uid, MessageContent content, List<Integer> path) {
        MessageTree tree = tree(uid, content);
        return tree.part(join(path)).map(p -> new FetchResponder.PartRange(p.headerStart(), p.headerSize(),
                p.bodyStart(), p.bodySize(), p.message().isPresent()));
    }

    private static String join(List<Integer> path) {
        StringBuilder sb = new StringBuilder();
        for (int n : path) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(n);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- ENVELOPE

    /** RFC 9051 §7.5.2: Sender and Reply-To default to From. */
    static Envelope envelope(Header header) {
        org.maillab.mime.header.Envelope e = org.maillab.mime.header.Envelope.of(header);
        List<Address> from = addresses(e.fromAddresses());
        List<Address> sender = e.sender() == null ? from : addresses(e.senderAddresses());
        List<Address> replyTo = e.replyTo() == null ? from : addresses(e.replyToAddresses());
        return new Envelope(opt(e.date()), opt(e.subject()), from, sender.isEmpty() ? from : sender,
                replyTo.isEmpty() ? from : replyTo, addresses(e.toAddresses()), addresses(e.ccAddresses()),
                addresses(e.bccAddresses()), opt(e.inReplyTo()), opt(e.messageId()));
    }

    private static List<Address> addresses(List<org.maillab.mime.header.Address> list) {
        List<Address> out = new ArrayList<>();
        for (org.maillab.mime.header.Address.EnvelopeAddress a : org.maillab.mime.header.Address.toEnvelope(list)) {
            out.add(new Address(opt(a.name()), opt(a.adl()), opt(a.mailbox()), opt(a.host())));
        }
        return out;
    }

    private static Optional<String> opt(String s) {
        return Optional.ofNullable(s);
    }

    // ---------------------------------------------------------------- BODYSTRUCTURE

    /** The structure of a part; for a message (top or embedded), of its body. */
    static BodyStructure structure(Part p, boolean extensible, ByteSource source) {
        if (p.isMultipart() && !p.children().isEmpty()) {
            List<BodyStructure> parts = new ArrayList<>();
            for (Part child : p.children()) {
                parts.add(structure(child, extensible, source));
            }
            Optional<BodyStructure.MultiExtension> ext = extensible
                    ? Optional.of(new BodyStructure.MultiExtension(params(p.contentType().parameters()),
                            disposition(p), p.contentLanguage(), opt(p.contentLocation())))
                    : Optional.empty();
            return new BodyStructure.Multi(parts, upper(p.contentType().subtype()), ext);
        }
        String type = upper(p.contentType().type());
        String subtype = upper(p.contentType().subtype());
        OptionalLong lines = OptionalLong.empty();
        Optional<BodyStructure.Embedded> embedded = Optional.empty();
        if (p.message().isPresent()) {
            Part inner = p.message().get();
            embedded = Optional.of(new BodyStructure.Embedded(envelope(inner.header()), structure(inner, extensible,
                    source), lines(p, source)));
        } else if (type.equals("TEXT")) {
            lines = OptionalLong.of(lines(p, source));
        }
        if (p.isMultipart()) {
            // A multipart without parts (broken boundary): describe it as an opaque part.
            type = "APPLICATION";
            subtype = "OCTET-STREAM";
        }
        Optional<BodyStructure.SingleExtension> ext = extensible
                ? Optional.of(new BodyStructure.SingleExtension(opt(p.contentMd5()), disposition(p),
                        p.contentLanguage(), opt(p.contentLocation())))
                : Optional.empty();
        String encoding = p.transferEncoding() == null ? "7BIT" : upper(p.transferEncoding());
        return new BodyStructure.Single(type, subtype, params(p.contentType().parameters()), opt(p.contentId()),
                opt(p.contentDescription()), encoding, p.bodySize(), lines, embedded, ext);
    }

    /**
     * Text lines of a body (RFC 9051 §7.5.2 body-fld-lines): its line ends, plus a last line that has
     * none (the CRLF before a boundary belongs to the boundary, RFC 2046 §5.1.1).
     */
    private static long lines(Part p, ByteSource source) {
        if (p.bodySize() == 0) {
            return 0;
        }
        try (InputStream in = source.open(p.bodyEnd() - 1, 1)) {
            return p.bodyLines() + (in.read() == '\n' ? 0 : 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<BodyStructure.Param> params(Parameters parameters) {
        List<BodyStructure.Param> out = new ArrayList<>();
        for (Parameters.Parameter p : parameters.list()) {
            out.add(new BodyStructure.Param(upper(p.name()), p.value()));
        }
        return out;
    }

    private static Optional<BodyStructure.Disposition> disposition(Part p) {
        Optional<ContentDisposition> d = p.contentDisposition();
        return d.map(x -> new BodyStructure.Disposition(upper(x.type()), params(x.parameters())));
    }

    private static String upper(String s) {
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }
}
