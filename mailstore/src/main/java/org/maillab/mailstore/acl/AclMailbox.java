package org.maillab.mailstore.acl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.maillab.mailstore.AppendResult;
import org.maillab.mailstore.ConditionalStoreResult;
import org.maillab.mailstore.CopyResult;
import org.maillab.mailstore.FlagOp;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxListener;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.Right;
import org.maillab.mailstore.Rights;
import org.maillab.mailstore.SystemFlag;

/**
 * A selected mailbox seen through an {@link AclAccount}: every call checks the user's rights as they
 * are now (RFC 4314 §5.1.1 allows checking on each command).
 *
 * <p>Revocation while selected: once the user is found without {@code r} (on a command, or when another
 * session's change arrives), the view is cut off for good: it passes on no more changes, and every
 * command that reads or changes messages is refused (NO [NOPERM], or NONEXISTENT if {@code l} went too)
 * until the user selects a mailbox again. CLOSE and UNSELECT still work. Cutting off for good, rather
 * than resuming on a re-grant, keeps the session's message numbers consistent with what it announced.
 */
final class AclMailbox implements Mailbox {

    private final AclAccount account;
    private final AclAccount.Target target;
    private final Mailbox inner;
    private volatile boolean cutOff;

    AclMailbox(AclAccount account, AclAccount.Target target, Mailbox inner) {
        this.account = account;
        this.target = target;
        this.inner = inner;
    }

    /** The rights now; none once the view is cut off, so that CLOSE, say, skips its expunge. */
    @Override
    public Rights rights() {
        Rights have = account.rightsOn(target);
        if (cutOff || !have.contains(Right.READ)) {
            cutOff = true;
            return Rights.NONE;
        }
        return have;
    }

    /** The rights now, after checking that the user may still read the mailbox. */
    private Rights readable() {
        Rights have = account.rightsOn(target);
        if (cutOff || !have.contains(Right.READ)) {
            cutOff = true;
            throw AclAccount.denied(target, have, Right.READ);
        }
        return have;
    }

    private Rights requireAll(Right... needed) {
        Rights have = readable();
        for (Right r : needed) {
            if (!have.contains(r)) {
                throw AclAccount.denied(target, have, r);
            }
        }
        return have;
    }

    @Override
    public String name() {
        return target.visible();
    }

    @Override
    public boolean readOnly() {
        return inner.readOnly();
    }

    @Override
    public long uidValidity() {
        return inner.uidValidity();
    }

    @Override
    public long uidNext() {
        return inner.uidNext();
    }

    @Override
    public long highestModSeq() {
        return inner.highestModSeq();
    }

    @Override
    public boolean expungedSince(long uid, long modSeq) {
        return inner.expungedSince(uid, modSeq);
    }

    @Override
    public List<MessageInfo> messages() {
        readable();
        return inner.messages();
    }

    @Override
    public Optional<MessageInfo> message(long uid) {
        readable();
        return inner.message(uid);
    }

    @Override
    public Optional<MessageInfo> visible(long uid) {
        readable();
        return inner.visible(uid);
    }

    @Override
    public void releaseExpunged(Collection<Long> uids) {
        inner.releaseExpunged(uids);
    }

    @Override
    public Set<Long> recent() {
        return inner.recent();
    }

    @Override
    public MessageContent content(long uid) {
        readable();
        return inner.content(uid);
    }

    @Override
    public List<MessageInfo> store(Collection<Long> uids, FlagOp op, Flags flags) {
        Rights have = readable();
        if (allFlagRights(have)) {
            return inner.store(uids, op, flags);
        }
        if (op == FlagOp.REPLACE) {
            return replacePermitted(uids, flags, have);
        }
        Flags allowed = AclAccount.permitted(flags, have);
        if (isEmpty(allowed) && !isEmpty(flags)) {
            throw noFlagRight(have);
        }
        return inner.store(uids, op, allowed);
    }

    @Override
    public ConditionalStoreResult store(Collection<Long> uids, FlagOp op, Flags flags, long unchangedSince) {
        Rights have = readable();
        if (allFlagRights(have)) {
            return inner.store(uids, op, flags, unchangedSince);
        }
        Flags allowed = AclAccount.permitted(flags, have);
        if (op == FlagOp.REPLACE || (isEmpty(allowed) && !isEmpty(flags))) {
            // a conditional FLAGS over flags the user may not all change has no single atomic step here
            throw noFlagRight(have);
        }
        return inner.store(uids, op, allowed, unchangedSince);
    }

    /**
     * STORE FLAGS with only some flag rights: the flags the user may change take the given values, the
     * others keep theirs (RFC 4314 §4: a STORE SHOULD NOT fail over flags the user may not change).
     */
    private List<MessageInfo> replacePermitted(Collection<Long> uids, Flags flags, Rights have) {
        if (!have.containsAny(Right.SEEN, Right.WRITE, Right.DELETE_MESSAGES)) {
            throw noFlagRight(have);
        }
        Flags current = Flags.NONE;
        List<MessageInfo> result = new ArrayList<>();
        for (long uid : uids) {
            Optional<MessageInfo> m = inner.message(uid);
            if (m.isPresent()) {
                current = current.plus(m.get().flags());
                result.add(m.get());
            }
        }
        Flags add = AclAccount.permitted(flags, have);
        Flags remove = AclAccount.permitted(current, have).minus(flags);
        if (!isEmpty(add)) {
            result = inner.store(uids, FlagOp.ADD, add);
        }
        if (!isEmpty(remove)) {
            result = inner.store(uids, FlagOp.REMOVE, remove);
        }
        return result;
    }

    private MailStoreException noFlagRight(Rights have) {
        return new MailStoreException(Reason.NO_PERMISSION, "no right to change these flags here (have "
                + have + ")");
    }

    private static boolean allFlagRights(Rights r) {
        return r.contains(Right.SEEN) && r.contains(Right.WRITE) && r.contains(Right.DELETE_MESSAGES);
    }

    private static boolean isEmpty(Flags f) {
        return f.system().isEmpty() && f.keywords().isEmpty();
    }

    @Override
    public List<Long> expunge() {
        requireAll(Right.EXPUNGE);
        return inner.expunge();
    }

    @Override
    public List<Long> expunge(Collection<Long> uids) {
        requireAll(Right.EXPUNGE);
        return inner.expunge(uids);
    }

    @Override
    public CopyResult copyTo(Collection<Long> uids, String targetMailbox) {
        return transfer(uids, targetMailbox, false, false);
    }

    @Override
    public CopyResult moveTo(Collection<Long> uids, String targetMailbox) {
        return transfer(uids, targetMailbox, true, false);
    }

    @Override
    public CopyResult copyAllTo(Collection<Long> uids, String targetMailbox) {
        return transfer(uids, targetMailbox, false, true);
    }

    @Override
    public CopyResult moveAllTo(Collection<Long> uids, String targetMailbox) {
        return transfer(uids, targetMailbox, true, true);
    }

    /**
     * COPY and MOVE (RFC 4314 §4): 'i' on the target; MOVE also 't' and 'e' here. Within one owner's
     * mailboxes, with every flag right on the target, the store does it. Otherwise each message is
     * streamed into the target with only the flags the user may set there, and a MOVE then expunges the
     * originals; if that fails part-way, the copies made so far are removed again, so the target keeps
     * its messages as they were (only its UIDNEXT has moved on).
     */
    private CopyResult transfer(Collection<Long> uids, String targetMailbox, boolean move, boolean all) {
        try {
            if (move) {
                requireAll(Right.DELETE_MESSAGES, Right.EXPUNGE);
            } else {
                readable();
            }
        } catch (MailStoreException e) {
            // the user selected this mailbox, so its existence is no secret; NONEXISTENT would read as
            // "a message was expunged" to the session
            throw new MailStoreException(Reason.NO_PERMISSION, e.getMessage());
        }
        AclAccount.Target to = account.resolve(targetMailbox);
        Rights there = account.rightsOn(to);
        if (!there.contains(Right.INSERT)) {
            throw there.isEmpty() ? new MailStoreException(Reason.NONEXISTENT, "no mailbox " + targetMailbox)
                    : new MailStoreException(Reason.NO_PERMISSION, "the 'i' right on " + targetMailbox + " is needed");
        }
        if (to.owner().name().equals(target.owner().name()) && allFlagRights(there)) {
            return all ? (move ? inner.moveAllTo(uids, to.local()) : inner.copyAllTo(uids, to.local()))
                    : (move ? inner.moveTo(uids, to.local()) : inner.copyTo(uids, to.local()));
        }
        List<MessageInfo> messages = new ArrayList<>();
        for (long uid : new TreeSet<>(uids)) {
            Optional<MessageInfo> m = inner.message(uid);
            if (m.isPresent()) {
                messages.add(m.get());
            } else if (all) {
                throw new MailStoreException(Reason.NONEXISTENT, "message " + uid + " was expunged");
            } // else: UID COPY ignores a UID expunged meanwhile (RFC 9051 §6.4.9)
        }
        List<Long> sources = new ArrayList<>();
        List<Long> copies = new ArrayList<>();
        long uidValidity = to.owner().status(to.local()).uidValidity();
        try {
            for (MessageInfo m : messages) {
                AppendResult appended;
                try (InputStream in = inner.content(m.uid()).open()) {
                    appended = to.owner().append(to.local(), in, AclAccount.permitted(m.flags(), there),
                            m.internalDate());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sources.add(m.uid());
                copies.add(appended.uid());
                uidValidity = appended.uidValidity();
            }
        } catch (RuntimeException e) {
            removeCopies(to, copies);
            throw e;
        }
        if (move && !sources.isEmpty()) {
            inner.store(sources, FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            inner.expunge(sources);
        }
        return new CopyResult(uidValidity, sources, copies);
    }

    /** Undoes a cross-owner copy that failed part-way: the store acts for the user, who had 'i' there. */
    private static void removeCopies(AclAccount.Target to, List<Long> copies) {
        if (copies.isEmpty()) {
            return;
        }
        try (Mailbox target = to.owner().open(to.local(), false)) {
            target.store(copies, FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            target.expunge(copies);
        } catch (RuntimeException cleanup) {
            // the original failure is the one to report
        }
    }

    @Override
    public AppendResult append(InputStream message, Flags flags, Instant internalDate) {
        Rights have = requireAll(Right.INSERT);
        return inner.append(message, AclAccount.permitted(flags, have), internalDate);
    }

    @Override
    public void refresh() {
        if (!cutOff) {
            inner.refresh();
        }
    }

    @Override
    public void setListener(MailboxListener listener) {
        if (target.ownMailbox()) {
            inner.setListener(listener);
            return;
        }
        // Called under the owner's locks, whose tree lock this thread already holds for reading: the
        // rights lookup re-enters it and cannot deadlock.
        inner.setListener(event -> {
            if (!cutOff && !account.rightsOn(target).contains(Right.READ)) {
                cutOff = true;
            }
            if (!cutOff) {
                listener.onEvent(event);
            }
        });
    }

    @Override
    public void close() {
        inner.close();
    }
}
