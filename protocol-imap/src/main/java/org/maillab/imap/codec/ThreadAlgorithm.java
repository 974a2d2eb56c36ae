package org.maillab.imap.codec;

import java.util.Locale;
import java.util.Optional;

/** The threading algorithms of RFC 5256 §3 (advertised as {@code THREAD=...}). */
public enum ThreadAlgorithm {
    /** "Poor man's threading": by base subject, then sent date; no grandchildren. */
    ORDEREDSUBJECT,
    /** By References / In-Reply-To, then merged by base subject (the six steps of RFC 5256 §3). */
    REFERENCES;

    static Optional<ThreadAlgorithm> parse(String atom) {
        for (ThreadAlgorithm a : values()) {
            if (a.name().equals(atom.toUpperCase(Locale.ROOT))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
