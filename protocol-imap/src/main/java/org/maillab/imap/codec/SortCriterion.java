package org.maillab.imap.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * One sort criterion of SORT (RFC 5256 §3): a key, optionally REVERSE (descending). REVERSE reverses
 * only its own key, never the implicit final "sequence number" criterion.
 */
public record SortCriterion(boolean reverse, Key key) {

    /** The sort keys of RFC 5256 §3. */
    public enum Key {
        /** Internal date and time. */
        ARRIVAL,
        /** addr-mailbox of the first Cc address. */
        CC,
        /** Sent date and time (RFC 5256 §2.2). */
        DATE,
        /** addr-mailbox of the first From address. */
        FROM,
        /** Size in octets. */
        SIZE,
        /** Base subject (RFC 5256 §2.1). */
        SUBJECT,
        /** addr-mailbox of the first To address. */
        TO;

        static Optional<Key> parse(String atom) {
            try {
                return Optional.of(valueOf(atom.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** An ascending criterion. */
    public static SortCriterion of(Key key) {
        return new SortCriterion(false, key);
    }

    /** A descending criterion. */
    public static SortCriterion reversed(Key key) {
        return new SortCriterion(true, key);
    }

    /** As on the wire: {@code REVERSE DATE}. */
    public String wire() {
        return reverse ? "REVERSE " + key.name() : key.name();
    }
}
