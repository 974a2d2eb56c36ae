package org.maillab.mailstore;

/**
 * One access right of RFC 4314 §2.1, with the letter that names it on the wire. The obsolete virtual
 * rights {@code c} and {@code d} (§2.1.1) are not rights of their own: {@link Rights#parse} expands them.
 */
public enum Right {
    /** {@code l}: the mailbox is visible to LIST and SUBSCRIBE. */
    LOOKUP('l'),
    /** {@code r}: SELECT, EXAMINE, STATUS, FETCH, SEARCH. */
    READ('r'),
    /** {@code s}: set or clear \Seen. */
    SEEN('s'),
    /** {@code w}: set or clear flags other than \Seen and \Deleted. */
    WRITE('w'),
    /** {@code i}: APPEND, COPY or MOVE into the mailbox. */
    INSERT('i'),
    /** {@code p}: post to the mailbox's submission address (not enforced by IMAP itself). */
    POST('p'),
    /** {@code k}: create mailboxes below it; the new parent in RENAME. */
    CREATE_MAILBOX('k'),
    /** {@code x}: DELETE the mailbox; the old name in RENAME. */
    DELETE_MAILBOX('x'),
    /** {@code t}: set or clear \Deleted. */
    DELETE_MESSAGES('t'),
    /** {@code e}: EXPUNGE, and the expunge of CLOSE. */
    EXPUNGE('e'),
    /** {@code a}: SETACL, DELETEACL, GETACL, LISTRIGHTS. */
    ADMINISTER('a');

    private final char letter;

    Right(char letter) {
        this.letter = letter;
    }

    /** The right's letter, e.g. {@code 'l'}. */
    public char letter() {
        return letter;
    }
}
