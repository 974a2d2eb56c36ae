package org.maillab.mailstore;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One session's open view of a mailbox (an IMAP SELECT or EXAMINE). Many views of one mailbox may
 * be open at once (RFC 9051 §5.5): writes are serialized per mailbox, and each change is published
 * to the <em>other</em> views' {@link MailboxListener}s. The view's own changes are returned to it
 * directly, not as events.
 *
 * <p>UIDs identify messages; sequence numbers are the protocol's business (each session keeps its own
 * numbering from the events it has announced). Methods taking UIDs ignore UIDs that do not exist (any
 * more), as UID commands must (RFC 9051 §6.4.9).
 */
public interface Mailbox extends AutoCloseable {

    /** The mailbox's full name, e.g. {@code INBOX} or {@code Work/2026}. */
    String name();

    /** True for a view opened read-only (EXAMINE): every change is refused with {@code CANNOT}. */
    boolean readOnly();

    long uidValidity();

    long uidNext();

    long highestModSeq();

    /**
     * Whether the message {@code uid}, no longer here, may have been expunged after mod-sequence
     * {@code modSeq}: QRESYNC's VANISHED (EARLIER) need name only those (RFC 7162 §3.2.5.1). Never false
     * for a UID expunged after {@code modSeq}; may be true for one expunged earlier where the store no
     * longer remembers when (the default: it remembers nothing).
     */
    default boolean expungedSince(long uid, long modSeq) {
        return true;
    }

    /** The messages now in the mailbox, in ascending UID order. */
    List<MessageInfo> messages();

    /** One message, if it is in the mailbox now. */
    Optional<MessageInfo> message(long uid);

    /**
     * One message as this view can still read it: in the mailbox, or expunged by another view and not
     * yet released by this one ({@link #releaseExpunged}), with its flags as they were then. A session
     * that has not told its client of an expunge keeps serving the message (RFC 2180 §4.1.1), so its
     * client's view stays consistent.
     */
    Optional<MessageInfo> visible(long uid);

    /**
     * This view's client has been told these messages are gone (EXPUNGE, VANISHED), or never knew them:
     * the view stops serving them, and the store frees their bytes once no view can still read them.
     * A view with a listener must call it for every {@link MailboxEvent.MessageExpunged} it receives;
     * closing the view releases them all. UIDs the view does not hold are ignored.
     */
    void releaseExpunged(Collection<Long> uids);

    /** UIDs that are \Recent in this view: messages this view was the first to see (RFC 3501 §2.3.2). */
    Set<Long> recent();

    /**
     * The message's bytes, also for a message this view still holds after another view expunged it
     * (see {@link #visible}); {@code NONEXISTENT} otherwise.
     */
    MessageContent content(long uid);

    /**
     * Changes flags of the given messages; returns their new state, in ascending UID order. Messages
     * expunged meanwhile are left out: a store on them is quietly ignored (RFC 2180 §4.2.1).
     */
    List<MessageInfo> store(Collection<Long> uids, FlagOp op, Flags flags);

    /**
     * Changes flags of those given messages whose mod-sequence is at most {@code unchangedSince}, and
     * reports the others as modified; the test and the change are one atomic step, so no other view's
     * change can slip between them (RFC 7162 §3.2, STORE UNCHANGEDSINCE).
     */
    ConditionalStoreResult store(Collection<Long> uids, FlagOp op, Flags flags, long unchangedSince);

    /** Removes every message with \Deleted (EXPUNGE, CLOSE); returns their UIDs in ascending order. */
    List<Long> expunge();

    /** Removes those of the given messages that have \Deleted (UID EXPUNGE, RFC 4315 §2.1). */
    List<Long> expunge(Collection<Long> uids);

    /** Copies messages to another mailbox of the same account, keeping flags and internal dates. */
    CopyResult copyTo(Collection<Long> uids, String targetMailbox);

    /** Moves messages to another mailbox of the same account (RFC 6851): copy, then expunge here. */
    CopyResult moveTo(Collection<Long> uids, String targetMailbox);

    /**
     * Copies all of the given messages or none (IMAP COPY by sequence numbers, RFC 9051 §6.4.7): if one
     * of them is no longer here (another session expunged it), nothing is copied and NONEXISTENT is
     * thrown. A copy that fails part-way, in either form, leaves the target mailbox as it was.
     */
    CopyResult copyAllTo(Collection<Long> uids, String targetMailbox);

    /** Moves all of the given messages or, if one of them is no longer here, none (NONEXISTENT). */
    CopyResult moveAllTo(Collection<Long> uids, String targetMailbox);

    /** Appends to this mailbox; same as {@link Account#append} but the view sees its own message. */
    AppendResult append(InputStream message, Flags flags, Instant internalDate);

    /**
     * Looks for changes made outside this process (mail dropped into a Maildir's {@code new/}, files
     * renamed by another program) and publishes them as events to every view, this one included.
     * IMAP calls it on NOOP, IDLE and before answering STATUS.
     */
    void refresh();

    /** Registers the listener for changes made by other views; one per view, replacing any earlier. */
    void setListener(MailboxListener listener);

    /** Closes the view; the mailbox stays as it is. */
    @Override
    void close();

    /**
     * The rights the session's user has on this mailbox now (RFC 4314), checked on every command; all
     * of them for the owner. Added after the first version of this interface, hence the default.
     */
    default Rights rights() {
        return Rights.ALL;
    }
}
