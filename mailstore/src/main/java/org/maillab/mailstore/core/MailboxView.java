package org.maillab.mailstore.core;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.maillab.mailstore.AppendResult;
import org.maillab.mailstore.ConditionalStoreResult;
import org.maillab.mailstore.CopyResult;
import org.maillab.mailstore.FlagOp;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxEvent;
import org.maillab.mailstore.MailboxListener;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.MessageInfo;

/** One session's view of a mailbox: reads and writes go through the shared {@link MailboxHandle}. */
final class MailboxView implements Mailbox {

    private final MailboxHandle handle;
    private final boolean readOnly;
    private final TreeSet<Long> recent = new TreeSet<>(); // guarded by handle.lock
    /** Messages other views expunged that this view's client has not yet been told of; guarded likewise. */
    private final Set<Long> held = new HashSet<>();
    private volatile MailboxListener listener;
    private volatile boolean closed;

    MailboxView(MailboxHandle handle, boolean readOnly) {
        this.handle = handle;
        this.readOnly = readOnly;
    }

    // ---- called by the handle, under its lock ----

    void initRecent(Set<Long> uids) {
        recent.addAll(uids);
    }

    void addRecent(long uid) {
        recent.add(uid);
    }

    void removeRecent(long uid) {
        recent.remove(uid);
    }

    boolean listening() {
        return listener != null;
    }

    void hold(long uid) {
        held.add(uid);
    }

    boolean holds(long uid) {
        return held.contains(uid);
    }

    /** Stops holding {@code uid}; false if this view did not hold it. */
    boolean letGo(long uid) {
        return held.remove(uid);
    }

    Set<Long> heldUids() {
        return held;
    }

    void deliver(MailboxEvent event) {
        MailboxListener l = listener;
        if (l != null) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                // a broken listener must not undo a committed change or starve the other views
            }
        }
    }

    // ---- the API ----

    @Override
    public String name() {
        return handle.name();
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public long uidValidity() {
        return read(handle::uidValidity);
    }

    @Override
    public long uidNext() {
        return read(handle::uidNext);
    }

    @Override
    public long highestModSeq() {
        return read(handle::highestModSeq);
    }

    @Override
    public boolean expungedSince(long uid, long modSeq) {
        return read(() -> handle.expungedSince(uid, modSeq));
    }

    @Override
    public List<MessageInfo> messages() {
        return read(handle::messages);
    }

    @Override
    public Optional<MessageInfo> message(long uid) {
        return read(() -> Optional.ofNullable(handle.info(uid)));
    }

    @Override
    public Optional<MessageInfo> visible(long uid) {
        return read(() -> Optional.ofNullable(handle.visible(uid, this)));
    }

    @Override
    public void releaseExpunged(Collection<Long> uids) {
        if (!closed) {
            handle.account.withMailboxLock(handle, () -> {
                handle.release(this, uids);
                return null;
            });
        }
    }

    @Override
    public Set<Long> recent() {
        return read(() -> Set.copyOf(recent));
    }

    @Override
    public MessageContent content(long uid) {
        return read(() -> handle.content(uid, this));
    }

    @Override
    public List<MessageInfo> store(Collection<Long> uids, FlagOp op, Flags flags) {
        Objects.requireNonNull(op, "op");
        Flags checked = FlagRules.check(flags);
        return write(() -> handle.store(uids, op, checked, this));
    }

    @Override
    public ConditionalStoreResult store(Collection<Long> uids, FlagOp op, Flags flags, long unchangedSince) {
        Objects.requireNonNull(op, "op");
        Flags checked = FlagRules.check(flags);
        return write(() -> handle.store(uids, op, checked, unchangedSince, this));
    }

    @Override
    public List<Long> expunge() {
        return write(() -> handle.expunge(null, true, this));
    }

    @Override
    public List<Long> expunge(Collection<Long> uids) {
        return write(() -> handle.expunge(uids, true, this));
    }

    @Override
    public CopyResult copyTo(Collection<Long> uids, String targetMailbox) {
        checkOpen();
        return handle.account.transfer(handle, uids, targetMailbox, false, false, this);
    }

    @Override
    public CopyResult copyAllTo(Collection<Long> uids, String targetMailbox) {
        checkOpen();
        return handle.account.transfer(handle, uids, targetMailbox, false, true, this);
    }

    @Override
    public CopyResult moveAllTo(Collection<Long> uids, String targetMailbox) {
        checkWritable();
        return handle.account.transfer(handle, uids, targetMailbox, true, true, this);
    }

    @Override
    public CopyResult moveTo(Collection<Long> uids, String targetMailbox) {
        checkWritable();
        return handle.account.transfer(handle, uids, targetMailbox, true, false, this);
    }

    @Override
    public AppendResult append(InputStream message, Flags flags, Instant internalDate) {
        checkWritable();
        Flags checked = FlagRules.check(flags);
        Instant date = internalDate == null ? Instant.now() : internalDate;
        MailboxStorage.Staged staged = MailboxHandle.stage(handle.storage, message);
        boolean done = false;
        try {
            AppendResult result = write(() -> handle.append(staged, checked, date, this));
            done = true;
            return result;
        } finally {
            if (!done) {
                handle.storage.discard(staged);
            }
        }
    }

    @Override
    public void refresh() {
        checkOpen();
        handle.account.withMailboxLock(handle, () -> {
            handle.checkAlive();
            handle.reconcile(true);
            return null;
        });
    }

    @Override
    public void setListener(MailboxListener listener) {
        this.listener = listener;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            handle.account.withMailboxLock(handle, () -> {
                handle.detach(this);
                return null;
            });
        }
    }

    private <T> T read(Supplier<T> action) {
        checkOpen();
        return handle.account.withMailboxLock(handle, action);
    }

    private <T> T write(Supplier<T> action) {
        checkWritable();
        return handle.account.withMailboxLock(handle, action);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the mailbox view is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (readOnly) {
            throw new MailStoreException(Reason.CANNOT, "the mailbox is open read-only");
        }
    }
}
