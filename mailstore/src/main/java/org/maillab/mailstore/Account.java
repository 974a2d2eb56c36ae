package org.maillab.mailstore;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One account's mail: its mailboxes and nothing else. Every mailbox name is checked before it touches
 * storage, so no name ({@code ..}, absolute paths, control characters, over-long or over-deep names)
 * reaches outside the account ({@code INVALID_NAME}).
 *
 * <p>Names use {@code /} as hierarchy delimiter. {@code INBOX} is case-insensitive (RFC 9051 §5.1)
 * and always exists.
 */
public interface Account {

    /** The account's login name. */
    String name();

    /**
     * Mailboxes whose names match an IMAP LIST pattern (RFC 9051 §6.3.9): {@code *} matches any
     * characters, {@code %} any except the delimiter. In name order, INBOX first.
     */
    List<MailboxInfo> list(String pattern);

    /** The mailbox, if it exists (selectable or not). */
    Optional<MailboxInfo> mailbox(String name);

    /** Creates a mailbox and any missing parents (RFC 9051 §6.3.4); {@code ALREADY_EXISTS} if it exists. */
    void create(String name);

    /** Creates a mailbox with a special-use role (RFC 6154 §5). */
    void create(String name, SpecialUse specialUse);

    /**
     * Deletes a mailbox (RFC 9051 §6.3.5). A mailbox with children loses its messages and becomes
     * non-selectable; INBOX cannot be deleted ({@code CANNOT}).
     */
    void delete(String name);

    /**
     * Renames a mailbox and everything below it (RFC 9051 §6.3.6). Renaming INBOX moves its messages
     * to the new mailbox and leaves INBOX empty.
     */
    void rename(String from, String to);

    void subscribe(String name);

    void unsubscribe(String name);

    /**
     * The names the account subscribed to, sorted, including names whose mailbox no longer exists:
     * deleting a mailbox does not unsubscribe it (RFC 9051 §6.3.5, §6.3.9: LIST (SUBSCRIBED) shows such
     * a name as {@code \NonExistent}). Added after the first version of this interface.
     */
    List<String> subscriptions();

    /** Counts for one mailbox without opening a view. */
    MailboxStatus status(String name);

    /** Opens a view of a mailbox for a session; {@code readOnly} for EXAMINE. */
    Mailbox open(String name, boolean readOnly);

    /**
     * Stores a message: the stream is read to its end, bare LF and bare CR line ends become CRLF, and
     * the message becomes visible only once complete (a crash or an exception while reading leaves
     * nothing behind). {@code OVER_QUOTA} if it does not fit.
     */
    AppendResult append(String mailbox, InputStream message, Flags flags, Instant internalDate);

    /** Takes the POP3 maildrop lock on INBOX; {@code IN_USE} if another session holds it. */
    Maildrop openMaildrop();

    /** The account's limits and usage. */
    Quota quota();

    /** Sets the account's limits; empty means unlimited. */
    void setQuota(OptionalLong storageLimit, OptionalLong messageLimit);

    // ---- access control (RFC 4314); added after the first version, hence the defaults ----

    /**
     * The mailbox's access control list as GETACL shows it (RFC 4314 §3.3): the owner first, with all
     * rights (the owner's rights are fixed, RFC 4314 §2), then each stored entry: user names,
     * {@code anyone}, and negative entries {@code -name}. Needs the {@code a} right.
     */
    default java.util.Map<String, Rights> acl(String mailbox) {
        throw new MailStoreException(MailStoreException.Reason.CANNOT, "this store keeps no access control lists");
    }

    /**
     * Sets one entry of the mailbox's ACL; empty rights remove the entry (DELETEACL). The owner's entry
     * cannot be changed ({@code CANNOT}). Needs the {@code a} right.
     */
    default void setAcl(String mailbox, String identifier, Rights rights) {
        throw new MailStoreException(MailStoreException.Reason.CANNOT, "this store keeps no access control lists");
    }

    /** The rights this account's user has on the mailbox (MYRIGHTS, RFC 4314 §3.5). */
    default Rights myRights(String mailbox) {
        mailbox(mailbox).orElseThrow(() -> new MailStoreException(MailStoreException.Reason.NONEXISTENT,
                "no mailbox " + mailbox));
        return Rights.ALL;
    }

    /**
     * The rights the identifier always has on the mailbox, the first part of LISTRIGHTS (RFC 4314 §3.4):
     * all of them for the owner, none for anyone else. Needs the {@code a} right.
     */
    default Rights requiredRights(String mailbox, String identifier) {
        return identifier.equals(name()) ? Rights.ALL : Rights.NONE;
    }
}
