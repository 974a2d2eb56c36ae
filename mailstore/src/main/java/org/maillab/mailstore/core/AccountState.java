package org.maillab.mailstore.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.maillab.mailstore.CopyResult;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.MailboxInfo;
import org.maillab.mailstore.Quota;
import org.maillab.mailstore.Rights;
import org.maillab.mailstore.SpecialUse;

/**
 * The shared state of one account inside a store. Locks: {@link #tree} (write for creating, deleting,
 * renaming mailboxes; read for everything else), then a mailbox's lock (two in name order for copy
 * and move), then {@link #quotaLock}. Always in that order, so there is no deadlock.
 */
final class AccountState {

    /** A server limit on mailboxes per account (RFC 5530 LIMIT). */
    static final int MAX_MAILBOXES = 1000;

    final String name;
    final AccountStorage storage;
    final ReentrantReadWriteLock tree = new ReentrantReadWriteLock();
    final Object quotaLock = new Object();

    private AccountRecord record;                              // guarded by quotaLock
    private final TreeSet<String> selectable;                  // guarded by tree
    private final TreeSet<String> subscriptions;               // guarded by tree
    private final TreeMap<String, SpecialUse> roles;           // guarded by tree
    private final Map<String, MailboxHandle> handles = new HashMap<>(); // guarded by itself
    private final Map<String, Map<String, Rights>> acls = new HashMap<>(); // a cache; guarded by itself
    private final AtomicLong usedMessages = new AtomicLong();  // of loaded mailboxes
    private final AtomicLong usedOctets = new AtomicLong();
    private boolean maildropHeld;                              // guarded by this

    AccountState(String name, AccountStorage storage) {
        this.name = name;
        this.storage = storage;
        this.record = storage.readRecord();
        this.selectable = new TreeSet<>(storage.mailboxNames());
        this.selectable.add(MailboxNames.INBOX);
        this.subscriptions = new TreeSet<>(storage.readSubscriptions());
        this.roles = new TreeMap<>(storage.readSpecialUse());
    }

    // ---- passwords ----

    AccountRecord record() {
        synchronized (quotaLock) {
            return record;
        }
    }

    void updateRecord(java.util.function.UnaryOperator<AccountRecord> change) {
        synchronized (quotaLock) {
            AccountRecord updated = change.apply(record);
            storage.writeRecord(updated);
            record = updated;
        }
    }

    long nextUidValidity() {
        synchronized (quotaLock) {
            long next = Math.max(record.lastUidValidity() + 1, Instant.now().getEpochSecond());
            updateRecord(r -> r.withLastUidValidity(next));
            return next;
        }
    }

    // ---- quota (RFC 9208) ----

    void usage(long messages, long octets) {
        usedMessages.addAndGet(messages);
        usedOctets.addAndGet(octets);
    }

    /**
     * Called under quotaLock (and the tree read lock), before a change that adds messages. Usage counts
     * only loaded mailboxes, so the others are loaded first: after a restart, a mailbox nobody opened
     * yet still counts against the limit. Loading takes only the new handle's own lock, never one a
     * caller holds, so this cannot deadlock.
     */
    void checkQuota(long messages, long octets) {
        if (record.storageLimit().isEmpty() && record.messageLimit().isEmpty()) {
            return;
        }
        loadAll();
        Quota q = new Quota(record.storageLimit(), record.messageLimit(), usedOctets.get(), usedMessages.get());
        if (!q.allows(messages, octets)) {
            throw new MailStoreException(Reason.OVER_QUOTA, "the account's quota does not allow this");
        }
    }

    /** Loads every mailbox, so that usage counts all of them. Callers hold the tree read lock. */
    void loadAll() {
        for (String mailbox : List.copyOf(selectable)) {
            handle(mailbox);
        }
    }

    /**
     * Usage now. Mailboxes are rescanned first, so mail another program delivered into the Maildir
     * ({@code maillab deliver}) counts from here on, as it does once any session looks at its mailbox.
     */
    Quota quota() {
        return underTree(false, () -> {
            loadAll();
            for (String mailbox : List.copyOf(selectable)) {
                MailboxHandle h = handle(mailbox);
                h.lock.lock();
                try {
                    h.catchUp();
                } finally {
                    h.lock.unlock();
                }
                h.storage.sync();
            }
            synchronized (quotaLock) {
                return new Quota(record.storageLimit(), record.messageLimit(), usedOctets.get(),
                        usedMessages.get());
            }
        });
    }

    void setQuota(OptionalLong storage, OptionalLong messages) {
        updateRecord(r -> r.withLimits(storage, messages));
    }

    // ---- locking helpers ----

    <T> T underTree(boolean write, Supplier<T> action) {
        var l = write ? tree.writeLock() : tree.readLock();
        l.lock();
        try {
            return action.get();
        } finally {
            l.unlock();
        }
    }

    /**
     * Runs {@code action} under the mailbox's lock, then, with the lock released, makes what it
     * committed durable: writers waiting at the same time share one fsync (group commit).
     */
    <T> T withMailboxLock(MailboxHandle handle, Supplier<T> action) {
        return underTree(false, () -> {
            T result;
            handle.lock.lock();
            try {
                result = action.get();
            } finally {
                handle.lock.unlock();
            }
            handle.storage.sync();
            return result;
        });
    }

    // ---- mailboxes ----

    /** The handle of a selectable mailbox; {@code NONEXISTENT} otherwise. Tree lock held. */
    MailboxHandle handle(String canonical) {
        if (!selectable.contains(canonical)) {
            throw new MailStoreException(Reason.NONEXISTENT, "no mailbox " + canonical);
        }
        synchronized (handles) {
            MailboxHandle h = handles.get(canonical);
            if (h == null) {
                h = MailboxHandle.load(this, canonical, storage.mailbox(canonical));
                handles.put(canonical, h);
            }
            return h;
        }
    }

    boolean exists(String canonical) {
        return selectable.contains(canonical) || hasChildren(canonical);
    }

    boolean isSelectable(String canonical) {
        return selectable.contains(canonical);
    }

    boolean hasChildren(String canonical) {
        String prefix = canonical + MailboxNames.DELIMITER;
        String next = selectable.ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }

    /** Every name that exists: the selectable ones and the non-selectable ones above them. */
    TreeSet<String> allNames() {
        TreeSet<String> all = new TreeSet<>(selectable);
        for (String s : selectable) {
            all.addAll(MailboxNames.ancestors(s));
        }
        return all;
    }

    MailboxInfo info(String canonical) {
        return new MailboxInfo(canonical, selectable.contains(canonical), hasChildren(canonical),
                subscriptions.contains(canonical), Optional.ofNullable(roles.get(canonical)));
    }

    /** Creates {@code canonical} and missing parents (RFC 9051 §6.3.4). Tree write lock held. */
    void createWithParents(String canonical, SpecialUse role) {
        if (selectable.contains(canonical)) {
            throw new MailStoreException(Reason.ALREADY_EXISTS, "mailbox exists: " + canonical);
        }
        List<String> toCreate = new ArrayList<>();
        for (String ancestor : MailboxNames.ancestors(canonical)) {
            if (!selectable.contains(ancestor)) {
                toCreate.add(ancestor);
            }
        }
        toCreate.add(canonical);
        for (String n : toCreate) {
            storage.checkName(n);
        }
        if (selectable.size() + toCreate.size() > MAX_MAILBOXES) {
            throw new MailStoreException(Reason.LIMIT, "at most " + MAX_MAILBOXES + " mailboxes per account");
        }
        // RFC 4314 §4: a new mailbox SHOULD inherit the ACL of its parent
        Map<String, Rights> inherited = Map.of();
        for (String ancestor : MailboxNames.ancestors(canonical)) {
            if (selectable.contains(ancestor)) {
                inherited = acl(ancestor); // ancestors come outermost first: the last found is nearest
            }
        }
        for (String n : toCreate) {
            storage.createMailbox(n, nextUidValidity());
            selectable.add(n);
            if (!inherited.isEmpty()) {
                writeAcl(n, inherited);
            }
        }
        if (role != null) {
            roles.put(canonical, role);
            storage.writeSpecialUse(roles);
        }
    }

    /** RFC 9051 §6.3.5. Tree write lock held. */
    void delete(String canonical) {
        if (canonical.equals(MailboxNames.INBOX)) {
            throw new MailStoreException(Reason.CANNOT, "INBOX cannot be deleted");
        }
        if (!selectable.contains(canonical)) {
            if (hasChildren(canonical)) {
                throw new MailStoreException(Reason.CANNOT,
                        "a mailbox that exists only because it has children cannot be deleted");
            }
            throw new MailStoreException(Reason.NONEXISTENT, "no mailbox " + canonical);
        }
        MailboxHandle h;
        synchronized (handles) {
            h = handles.remove(canonical);
        }
        if (h != null) {
            h.lock.lock();
            try {
                h.markGone();
            } finally {
                h.lock.unlock();
            }
        }
        storage.deleteMailbox(canonical); // its ACL goes with it (RFC 4314 §4)
        selectable.remove(canonical);
        synchronized (acls) {
            acls.remove(canonical);
        }
        if (roles.remove(canonical) != null) {
            storage.writeSpecialUse(roles);
        }
    }

    /** RFC 9051 §6.3.6. Tree write lock held. */
    void rename(String from, String to) {
        if (to.equals(MailboxNames.INBOX) || exists(to)) {
            throw new MailStoreException(Reason.ALREADY_EXISTS, "mailbox exists: " + to);
        }
        if (from.equals(MailboxNames.INBOX)) {
            renameInbox(to);
            return;
        }
        if (!exists(from)) {
            throw new MailStoreException(Reason.NONEXISTENT, "no mailbox " + from);
        }
        if (MailboxNames.isBelow(to, from)) {
            throw new MailStoreException(Reason.CANNOT, "a mailbox cannot be moved below itself");
        }
        List<String> moving = new ArrayList<>();
        for (String n : selectable) {
            if (n.equals(from) || MailboxNames.isBelow(n, from)) {
                moving.add(n);
            }
        }
        Map<String, String> renames = new TreeMap<>();
        for (String old : moving) {
            String renamed = MailboxNames.canonical(to + old.substring(from.length()));
            storage.checkName(renamed);
            renames.put(old, renamed);
        }
        // superiors of the new name that do not exist are created (RFC 9051 §6.3.6)
        for (String ancestor : MailboxNames.ancestors(to)) {
            if (!exists(ancestor)) {
                createWithParents(ancestor, null);
            }
        }
        boolean subsChanged = false;
        boolean rolesChanged = false;
        for (Map.Entry<String, String> r : renames.entrySet()) {
            storage.renameMailbox(r.getKey(), r.getValue()); // the ACL moves with it (RFC 4314 §4)
            selectable.remove(r.getKey());
            selectable.add(r.getValue());
            synchronized (acls) {
                acls.remove(r.getKey());
                acls.remove(r.getValue());
            }
            synchronized (handles) {
                MailboxHandle h = handles.remove(r.getKey());
                if (h != null) {
                    h.renamed(r.getValue());
                    handles.put(r.getValue(), h);
                }
            }
            if (subscriptions.remove(r.getKey())) {
                subscriptions.add(r.getValue());
                subsChanged = true;
            }
            SpecialUse role = roles.remove(r.getKey());
            if (role != null) {
                roles.put(r.getValue(), role);
                rolesChanged = true;
            }
        }
        if (subsChanged) {
            storage.writeSubscriptions(subscriptions);
        }
        if (rolesChanged) {
            storage.writeSpecialUse(roles);
        }
    }

    /** Renaming INBOX moves its messages to a new mailbox and leaves INBOX empty (RFC 9051 §6.3.6). */
    private void renameInbox(String to) {
        createWithParents(to, null);
        MailboxHandle inbox = handle(MailboxNames.INBOX);
        MailboxHandle target = handle(to);
        lockBoth(inbox, target);
        try {
            inbox.transfer(List.copyOf(inbox.entries().keySet()), target, true, false, null);
        } finally {
            unlockBoth(inbox, target);
        }
        target.storage.sync();
        inbox.storage.sync();
    }

    void subscribe(String canonical, boolean on) {
        if (on && !exists(canonical)) {
            throw new MailStoreException(Reason.NONEXISTENT, "no mailbox " + canonical);
        }
        boolean changed = on ? subscriptions.add(canonical) : subscriptions.remove(canonical);
        if (changed) {
            storage.writeSubscriptions(subscriptions);
        }
    }

    List<String> subscriptionList() {
        return List.copyOf(subscriptions);
    }

    /** COPY and MOVE from an open view (RFC 9051 §6.4.7, RFC 6851). */
    CopyResult transfer(MailboxHandle source, Collection<Long> uids, String targetName, boolean move,
            boolean all, MailboxView origin) {
        String canonical = MailboxNames.canonical(targetName);
        return underTree(false, () -> {
            MailboxHandle target = handle(canonical);
            if (move && target == source) {
                throw new MailStoreException(Reason.CANNOT, "a message cannot be moved to its own mailbox");
            }
            CopyResult result;
            lockBoth(source, target);
            try {
                result = source.transfer(uids, target, move, all, origin);
            } finally {
                unlockBoth(source, target);
            }
            target.storage.sync(); // the target first, as in the commit
            source.storage.sync();
            return result;
        });
    }

    private static void lockBoth(MailboxHandle a, MailboxHandle b) {
        if (a == b) {
            a.lock.lock();
            return;
        }
        boolean aFirst = a.name().compareTo(b.name()) < 0;
        (aFirst ? a : b).lock.lock();
        (aFirst ? b : a).lock.lock();
    }

    private static void unlockBoth(MailboxHandle a, MailboxHandle b) {
        a.lock.unlock();
        if (a != b) {
            b.lock.unlock();
        }
    }

    // ---- POP3 maildrop (RFC 1939 §8) ----

    synchronized AutoCloseable acquireMaildrop() {
        if (maildropHeld) {
            throw new MailStoreException(Reason.IN_USE, "the maildrop is locked by another session");
        }
        Optional<AutoCloseable> external = storage.lockMaildrop();
        if (external.isEmpty()) {
            throw new MailStoreException(Reason.IN_USE, "the maildrop is locked by another process");
        }
        maildropHeld = true;
        AutoCloseable fileLock = external.get();
        return () -> {
            synchronized (AccountState.this) {
                try {
                    fileLock.close();
                } finally {
                    maildropHeld = false;
                }
            }
        };
    }

    // ---- access control lists (RFC 4314) ----

    /** A selectable mailbox's stored ACL entries. Tree lock held. */
    Map<String, Rights> acl(String canonical) {
        if (!selectable.contains(canonical)) {
            throw new MailStoreException(Reason.NONEXISTENT, "no mailbox " + canonical);
        }
        synchronized (acls) {
            return acls.computeIfAbsent(canonical, n -> Map.copyOf(storage.readAcl(n)));
        }
    }

    /** Sets one entry; empty rights remove it. Tree lock held. */
    void setAcl(String canonical, String identifier, Rights rights) {
        synchronized (acls) {
            Map<String, Rights> updated = new TreeMap<>(acl(canonical));
            if (rights.isEmpty()) {
                if (updated.remove(identifier) == null) {
                    return;
                }
            } else {
                updated.put(identifier, rights);
            }
            writeAcl(canonical, updated);
        }
    }

    private void writeAcl(String canonical, Map<String, Rights> acl) {
        synchronized (acls) {
            storage.writeAcl(canonical, acl);
            acls.put(canonical, Map.copyOf(acl));
        }
    }

    Set<String> selectableNames() {
        return selectable;
    }
}
