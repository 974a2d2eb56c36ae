package org.maillab.mailstore;

import java.util.Collection;
import java.util.List;

/**
 * A POP3 session's exclusive hold on an account's INBOX (RFC 1939 §8). While a maildrop is held, no
 * other maildrop of that account can be opened ({@code IN_USE}); IMAP sessions keep working. The
 * message list is a snapshot taken when the lock was acquired: POP3 numbers messages once per session.
 */
public interface Maildrop extends AutoCloseable {

    /** The messages of INBOX as they were when the maildrop was opened, in ascending UID order. */
    List<MessageInfo> messages();

    /** A message's bytes; {@code NONEXISTENT} if an IMAP session expunged it meanwhile. */
    MessageContent content(long uid);

    /**
     * The UPDATE state (RFC 1939 §6): removes the given messages for good and releases the lock.
     * Returns the UIDs actually removed (those not already gone).
     */
    List<Long> commit(Collection<Long> deletedUids);

    /** Releases the lock without changing anything: a dropped connection deletes nothing. */
    @Override
    void close();
}
