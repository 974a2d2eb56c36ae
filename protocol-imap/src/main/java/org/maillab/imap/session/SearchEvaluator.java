package org.maillab.imap.session;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.maillab.imap.codec.SearchKey;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageContent;
import org.maillab.mime.codec.EncodedWords;
import org.maillab.mime.header.Address;
import org.maillab.mime.header.AddressParser;
import org.maillab.mime.parse.ByteSource;
import org.maillab.mime.parse.MessageTree;
import org.maillab.mime.parse.Part;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.SystemFlag;

/**
 * Decides whether one message matches a search (RFC 9051 §6.4.4). Header and body are read only when a
 * key needs them, and at most once per message. String matching is case-insensitive substring matching
 * (RFC 9051 §6.4.4: "case-insensitive ... substring").
 */
final class SearchEvaluator {

    private final Mailbox view;
    private final SelectedMailbox selected;
    private final Set<Long> recent;

    private final MimeStructure mime;

    SearchEvaluator(Mailbox view, SelectedMailbox selected, MimeStructure mime) {
        this.view = view;
        this.selected = selected;
        this.recent = view.recent();
        this.mime = mime;
    }

    /** One message under evaluation; header and body are loaded on first use. */
    final class Candidate {
        final int seq;
        final MessageInfo info;
        private HeaderBlock header;

        Candidate(int seq, MessageInfo info) {
            this.seq = seq;
            this.info = info;
        }

        HeaderBlock header() {
            if (header == null) {
                header = HeaderBlock.read(view.content(info.uid()));
            }
            return header;
        }

        /**
         * Whether the header values (encoded words decoded) or the decoded body contain the needle
         * (TEXT, RFC 9051 §6.4.4).
         */
        boolean textContains(String needle) {
            StreamMatcher m = new StreamMatcher(needle);
            for (HeaderBlock.Field f : header().fields()) {
                if (m.feed(f.name() + ": " + EncodedWords.decode(f.value()) + "\n")) {
                    return true;
                }
            }
            return bodyContains(m);
        }

        /** Whether the decoded body contains the needle (BODY, RFC 9051 §6.4.4). */
        boolean bodyContains(String needle) {
            return bodyContains(new StreamMatcher(needle));
        }

        /**
         * Streams the body as a reader would see it into the matcher: every text part with its transfer
         * encoding and charset undone (RFC 9051 §6.4.4 "decoded"), messages inside message/rfc822 parts
         * included, parts separated by a line break. Decoding stops at the first match; no part is
         * ever held in memory whole.
         */
        private boolean bodyContains(StreamMatcher m) {
            if (m.found()) {
                return true;
            }
            MessageContent content = view.content(info.uid());
            MessageTree tree = mime.tree(info.uid(), content);
            ByteSource source = MimeStructure.source(content);
            List<Part> texts = tree.root().walk().filter(p -> !p.isMultipart() && p.message().isEmpty()
                    && (p.contentType().isText() || p.contentTypeDefaulted())).toList();
            for (Part p : texts) {
                try (Reader r = p.openText(source)) {
                    if (m.feed(r) || m.feed("\n")) {
                        return true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    Candidate candidate(int seq, MessageInfo info) {
        return new Candidate(seq, info);
    }

    /**
     * Whether the message matches all keys. A message that another session expunged after the search
     * listed the mailbox (its bytes are gone when a key reads them) matches nothing, and the search goes
     * on: RFC 2180 §4.3, a SEARCH ignores expunged messages and still completes with OK.
     */
    boolean matchesMessage(List<SearchKey> keys, Candidate c) {
        try {
            return matches(keys, c);
        } catch (MailStoreException e) {
            if (e.reason() == MailStoreException.Reason.NONEXISTENT && view.message(c.info.uid()).isEmpty()) {
                return false;
            }
            throw e; // not an expunge (the mailbox itself is gone, or a real failure): the command fails
        }
    }

    boolean matches(List<SearchKey> keys, Candidate c) {
        for (SearchKey key : keys) {
            if (!matches(key, c)) {
                return false;
            }
        }
        return true;
    }

    boolean matches(SearchKey key, Candidate c) {
        if (key instanceof SearchKey.Flag k) {
            return simple(k.key(), c);
        } else if (key instanceof SearchKey.Keyword k) {
            boolean has = c.info.flags().keywords().stream().anyMatch(w -> w.equalsIgnoreCase(k.keyword()));
            return has == k.set();
        } else if (key instanceof SearchKey.Text k) {
            return text(k, c);
        } else if (key instanceof SearchKey.Header k) {
            for (HeaderBlock.Field f : c.header().fields()) {
                if (f.name().equalsIgnoreCase(k.field()) && contains(EncodedWords.decode(f.value()), k.value())) {
                    return true;
                }
            }
            return false;
        } else if (key instanceof SearchKey.Date k) {
            return date(k, c);
        } else if (key instanceof SearchKey.Size k) {
            return k.larger() ? c.info.size() > k.size() : c.info.size() < k.size();
        } else if (key instanceof SearchKey.Uid k) {
            if (k.set() instanceof SequenceSet.Ranges r) {
                return r.contains(c.info.uid(), selected.highestUid());
            }
            return selected.resolve(k.set(), true).orElse(List.of()).contains(c.info.uid());
        } else if (key instanceof SearchKey.Sequence k) {
            if (k.set() instanceof SequenceSet.Ranges r) {
                return r.contains(c.seq, selected.count());
            }
            return selected.resolve(k.set(), true).orElse(List.of()).contains(c.info.uid());
        } else if (key instanceof SearchKey.ModSeq k) {
            return c.info.modSeq() >= k.modSeq(); // RFC 7162 §3.1.5: "greater than or equal"
        } else if (key instanceof SearchKey.Not k) {
            return !matches(k.key(), c);
        } else if (key instanceof SearchKey.Or k) {
            return matches(k.left(), c) || matches(k.right(), c);
        } else if (key instanceof SearchKey.And k) {
            return matches(k.keys(), c);
        }
        return false;
    }

    private boolean simple(SearchKey.Simple key, Candidate c) {
        var flags = c.info.flags();
        boolean isRecent = recent.contains(c.info.uid());
        return switch (key) {
            case ALL -> true;
            case ANSWERED -> flags.contains(SystemFlag.ANSWERED);
            case DELETED -> flags.contains(SystemFlag.DELETED);
            case DRAFT -> flags.contains(SystemFlag.DRAFT);
            case FLAGGED -> flags.contains(SystemFlag.FLAGGED);
            case SEEN -> flags.contains(SystemFlag.SEEN);
            case UNANSWERED -> !flags.contains(SystemFlag.ANSWERED);
            case UNDELETED -> !flags.contains(SystemFlag.DELETED);
            case UNDRAFT -> !flags.contains(SystemFlag.DRAFT);
            case UNFLAGGED -> !flags.contains(SystemFlag.FLAGGED);
            case UNSEEN -> !flags.contains(SystemFlag.SEEN);
            case RECENT -> isRecent;
            case NEW -> isRecent && !flags.contains(SystemFlag.SEEN); // RFC 3501 §6.4.4
            case OLD -> !isRecent;
        };
    }

    private boolean text(SearchKey.Text k, Candidate c) {
        return switch (k.field()) {
            case BODY -> c.bodyContains(k.value());
            case TEXT -> c.textContains(k.value());
            default -> {
                String field = k.field().name();
                boolean addresses = k.field() != SearchKey.TextField.SUBJECT;
                for (HeaderBlock.Field f : c.header().fields()) {
                    if (f.name().equalsIgnoreCase(field) && contains(addresses ? addressText(f.value())
                            : EncodedWords.decode(f.value()), k.value())) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    /**
     * What FROM, TO, CC and BCC search in (RFC 9051 §6.4.4: "the envelope structure's FROM field"): its addresses
     * as parsed, {@code Name <local@domain>} and {@code group: member, member;}, with comments and folding
     * gone, so that {@code <user (c)@ (c) example.org>} matches {@code user@example.org}. A field with no
     * address in it is searched as written.
     */
    static String addressText(String value) {
        List<Address> list = AddressParser.parseList(value);
        if (list.isEmpty()) {
            return EncodedWords.decode(value);
        }
        StringBuilder sb = new StringBuilder();
        for (Address a : list) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (a instanceof Address.Mailbox m) {
                appendMailbox(sb, m);
            } else if (a instanceof Address.Group g) {
                sb.append(g.displayName() == null ? "" : EncodedWords.decode(g.displayName())).append(": ");
                for (int i = 0; i < g.members().size(); i++) {
                    appendMailbox(sb.append(i > 0 ? ", " : ""), g.members().get(i));
                }
                sb.append(';');
            }
        }
        return sb.toString();
    }

    private static StringBuilder appendMailbox(StringBuilder sb, Address.Mailbox m) {
        if (m.displayName() != null) {
            sb.append(m.decodedDisplayName()).append(' ');
        }
        return sb.append('<').append(m.address()).append('>');
    }

    private boolean date(SearchKey.Date k, Candidate c) {
        Optional<LocalDate> date;
        boolean sent = k.field().name().startsWith("SENT");
        if (sent) {
            date = c.header().first("Date").flatMap(SearchEvaluator::parseDate);
            if (date.isEmpty()) {
                return false;
            }
        } else {
            // RFC 9051 §6.4.4: internal date, "disregarding time and timezone"
            date = Optional.of(c.info.internalDate().atOffset(ZoneOffset.UTC).toLocalDate());
        }
        LocalDate d = date.get();
        return switch (k.field()) {
            case BEFORE, SENTBEFORE -> d.isBefore(k.date());
            case ON, SENTON -> d.isEqual(k.date());
            case SINCE, SENTSINCE -> !d.isBefore(k.date());
        };
    }

    /** The date of an RFC 5322 Date: field, in its own zone; empty when unreadable. */
    static Optional<LocalDate> parseDate(String value) {
        String v = value.replaceAll("\\([^)]*\\)", " ").trim().replaceAll("\\s+", " ");
        try {
            return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate());
        } catch (DateTimeParseException e) {
            int comma = v.indexOf(',');
            if (comma >= 0) {
                try {
                    return Optional.of(ZonedDateTime.parse(v.substring(comma + 1).trim(),
                            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm[:ss] Z", Locale.ROOT)).toLocalDate());
                } catch (DateTimeParseException e2) {
                    return Optional.empty();
                }
            }
            try {
                return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.ofPattern("d MMM yyyy HH:mm[:ss] Z",
                        Locale.ROOT)).toLocalDate());
            } catch (DateTimeParseException e3) {
                return Optional.empty();
            }
        }
    }

    static boolean contains(String haystack, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }
}
