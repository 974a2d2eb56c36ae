package org.maillab.mailstore;

import java.util.Optional;

/**
 * The system flags of RFC 9051 §2.3.2 that a store keeps per message. ({@code \Recent} is not
 * stored: it is a property of a session's view, see {@link Mailbox#recent()}.)
 */
public enum SystemFlag {
    SEEN("\\Seen", 'S'),
    ANSWERED("\\Answered", 'R'),
    FLAGGED("\\Flagged", 'F'),
    DELETED("\\Deleted", 'T'),
    DRAFT("\\Draft", 'D');

    private final String imapName;
    private final char maildirLetter;

    SystemFlag(String imapName, char maildirLetter) {
        this.imapName = imapName;
        this.maildirLetter = maildirLetter;
    }

    /** The flag as IMAP spells it, e.g. {@code \Seen}. */
    public String imapName() {
        return imapName;
    }

    /** The letter in a Maildir file name's info part ({@code :2,FRS}); T is "trashed". */
    public char maildirLetter() {
        return maildirLetter;
    }

    /** The flag for an IMAP name, compared case-insensitively (RFC 9051 §2.3.2). */
    public static Optional<SystemFlag> fromImapName(String name) {
        for (SystemFlag flag : values()) {
            if (flag.imapName.equalsIgnoreCase(name)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }
}
