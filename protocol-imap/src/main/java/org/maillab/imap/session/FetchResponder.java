package org.maillab.imap.session;

import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.Partial;
import org.maillab.imap.codec.Section;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.MessageInfo;

/**
 * Builds the data items of one FETCH response (RFC 9051 §6.4.5, §7.5.2). Message octets are never
 * copied: sections become literals that open the stored bytes at the right offset when written.
 * Structure items (ENVELOPE, BODYSTRUCTURE, part numbers) come from a {@link StructureSource}.
 */
final class FetchResponder {

    /** What the session has for MIME structure; absent until the mime module is wired in. */
    interface StructureSource {
        Optional<FetchData> item(long uid, MessageContent content, FetchAttribute attribute);

        /** A part's byte range and its MIME header range: for BODY[1.2], BODY[1.2.MIME], ... */
        Optional<PartRange> part(long uid, MessageContent content, List<Integer> path);
    }

    /** Where a part lies: its MIME header and its body, as offsets into the message. */
    record PartRange(long headerOffset, long headerLength, long bodyOffset, long bodyLength, boolean isMessage) {
    }

    /** Thrown for an item this session cannot serve; the command then fails with NO. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private final Mailbox view;
    private final StructureSource structure;

    FetchResponder(Mailbox view, StructureSource structure) {
        this.view = view;
        this.structure = structure;
    }

    /** Whether answering these items marks the message \Seen (non-PEEK body items, RFC822, RFC822.TEXT). */
    static boolean setsSeen(List<FetchAttribute> items) {
        for (FetchAttribute a : items) {
            if (a instanceof FetchAttribute.Body b && !b.peek()) {
                return true;
            }
            if (a instanceof FetchAttribute.Binary b && !b.peek()) {
                return true;
            }
            if (a instanceof FetchAttribute.Simple s && (s.item() == FetchAttribute.Item.RFC822
                    || s.item() == FetchAttribute.Item.RFC822_TEXT)) {
                return true;
            }
        }
        return false;
    }

    /** The data items for one message, FLAGS excluded (the session adds them with its view of flags). */
    List<FetchData> items(MessageInfo info, List<FetchAttribute> attributes) throws Unsupported {
        List<FetchData> out = new ArrayList<>();
        MessageContent content = null;
        HeaderBlock header = null;
        for (FetchAttribute a : attributes) {
            if (a instanceof FetchAttribute.Simple s) {
                switch (s.item()) {
                    case FLAGS, UID -> { } // added by the session
                    case INTERNALDATE -> out.add(new FetchData.InternalDate(
                            info.internalDate().atOffset(ZoneOffset.UTC).withNano(0)));
                    case RFC822_SIZE -> out.add(new FetchData.Rfc822Size(info.size()));
                    case RFC822 -> {
                        content = content != null ? content : view.content(info.uid());
                        out.add(new FetchData.Rfc822(s.item(), Optional.of(slice(content, 0, content.size()))));
                    }
                    case RFC822_HEADER, RFC822_TEXT -> {
                        content = content != null ? content : view.content(info.uid());
                        header = header != null ? header : HeaderBlock.read(content);
                        Literal lit = s.item() == FetchAttribute.Item.RFC822_HEADER
                                ? slice(content, 0, header.length())
                                : slice(content, header.length(), content.size() - header.length());
                        out.add(new FetchData.Rfc822(s.item(), Optional.of(lit)));
                    }
                    case ENVELOPE, BODY, BODYSTRUCTURE -> {
                        content = content != null ? content : view.content(info.uid());
                        out.add(structure.item(info.uid(), content, a)
                                .orElseThrow(() -> new Unsupported(s.item().wire() + " is not available")));
                    }
                }
            } else if (a instanceof FetchAttribute.Body b) {
                content = content != null ? content : view.content(info.uid());
                out.add(bodySection(info, content, b));
            } else {
                content = content != null ? content : view.content(info.uid());
                MessageContent c = content;
                out.add(structure.item(info.uid(), c, a)
                        .orElseThrow(() -> new Unsupported("BINARY is not available")));
            }
        }
        return out;
    }

    private FetchData bodySection(MessageInfo info, MessageContent content, FetchAttribute.Body b)
            throws Unsupported {
        Section s = b.section();
        long base = 0;
        long extent = content.size();
        long headerOffset = 0;
        long headerLength = -1;
        if (!s.part().isEmpty()) {
            Optional<PartRange> part = structure.part(info.uid(), content, s.part());
            if (part.isEmpty()) {
                // RFC 9051 §6.4.5: a part that does not exist is an empty string... we answer NIL-free empty
                return new FetchData.BodySection(s, origin(b.partial()), Optional.of(Literal.of(new byte[0])));
            }
            PartRange p = part.get();
            if (s.text() == Section.Text.MIME) {
                return sectionOf(content, s, p.headerOffset(), p.headerLength(), b.partial());
            }
            base = p.bodyOffset();
            extent = p.bodyLength();
            if (s.text() == Section.Text.ALL) {
                return sectionOf(content, s, base, extent, b.partial());
            }
            if (!p.isMessage()) {
                // HEADER/TEXT of a part only exist for message/rfc822 parts
                return new FetchData.BodySection(s, origin(b.partial()), Optional.of(Literal.of(new byte[0])));
            }
        }
        if (s.text() == Section.Text.ALL) {
            return sectionOf(content, s, base, extent, b.partial());
        }
        HeaderBlock header = HeaderBlock.read(content.open(base, extent));
        headerOffset = base;
        headerLength = header.length();
        return switch (s.text()) {
            case HEADER -> sectionOf(content, s, headerOffset, headerLength, b.partial());
            case TEXT -> sectionOf(content, s, base + headerLength, extent - headerLength, b.partial());
            case HEADER_FIELDS, HEADER_FIELDS_NOT -> {
                byte[] selected = header.select(s.fields(), s.text() == Section.Text.HEADER_FIELDS_NOT);
                yield new FetchData.BodySection(s, origin(b.partial()), Optional.of(partialOf(selected,
                        b.partial())));
            }
            default -> throw new Unsupported("section " + s.wire());
        };
    }

    private static OptionalLong origin(Optional<Partial> partial) {
        return partial.map(p -> OptionalLong.of(p.offset())).orElse(OptionalLong.empty());
    }

    private static FetchData sectionOf(MessageContent content, Section s, long offset, long length,
            Optional<Partial> partial) {
        long start = offset;
        long len = Math.max(0, length);
        if (partial.isPresent()) {
            Partial p = partial.get();
            long skip = Math.min(p.offset(), len);
            start = offset + skip;
            len = Math.min(p.length(), len - skip);
        }
        return new FetchData.BodySection(s, origin(partial), Optional.of(slice(content, start, len)));
    }

    private static Literal partialOf(byte[] bytes, Optional<Partial> partial) {
        if (partial.isEmpty()) {
            return Literal.of(bytes);
        }
        Partial p = partial.get();
        int from = (int) Math.min(p.offset(), bytes.length);
        int to = (int) Math.min((long) from + p.length(), bytes.length);
        return Literal.of(java.util.Arrays.copyOfRange(bytes, from, to));
    }

    /**
     * The items with their literals opened now ({@link Literal#retain()}), so the message's octets stay
     * readable until sent even if another session expunges it meanwhile (RFC 2180 §4.1.1). If one cannot
     * be opened (the message is gone: {@code MailStoreException}), those already opened are released.
     */
    static List<FetchData> retain(List<FetchData> items) {
        List<FetchData> out = new ArrayList<>(items.size());
        try {
            for (FetchData d : items) {
                out.add(retain(d));
            }
        } catch (RuntimeException e) {
            release(out);
            throw e;
        }
        return out;
    }

    private static FetchData retain(FetchData d) {
        if (d instanceof FetchData.BodySection b && b.content().isPresent()) {
            return new FetchData.BodySection(b.section(), b.origin(), Optional.of(b.content().get().retain()));
        } else if (d instanceof FetchData.Rfc822 r && r.content().isPresent()) {
            return new FetchData.Rfc822(r.item(), Optional.of(r.content().get().retain()));
        } else if (d instanceof FetchData.Binary b && b.content().isPresent()) {
            return new FetchData.Binary(b.part(), b.origin(), Optional.of(b.content().get().retain()));
        }
        return d;
    }

    /** Frees what {@link #retain} opened. */
    static void release(List<FetchData> items) {
        for (FetchData d : items) {
            if (d instanceof FetchData.BodySection b) {
                b.content().ifPresent(Literal::release);
            } else if (d instanceof FetchData.Rfc822 r) {
                r.content().ifPresent(Literal::release);
            } else if (d instanceof FetchData.Binary b) {
                b.content().ifPresent(Literal::release);
            }
        }
    }

    /** A literal over stored octets, opened when written (or when {@link #retain retained}). */
    static Literal slice(MessageContent content, long offset, long length) {
        if (length <= 0) {
            return Literal.ofStream(0, () -> new ByteArrayInputStream(new byte[0]));
        }
        return Literal.ofStream(length, () -> content.open(offset, length));
    }
}
