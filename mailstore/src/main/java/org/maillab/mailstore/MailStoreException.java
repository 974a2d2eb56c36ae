package org.maillab.mailstore;

/**
 * A request the store refuses. The protocols turn the reason into their answer: IMAP response codes
 * of RFC 5530 ({@code NONEXISTENT}, {@code ALREADYEXISTS}, {@code OVERQUOTA}, ...), POP3's
 * {@code -ERR [IN-USE]} (RFC 2449 §8.1.1).
 */
public class MailStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the store refused. */
    public enum Reason {
        /** The mailbox (or message) does not exist. */
        NONEXISTENT,
        /** A mailbox (or account) of that name exists already. */
        ALREADY_EXISTS,
        /** The name is not allowed: path tricks, control characters, too long or too deep. */
        INVALID_NAME,
        /** The change would exceed the account's quota. */
        OVER_QUOTA,
        /** Another session holds the lock (POP3 maildrop). */
        IN_USE,
        /** The operation is never allowed, e.g. deleting INBOX. */
        CANNOT,
        /** A server limit was hit, e.g. too many mailboxes. */
        LIMIT,
        /**
         * The user lacks an access right (RFC 4314) on a mailbox he may see; IMAP answers NO [NOPERM]
         * (RFC 5530). A mailbox he may not even see is {@code NONEXISTENT} instead (RFC 4314 §6).
         */
        NO_PERMISSION
    }

    private final Reason reason;

    public MailStoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
