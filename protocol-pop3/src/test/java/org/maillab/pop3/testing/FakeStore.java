package org.maillab.pop3.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.AppendResult;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxInfo;
import org.maillab.mailstore.MailboxStatus;
import org.maillab.mailstore.Maildrop;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.Quota;
import org.maillab.mailstore.SpecialUse;

/**
 * A minimal store for session tests: INBOX only, the maildrop lock, plain passwords. Just enough of
 * the mailstore contract for POP3; everything else throws.
 */
public final class FakeStore implements MailStore {

    public static final long UID_VALIDITY = 1700000000L;

    private final Map<String, FakeAccount> accounts = new LinkedHashMap<>();

    public FakeAccount add(String name, String password) {
        FakeAccount account = new FakeAccount(name, password);
        accounts.put(name, account);
        return account;
    }

    @Override
    public Account createAccount(String name, String password, boolean apop) {
        return add(name, password);
    }

    @Override
    public void setPassword(String name, String password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Optional<Account> authenticate(String name, String password) {
        FakeAccount a = accounts.get(name);
        return a != null && a.password.equals(password) ? Optional.of(a) : Optional.empty();
    }

    @Override
    public synchronized Optional<Account> authenticateApop(String name, String timestamp, String digest) {
        FakeAccount a = accounts.get(name);
        return a != null && md5Hex(timestamp + a.password).equals(digest) ? Optional.of(a) : Optional.empty();
    }

    @Override
    public synchronized Optional<Account> account(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    @Override
    public List<String> accountNames() {
        return List.copyOf(accounts.keySet());
    }

    @Override
    public void close() {
    }

    public static String md5Hex(String text) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An account with an INBOX kept as a list of byte arrays. */
    public static final class FakeAccount implements Account {
        private final String name;
        private final String password;
        private final Map<Long, byte[]> inbox = new LinkedHashMap<>();
        private long nextUid = 1;
        private boolean locked;
        public int commits;

        FakeAccount(String name, String password) {
            this.name = name;
            this.password = password;
        }

        public synchronized long deliver(String message) {
            long uid = nextUid++;
            inbox.put(uid, message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            return uid;
        }

        public synchronized List<Long> uids() {
            return List.copyOf(inbox.keySet());
        }

        public synchronized boolean locked() {
            return locked;
        }

        /** What an IMAP session expunging a message would do behind POP3's back. */
        public synchronized void expungeBehindTheBack(long uid) {
            inbox.remove(uid);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized Maildrop openMaildrop() {
            if (locked) {
                throw new MailStoreException(MailStoreException.Reason.IN_USE, "maildrop locked");
            }
            locked = true;
            List<MessageInfo> snapshot = new ArrayList<>();
            inbox.forEach((uid, bytes) -> snapshot.add(new MessageInfo(uid, Flags.NONE, Instant.EPOCH, bytes.length, 1)));
            return new FakeMaildrop(this, List.copyOf(snapshot));
        }

        @Override
        public synchronized MailboxStatus status(String mailbox) {
            long size = inbox.values().stream().mapToLong(b -> b.length).sum();
            return new MailboxStatus(inbox.size(), 0, inbox.size(), 0, size, nextUid, UID_VALIDITY, 1);
        }

        @Override
        public AppendResult append(String mailbox, InputStream message, Flags flags, Instant internalDate) {
            try {
                return new AppendResult(UID_VALIDITY, deliver(new String(message.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public List<MailboxInfo> list(String pattern) { throw new UnsupportedOperationException(); }
        @Override public Optional<MailboxInfo> mailbox(String n) { throw new UnsupportedOperationException(); }
        @Override public void create(String n) { throw new UnsupportedOperationException(); }
        @Override public void create(String n, SpecialUse s) { throw new UnsupportedOperationException(); }
        @Override public void delete(String n) { throw new UnsupportedOperationException(); }
        @Override public void rename(String f, String t) { throw new UnsupportedOperationException(); }
        @Override public void subscribe(String n) { throw new UnsupportedOperationException(); }
        @Override public void unsubscribe(String n) { throw new UnsupportedOperationException(); }
        @Override public List<String> subscriptions() { throw new UnsupportedOperationException(); }
        @Override public Mailbox open(String n, boolean r) { throw new UnsupportedOperationException(); }
        @Override public Quota quota() { throw new UnsupportedOperationException(); }
        @Override public void setQuota(OptionalLong s, OptionalLong m) { throw new UnsupportedOperationException(); }
    }

    private static final class FakeMaildrop implements Maildrop {
        private final FakeAccount account;
        private final List<MessageInfo> snapshot;
        private boolean open = true;

        FakeMaildrop(FakeAccount account, List<MessageInfo> snapshot) {
            this.account = account;
            this.snapshot = snapshot;
        }

        @Override
        public List<MessageInfo> messages() {
            return snapshot;
        }

        @Override
        public MessageContent content(long uid) {
            byte[] bytes;
            synchronized (account) {
                bytes = account.inbox.get(uid);
            }
            if (bytes == null) {
                throw new MailStoreException(MailStoreException.Reason.NONEXISTENT, "expunged");
            }
            return new MessageContent() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public InputStream open() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public InputStream open(long offset, long length) {
                    int from = (int) Math.min(offset, bytes.length);
                    int len = (int) Math.min(length, bytes.length - from);
                    return new ByteArrayInputStream(bytes, from, len);
                }
            };
        }

        @Override
        public List<Long> commit(Collection<Long> deletedUids) {
            synchronized (account) {
                List<Long> removed = new ArrayList<>();
                for (Long uid : deletedUids) {
                    if (account.inbox.remove(uid) != null) {
                        removed.add(uid);
                    }
                }
                account.commits++;
                close();
                return removed;
            }
        }

        @Override
        public void close() {
            synchronized (account) {
                if (open) {
                    open = false;
                    account.locked = false;
                }
            }
        }
    }
}
