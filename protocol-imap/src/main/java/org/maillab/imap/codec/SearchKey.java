package org.maillab.imap.codec;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A search criterion (RFC 9051 §6.4.4; RFC 3501 §6.4.4 adds NEW, OLD, RECENT). */
public sealed interface SearchKey {

    /** Keys without arguments. */
    enum Simple {
        ALL, ANSWERED, DELETED, DRAFT, FLAGGED, NEW, OLD, RECENT, SEEN,
        UNANSWERED, UNDELETED, UNDRAFT, UNFLAGGED, UNSEEN;

        static Optional<Simple> parse(String atom) {
            for (Simple s : values()) {
                if (s.name().equalsIgnoreCase(atom)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** Keys matching a string in a header field or the body. */
    enum TextField {
        BCC, BODY, CC, FROM, SUBJECT, TEXT, TO
    }

    /** Keys comparing a date: internal date (BEFORE, ON, SINCE) or the Date: header (SENT*). */
    enum DateField {
        BEFORE, ON, SINCE, SENTBEFORE, SENTON, SENTSINCE
    }

    /** The key as written on the wire. */
    default String wire() {
        return CommandFormatter.searchKey(this);
    }

    record Flag(Simple key) implements SearchKey {
    }

    /** KEYWORD flag ({@code set}) or UNKEYWORD flag. */
    record Keyword(String keyword, boolean set) implements SearchKey {
    }

    record Text(TextField field, String value) implements SearchKey {
    }

    /** HEADER field-name string; an empty string matches every message with that field. */
    record Header(String field, String value) implements SearchKey {
    }

    record Date(DateField field, LocalDate date) implements SearchKey {
    }

    /** LARGER n ({@code larger}) or SMALLER n. */
    record Size(boolean larger, long size) implements SearchKey {
    }

    /** UID sequence-set. */
    record Uid(SequenceSet set) implements SearchKey {
    }

    /** A sequence set of message numbers. */
    record Sequence(SequenceSet set) implements SearchKey {
    }

    /**
     * {@code MODSEQ n}: messages whose mod-sequence is at least n (RFC 7162 §3.1.5). The optional
     * entry name and type are accepted and ignored: this server keeps one mod-sequence per message.
     */
    record ModSeq(long modSeq) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    /** A parenthesized list: all keys must match. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a parenthesized search list has at least one key");
            }
        }
    }
}
