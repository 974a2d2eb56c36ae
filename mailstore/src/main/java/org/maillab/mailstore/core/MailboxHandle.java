package org.maillab.mailstore.core;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

import org.maillab.mailstore.AppendResult;
import org.maillab.mailstore.ConditionalStoreResult;
import org.maillab.mailstore.CopyResult;
import org.maillab.mailstore.FlagOp;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.MailboxEvent;
import org.maillab.mailstore.MailboxStatus;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.SystemFlag;

/**
 * The one shared state of a mailbox inside a store: its messages, counters and open views. Every
 * write takes {@link #lock}, records the change in the storage, commits it, and only then tells the
 * views. UIDs and modification sequences only ever grow (RFC 9051 §2.3.1.1, RFC 7162 §3).
 */
final class MailboxHandle {

    /** A message as the engine knows it, with the storage's handle. */
    record Entry(MessageInfo info, Object ref) {
    }

    /** An expunged message some views may still read, and how many of them hold it. */
    private static final class Kept {
        final Entry entry;
        int holders;

        Kept(Entry entry, int holders) {
            this.entry = entry;
            this.holders = holders;
        }
    }

    final ReentrantLock lock = new ReentrantLock();
    final AccountState account;
    final MailboxStorage storage;
    private volatile String name;

    private long uidValidity;
    private long uidNext;
    private long highestModSeq;
    private long firstRecentUid;
    private ExpungeLog expungeLog = new ExpungeLog(0);
    private final TreeMap<Long, Entry> messages = new TreeMap<>();
    /**
     * Messages expunged while other views had not yet told their clients: still readable to those
     * views (RFC 2180 §4.1.1), their bytes kept by the storage until the last of them lets go.
     */
    private final Map<Long, Kept> kept = new HashMap<>();
    private final List<MailboxView> views = new ArrayList<>();
    private long octets;
    private boolean gone;
    private boolean fresh; // loaded and reconciled just now: the next look need not scan again

    private MailboxHandle(AccountState account, String name, MailboxStorage storage) {
        this.account = account;
        this.name = name;
        this.storage = storage;
    }

    /** Loads the recorded state, then reconciles it with what the storage holds now. */
    static MailboxHandle load(AccountState account, String name, MailboxStorage storage) {
        MailboxHandle handle = new MailboxHandle(account, name, storage);
        handle.lock.lock();
        try {
            MailboxStorage.Snapshot snapshot = storage.load();
            handle.uidValidity = snapshot.uidValidity();
            handle.uidNext = snapshot.uidNext();
            handle.highestModSeq = snapshot.highestModSeq();
            handle.firstRecentUid = snapshot.firstRecentUid();
            handle.expungeLog = snapshot.expunged().copy();
            for (MailboxStorage.Stored s : snapshot.messages()) {
                MessageInfo info = new MessageInfo(s.uid(), s.flags(), s.internalDate(), s.size(), s.modSeq());
                handle.messages.put(s.uid(), new Entry(info, s.ref()));
                handle.octets += s.size();
                handle.uidNext = Math.max(handle.uidNext, s.uid() + 1);
                handle.highestModSeq = Math.max(handle.highestModSeq, s.modSeq());
            }
            account.usage(handle.messages.size(), handle.octets);
            handle.reconcile(false);
            handle.fresh = true;
            return handle;
        } finally {
            handle.lock.unlock();
        }
    }

    String name() {
        return name;
    }

    void renamed(String newName) {
        this.name = newName;
    }

    // ---- reading (callers hold the lock) ----

    long uidValidity() {
        return uidValidity;
    }

    long uidNext() {
        return uidNext;
    }

    long highestModSeq() {
        return highestModSeq;
    }

    /** Whether an absent UID may have been expunged after {@code modSeq} (see {@link ExpungeLog}). */
    boolean expungedSince(long uid, long modSeq) {
        return expungeLog.expungedSince(uid, modSeq);
    }

    List<MessageInfo> messages() {
        List<MessageInfo> list = new ArrayList<>(messages.size());
        for (Entry e : messages.values()) {
            list.add(e.info());
        }
        return list;
    }

    MessageInfo info(long uid) {
        Entry e = messages.get(uid);
        return e == null ? null : e.info();
    }

    /** A message in the mailbox, or one {@code view} still holds after another view expunged it. */
    MessageInfo visible(long uid, MailboxView view) {
        Entry e = visibleEntry(uid, view);
        return e == null ? null : e.info();
    }

    MessageContent content(long uid, MailboxView view) {
        Entry e = visibleEntry(uid, view);
        if (e == null) {
            throw new MailStoreException(Reason.NONEXISTENT, "no message with UID " + uid);
        }
        return storage.content(e.ref(), e.info().size());
    }

    private Entry visibleEntry(long uid, MailboxView view) {
        Entry e = messages.get(uid);
        if (e == null && view != null && view.holds(uid)) {
            Kept k = kept.get(uid);
            e = k == null ? null : k.entry;
        }
        return e;
    }

    MailboxStatus status() {
        long unseen = 0;
        long deleted = 0;
        for (Entry e : messages.values()) {
            Flags f = e.info().flags();
            if (!f.contains(SystemFlag.SEEN)) {
                unseen++;
            }
            if (f.contains(SystemFlag.DELETED)) {
                deleted++;
            }
        }
        long recent = messages.tailMap(firstRecentUid, true).size();
        return new MailboxStatus(messages.size(), recent, unseen, deleted, octets, uidNext, uidValidity,
                highestModSeq);
    }

    long octets() {
        return octets;
    }

    int count() {
        return messages.size();
    }

    void checkAlive() {
        if (gone) {
            throw new MailStoreException(Reason.NONEXISTENT, "the mailbox was deleted");
        }
    }

    // ---- views and \Recent (RFC 3501 §2.3.2) ----

    MailboxView attach(boolean readOnly) {
        checkAlive();
        catchUp();
        MailboxView view = new MailboxView(this, readOnly);
        TreeSet<Long> recent = new TreeSet<>(messages.tailMap(firstRecentUid, true).keySet());
        view.initRecent(recent);
        if (!readOnly && firstRecentUid < uidNext) {
            // this session is the first to see them; EXAMINE leaves them for the next (RFC 3501 §6.3.2)
            firstRecentUid = uidNext;
            storage.setFirstRecentUid(firstRecentUid);
            storage.commit();
        }
        views.add(view);
        return view;
    }

    void detach(MailboxView view) {
        views.remove(view);
        release(view, view.heldUids());
    }

    /** {@code view} has told its client these messages are gone: the last holder frees the bytes. */
    void release(MailboxView view, Collection<Long> uids) {
        for (Long uid : List.copyOf(uids)) {
            if (!view.letGo(uid)) {
                continue;
            }
            view.removeRecent(uid);
            Kept k = kept.get(uid);
            if (k != null && --k.holders == 0) {
                kept.remove(uid);
                storage.release(k.entry.ref());
            }
        }
    }

    /**
     * Takes an expunged message out of the storage: its bytes go now if no other view can still read
     * it, or stay until the views that were not yet told have let go ({@link #release}).
     */
    private void retire(Entry e, long uid, long modSeq, MailboxView origin) {
        List<MailboxView> holders = holdersFor(origin);
        if (holders.isEmpty()) {
            storage.expunge(e.ref(), uid, modSeq);
            return;
        }
        Object ref = storage.expungeKeeping(e.ref(), uid, modSeq);
        kept.put(uid, new Kept(new Entry(e.info(), ref), holders.size()));
        for (MailboxView view : holders) {
            view.hold(uid);
        }
    }

    /** The views other than {@code origin} that will be told of a change, and so may lag behind it. */
    private List<MailboxView> holdersFor(MailboxView origin) {
        List<MailboxView> holders = new ArrayList<>();
        for (MailboxView view : views) {
            if (view != origin && view.listening()) {
                holders.add(view);
            }
        }
        return holders;
    }

    /** The session that is first to see a new message gets it as \Recent. */
    private void claimRecent(long uid, MailboxView origin) {
        MailboxView claimer = origin != null && !origin.readOnly() ? origin : null;
        for (int i = 0; claimer == null && i < views.size(); i++) {
            if (!views.get(i).readOnly()) {
                claimer = views.get(i);
            }
        }
        if (claimer != null) {
            claimer.addRecent(uid);
            if (firstRecentUid <= uid) {
                firstRecentUid = uid + 1;
                storage.setFirstRecentUid(firstRecentUid);
            }
        }
    }

    private void publish(List<MailboxEvent> events, MailboxView origin) {
        for (MailboxView view : List.copyOf(views)) {
            if (view != origin) {
                for (MailboxEvent event : events) {
                    view.deliver(event);
                }
            }
        }
    }

    // ---- changes (callers hold the lock) ----

    /** Like {@link #reconcile}, but skips the scan if the handle was loaded (and scanned) just now. */
    void catchUp() {
        if (fresh) {
            fresh = false;
            return;
        }
        reconcile(true);
    }

    /** Picks up changes made behind the storage's back and tells every view (or none, when loading). */
    void reconcile(boolean tellViews) {
        fresh = false;
        MailboxStorage.ScanResult scan = storage.scan();
        if (scan.isEmpty()) {
            return;
        }
        List<MailboxEvent> events = new ArrayList<>();
        long addedOctets = 0;
        int addedCount = 0;
        for (Long uid : scan.vanished()) {
            Entry e = messages.remove(uid);
            if (e != null) {
                long ms = ++highestModSeq;
                storage.forget(e.ref(), uid, ms);
                expungeLog.add(uid, ms);
                octets -= e.info().size();
                addedOctets -= e.info().size();
                addedCount--;
                forgetRecent(uid);
                events.add(new MailboxEvent.MessageExpunged(uid, ms));
            }
        }
        for (MailboxStorage.FlagChange change : scan.flagChanges()) {
            Entry e = messages.get(change.uid());
            if (e != null && !e.info().flags().equals(change.flags())) {
                long ms = ++highestModSeq;
                storage.flagsFound(change.ref(), change.uid(), change.flags(), ms);
                MessageInfo info = with(e.info(), change.flags(), ms);
                messages.put(change.uid(), new Entry(info, change.ref()));
                events.add(new MailboxEvent.FlagsChanged(info));
            }
        }
        for (MailboxStorage.Found found : scan.found()) {
            long uid = uidNext++;
            long ms = ++highestModSeq;
            storage.adopt(found.ref(), uid, found.flags(), found.internalDate(), found.size(), ms);
            MessageInfo info = new MessageInfo(uid, found.flags(), found.internalDate(), found.size(), ms);
            messages.put(uid, new Entry(info, found.ref()));
            octets += found.size();
            addedOctets += found.size();
            addedCount++;
            claimRecent(uid, null);
            events.add(new MailboxEvent.MessageAdded(info));
        }
        storage.commit();
        account.usage(addedCount, addedOctets);
        if (tellViews) {
            publish(events, null);
        }
    }

    AppendResult append(MailboxStorage.Staged staged, Flags flags, Instant internalDate, MailboxView origin) {
        checkAlive();
        long uid;
        MessageInfo info;
        synchronized (account.quotaLock) {
            account.checkQuota(1, staged.size());
            uid = uidNext++;
            long ms = ++highestModSeq;
            Object ref = storage.commitAppend(staged, uid, flags, internalDate, ms);
            info = new MessageInfo(uid, flags, internalDate, staged.size(), ms);
            messages.put(uid, new Entry(info, ref));
            octets += staged.size();
            account.usage(1, staged.size());
        }
        claimRecent(uid, origin);
        storage.commit();
        publish(List.of(new MailboxEvent.MessageAdded(info)), origin);
        return new AppendResult(uidValidity, uid);
    }

    List<MessageInfo> store(Collection<Long> uids, FlagOp op, Flags operand, MailboxView origin) {
        return store(uids, op, operand, Long.MAX_VALUE, origin).stored();
    }

    /** Changes flags of the messages not changed since {@code unchangedSince}; the others are reported. */
    ConditionalStoreResult store(Collection<Long> uids, FlagOp op, Flags operand, long unchangedSince,
            MailboxView origin) {
        checkAlive();
        List<MessageInfo> result = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        List<MailboxEvent> events = new ArrayList<>();
        try {
            for (Long uid : new TreeSet<>(uids)) {
                Entry e = messages.get(uid);
                if (e == null) {
                    continue;
                }
                if (e.info().modSeq() > unchangedSince) {
                    modified.add(uid);
                    continue;
                }
                Flags updated = e.info().flags().apply(op, operand);
                if (updated.equals(e.info().flags())) {
                    result.add(e.info());
                    continue;
                }
                long ms = highestModSeq + 1;
                storage.setFlags(e.ref(), uid, updated, ms);
                highestModSeq = ms;
                MessageInfo info = with(e.info(), updated, ms);
                messages.put(uid, new Entry(info, e.ref()));
                result.add(info);
                events.add(new MailboxEvent.FlagsChanged(info));
            }
        } finally {
            storage.commit();
            publish(events, origin);
        }
        return new ConditionalStoreResult(result, modified);
    }

    /** Expunges the \Deleted messages among {@code uids}, or all \Deleted ones when null. */
    List<Long> expunge(Collection<Long> uids, boolean onlyDeleted, MailboxView origin) {
        checkAlive();
        Collection<Long> candidates = uids == null ? List.copyOf(messages.keySet()) : new TreeSet<>(uids);
        List<Long> removed = new ArrayList<>();
        List<MailboxEvent> events = new ArrayList<>();
        long freed = 0;
        try {
            for (Long uid : candidates) {
                Entry e = messages.get(uid);
                if (e == null || (onlyDeleted && !e.info().flags().contains(SystemFlag.DELETED))) {
                    continue;
                }
                long ms = highestModSeq + 1;
                retire(e, uid, ms, origin);
                highestModSeq = ms;
                expungeLog.add(uid, ms);
                messages.remove(uid);
                octets -= e.info().size();
                freed += e.info().size();
                forgetRecent(uid);
                removed.add(uid);
                events.add(new MailboxEvent.MessageExpunged(uid, ms));
            }
        } finally {
            storage.commit();
            account.usage(-removed.size(), -freed);
            publish(events, origin);
        }
        return removed;
    }

    /**
     * Copies (or moves) messages into {@code target}. Both handles are locked by the caller, in name
     * order. The target gets UIDs in the order of the source UIDs (RFC 4315 §3, COPYUID).
     */
    /**
     * Copies or moves the messages of {@code uids} still here; with {@code all}, none if one is gone.
     * A copy that fails part-way is undone (RFC 9051 §6.4.7: the target as it was); a move that fails
     * leaves each message moved or not (RFC 6851 §3.3).
     */
    CopyResult transfer(Collection<Long> uids, MailboxHandle target, boolean move, boolean all, MailboxView origin) {
        checkAlive();
        target.checkAlive();
        List<Entry> chosen = new ArrayList<>();
        long total = 0;
        Set<Long> wanted = new TreeSet<>(uids);
        for (Long uid : wanted) {
            Entry e = messages.get(uid);
            if (e != null) {
                chosen.add(e);
                total += e.info().size();
            }
        }
        if (all && chosen.size() < wanted.size()) {
            throw new MailStoreException(Reason.NONEXISTENT,
                    "some of the messages have been expunged");
        }
        List<Long> sourceUids = new ArrayList<>();
        List<Long> targetUids = new ArrayList<>();
        List<MailboxEvent> added = new ArrayList<>();
        List<MailboxEvent> expunged = new ArrayList<>();
        List<Entry> copies = new ArrayList<>();
        boolean failed = false;
        try {
            synchronized (account.quotaLock) {
                if (!move) {
                    account.checkQuota(chosen.size(), total);
                }
                // views not yet told of the move still read the message here (RFC 2180 §4.1.1): copy, then retire
                boolean keep = move && !holdersFor(origin).isEmpty();
                for (Entry e : chosen) {
                    MessageInfo src = e.info();
                    long tuid = target.uidNext++;
                    long tms = ++target.highestModSeq;
                    Object ref = move && !keep
                            ? target.storage.moveIn(storage, e.ref(), tuid, src.flags(), src.internalDate(),
                                    src.size(), tms)
                            : target.storage.copyIn(storage, e.ref(), tuid, src.flags(), src.internalDate(),
                                    src.size(), tms);
                    MessageInfo info = new MessageInfo(tuid, src.flags(), src.internalDate(), src.size(), tms);
                    target.messages.put(tuid, new Entry(info, ref));
                    target.octets += src.size();
                    target.claimRecent(tuid, null);
                    added.add(new MailboxEvent.MessageAdded(info));
                    sourceUids.add(src.uid());
                    targetUids.add(tuid);
                    if (move) {
                        long sms = ++highestModSeq;
                        if (keep) {
                            retire(e, src.uid(), sms, origin);
                        } else {
                            storage.forget(e.ref(), src.uid(), sms);
                        }
                        expungeLog.add(src.uid(), sms);
                        messages.remove(src.uid());
                        octets -= src.size();
                        forgetRecent(src.uid());
                        expunged.add(new MailboxEvent.MessageExpunged(src.uid(), sms));
                    } else {
                        account.usage(1, src.size());
                        copies.add(new Entry(info, ref));
                    }
                }
            }
        } catch (RuntimeException failure) {
            failed = true;
            if (!move) {
                target.undoCopies(copies);
                added.clear();
            }
            throw failure instanceof UncheckedIOException io && io.getCause() instanceof NoSuchFileException
                    ? new MailStoreException(Reason.NONEXISTENT, "a message file is gone")
                    : failure;
        } finally {
            // the target first: a crash in between leaves a message in both, never in neither
            target.storage.commit();
            storage.commit();
            target.publish(added, null);
            // the origin learns of its own moves from the result, unless there is none: a failed move
            publish(expunged, failed ? null : origin);
        }
        return new CopyResult(target.uidValidity, sourceUids, targetUids);
    }

    /** Removes the copies a failed COPY made here; their UIDs stay used (RFC 9051 §2.3.1.1). */
    private void undoCopies(List<Entry> copies) {
        for (Entry c : copies) {
            long uid = c.info().uid();
            storage.expunge(c.ref(), uid, ++highestModSeq);
            messages.remove(uid);
            octets -= c.info().size();
            account.usage(-1, -c.info().size());
            forgetRecent(uid);
        }
    }

    /** The mailbox is being deleted: every view sees its messages go. */
    void markGone() {
        List<MailboxEvent> events = new ArrayList<>();
        for (Long uid : messages.keySet()) {
            events.add(new MailboxEvent.MessageExpunged(uid, ++highestModSeq));
        }
        account.usage(-messages.size(), -octets);
        messages.clear();
        for (Kept k : kept.values()) {
            storage.release(k.entry.ref());
        }
        kept.clear();
        octets = 0;
        gone = true;
        publish(events, null);
    }

    /** A message left: it is \Recent nowhere, except to views that still hold it (until they let go). */
    private void forgetRecent(long uid) {
        for (MailboxView view : views) {
            if (!view.holds(uid)) {
                view.removeRecent(uid);
            }
        }
    }

    private static MessageInfo with(MessageInfo info, Flags flags, long modSeq) {
        return new MessageInfo(info.uid(), flags, info.internalDate(), info.size(), modSeq);
    }

    /** Streams a message into the storage; outside any lock, as it may take long. */
    static MailboxStorage.Staged stage(MailboxStorage storage, InputStream message) {
        return storage.stage(new CrlfInputStream(message));
    }

    Map<Long, Entry> entries() {
        return messages;
    }
}
