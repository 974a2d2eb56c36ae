package org.maillab.mailstore.core;

import java.util.Collection;
import java.util.List;

import org.maillab.mailstore.Maildrop;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.MessageInfo;

/** A POP3 session's hold on INBOX (RFC 1939 §8): a snapshot, and the lock until commit or close. */
final class MaildropImpl implements Maildrop {

    private final AccountState account;
    private final MailboxHandle inbox;
    private final List<MessageInfo> snapshot;
    private final AutoCloseable lock;
    private boolean released;

    MaildropImpl(AccountState account, MailboxHandle inbox, List<MessageInfo> snapshot, AutoCloseable lock) {
        this.account = account;
        this.inbox = inbox;
        this.snapshot = List.copyOf(snapshot);
        this.lock = lock;
    }

    @Override
    public List<MessageInfo> messages() {
        return snapshot;
    }

    @Override
    public MessageContent content(long uid) {
        return account.withMailboxLock(inbox, () -> inbox.content(uid, null));
    }

    @Override
    public synchronized List<Long> commit(Collection<Long> deletedUids) {
        if (released) {
            throw new IllegalStateException("the maildrop was released");
        }
        try {
            // RFC 1939 §6: the UPDATE state removes the messages marked as deleted
            return account.withMailboxLock(inbox, () -> inbox.expunge(deletedUids, false, null));
        } finally {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (!released) {
            released = true;
            try {
                lock.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not release the maildrop lock", e);
            }
        }
    }
}
