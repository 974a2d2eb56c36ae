package org.maillab.mailstore.core;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.maillab.mailstore.Account;
import org.maillab.mailstore.AppendResult;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxInfo;
import org.maillab.mailstore.MailboxStatus;
import org.maillab.mailstore.Maildrop;
import org.maillab.mailstore.Quota;
import org.maillab.mailstore.Rights;
import org.maillab.mailstore.acl.AccessRules;
import org.maillab.mailstore.SpecialUse;

/** The {@link Account} API over an account's shared state. Every name is checked first. */
final class AccountView implements Account {

    private final AccountState state;

    AccountView(AccountState state) {
        this.state = state;
    }

    @Override
    public String name() {
        return state.name;
    }

    @Override
    public List<MailboxInfo> list(String pattern) {
        if (pattern == null) {
            return List.of();
        }
        return state.underTree(false, () -> {
            List<MailboxInfo> result = new ArrayList<>();
            for (String n : state.allNames()) {
                if (ListPattern.matches(pattern, n)) {
                    MailboxInfo info = state.info(n);
                    if (n.equals(MailboxNames.INBOX)) {
                        result.add(0, info);
                    } else {
                        result.add(info);
                    }
                }
            }
            return result;
        });
    }

    @Override
    public Optional<MailboxInfo> mailbox(String name) {
        String canonical = MailboxNames.canonical(name);
        return state.underTree(false,
                () -> state.exists(canonical) ? Optional.of(state.info(canonical)) : Optional.empty());
    }

    @Override
    public void create(String name) {
        create(name, null);
    }

    @Override
    public void create(String name, SpecialUse specialUse) {
        String canonical = MailboxNames.canonicalForCreate(name);
        state.underTree(true, () -> {
            state.createWithParents(canonical, specialUse);
            return null;
        });
    }

    @Override
    public void delete(String name) {
        String canonical = MailboxNames.canonical(name);
        state.underTree(true, () -> {
            state.delete(canonical);
            return null;
        });
    }

    @Override
    public void rename(String from, String to) {
        String source = MailboxNames.canonical(from);
        String target = MailboxNames.canonical(to);
        state.underTree(true, () -> {
            state.rename(source, target);
            return null;
        });
    }

    @Override
    public void subscribe(String name) {
        String canonical = MailboxNames.canonical(name);
        state.underTree(true, () -> {
            state.subscribe(canonical, true);
            return null;
        });
    }

    @Override
    public void unsubscribe(String name) {
        String canonical = MailboxNames.canonical(name);
        state.underTree(true, () -> {
            state.subscribe(canonical, false);
            return null;
        });
    }

    @Override
    public List<String> subscriptions() {
        return state.underTree(false, state::subscriptionList);
    }

    @Override
    public MailboxStatus status(String name) {
        String canonical = MailboxNames.canonical(name);
        return state.underTree(false, () -> {
            MailboxHandle h = state.handle(canonical);
            MailboxStatus status;
            h.lock.lock();
            try {
                h.catchUp();
                status = h.status();
            } finally {
                h.lock.unlock();
            }
            h.storage.sync();
            return status;
        });
    }

    @Override
    public Mailbox open(String name, boolean readOnly) {
        String canonical = MailboxNames.canonical(name);
        return state.underTree(false, () -> {
            MailboxHandle h = state.handle(canonical);
            Mailbox view;
            h.lock.lock();
            try {
                view = h.attach(readOnly);
            } finally {
                h.lock.unlock();
            }
            h.storage.sync();
            return view;
        });
    }

    @Override
    public AppendResult append(String mailbox, InputStream message, Flags flags, Instant internalDate) {
        String canonical = MailboxNames.canonical(mailbox);
        Flags checked = FlagRules.check(flags);
        Instant date = internalDate == null ? Instant.now() : internalDate;
        MailboxHandle before = state.underTree(false, () -> state.handle(canonical));
        // the bytes are streamed without any lock held: a slow sender blocks nobody
        MailboxStorage.Staged staged = MailboxHandle.stage(before.storage, message);
        boolean done = false;
        try {
            AppendResult result = state.underTree(false, () -> {
                MailboxHandle h = state.handle(canonical);
                AppendResult appended;
                h.lock.lock();
                try {
                    appended = h.append(staged, checked, date, null);
                } finally {
                    h.lock.unlock();
                }
                h.storage.sync(); // outside the lock: concurrent writers share the fsync
                return appended;
            });
            done = true;
            return result;
        } finally {
            if (!done) {
                before.storage.discard(staged);
            }
        }
    }

    @Override
    public Maildrop openMaildrop() {
        AutoCloseable lock = state.acquireMaildrop();
        try {
            return state.underTree(false, () -> {
                MailboxHandle inbox = state.handle(MailboxNames.INBOX);
                Maildrop maildrop;
                inbox.lock.lock();
                try {
                    inbox.catchUp();
                    maildrop = new MaildropImpl(state, inbox, inbox.messages(), lock);
                } finally {
                    inbox.lock.unlock();
                }
                inbox.storage.sync();
                return maildrop;
            });
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (Exception ignored) {
                // releasing a lock we just took; nothing more to do
            }
            throw e;
        }
    }

    @Override
    public Quota quota() {
        return state.quota();
    }

    @Override
    public void setQuota(OptionalLong storageLimit, OptionalLong messageLimit) {
        if (storageLimit == null || messageLimit == null) {
            throw new NullPointerException("use OptionalLong.empty() for no limit");
        }
        state.setQuota(storageLimit, messageLimit);
    }

    // ---- access control lists (RFC 4314): the owner's view, who may do everything ----

    @Override
    public java.util.Map<String, Rights> acl(String mailbox) {
        String canonical = MailboxNames.canonical(mailbox);
        return state.underTree(false, () -> {
            java.util.Map<String, Rights> result = new java.util.LinkedHashMap<>();
            result.put(state.name, Rights.ALL);
            state.acl(canonical).forEach((id, rights) -> {
                if (!id.equals(state.name)) {
                    result.put(id, rights);
                }
            });
            return java.util.Collections.unmodifiableMap(result);
        });
    }

    @Override
    public void setAcl(String mailbox, String identifier, Rights rights) {
        if (!AccessRules.isValidIdentifier(identifier)) {
            throw new MailStoreException(Reason.INVALID_NAME, "not an identifier: " + identifier);
        }
        if (identifier.equals(state.name)) {
            throw new MailStoreException(Reason.CANNOT, "the owner's rights are fixed: all of them");
        }
        String canonical = MailboxNames.canonical(mailbox);
        state.underTree(false, () -> {
            state.setAcl(canonical, identifier, rights);
            return null;
        });
    }

    @Override
    public Rights requiredRights(String mailbox, String identifier) {
        String canonical = MailboxNames.canonical(mailbox);
        state.underTree(false, () -> state.acl(canonical));
        return identifier.equals(state.name) ? Rights.ALL : Rights.NONE;
    }

    @Override
    public String toString() {
        return "Account[" + state.name + "]";
    }

    static MailStoreException nonexistent(String what) {
        return new MailStoreException(Reason.NONEXISTENT, what);
    }
}
