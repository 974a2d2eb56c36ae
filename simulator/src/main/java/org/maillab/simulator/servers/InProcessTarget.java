package org.maillab.simulator.servers;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MailboxInfo;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.world.GeneratedMessage;
import org.maillab.simulator.world.MessageIds;
import org.maillab.simulator.world.VirtualClock;

/**
 * MailLab's own servers, started in this process on 127.0.0.1 (free ports) over a fresh
 * {@link InMemoryStore}: the default target. Delivery and storage measures go straight to the store.
 */
public final class InProcessTarget implements ServerTarget {

    /** Starts a protocol server over a store and says where it listens. */
    public interface Launcher {
        /** The running server; empty if this build has no such server. */
        Optional<RunningServer> start(MailStore store) throws IOException;
    }

    /** A started server. */
    public interface RunningServer extends AutoCloseable {
        Endpoint endpoint();

        @Override
        void close();
    }

    private final MailStore store = new InMemoryStore();
    private final Optional<RunningServer> pop3;
    private final Optional<RunningServer> imap;
    private final Map<String, String> idCache = new HashMap<>();

    public InProcessTarget(Launcher pop3Launcher, Launcher imapLauncher) throws IOException {
        this.pop3 = pop3Launcher.start(store);
        Optional<RunningServer> started = Optional.empty();
        try {
            started = imapLauncher.start(store);
        } catch (IOException | RuntimeException e) {
            pop3.ifPresent(RunningServer::close);
            throw e;
        }
        this.imap = started;
    }

    /** A launcher for a server this build does not have. */
    public static Launcher none() {
        return store -> Optional.empty();
    }

    /** The store behind the servers (tests look inside). */
    public MailStore store() {
        return store;
    }

    @Override
    public String description() {
        return "MailLab in-process servers on 127.0.0.1 (in-memory store)";
    }

    @Override
    public Optional<Endpoint> pop3() {
        return pop3.map(RunningServer::endpoint);
    }

    @Override
    public Optional<Endpoint> imap() {
        return imap.map(RunningServer::endpoint);
    }

    @Override
    public void prepare(AccountSpec spec) {
        Account account = store.createAccount(spec.name(), spec.password(), false);
        account.setQuota(spec.quotaBytes(), spec.quotaMessages());
    }

    @Override
    public Delivery deliver(GeneratedMessage message, InputStream content) {
        Account account = store.account(message.account()).orElseThrow();
        try {
            account.append("INBOX", content, Flags.NONE, VirtualClock.at(message.arrival()));
            return Delivery.DELIVERED;
        } catch (MailStoreException e) {
            if (e.reason() == MailStoreException.Reason.OVER_QUOTA) {
                return Delivery.REFUSED_OVER_QUOTA;
            }
            throw e;
        }
    }

    @Override
    public Credentials credentials(AccountSpec account) {
        return new Credentials(account.name(), account.password());
    }

    @Override
    public OptionalLong storedBytes(String account) {
        return OptionalLong.of(store.account(account).orElseThrow().quota().storageUsed());
    }

    @Override
    public Optional<Set<String>> messageIds(String accountName) {
        Account account = store.account(accountName).orElseThrow();
        Set<String> ids = new HashSet<>();
        for (MailboxInfo info : account.list("*")) {
            if (!info.selectable()) {
                continue;
            }
            try (Mailbox mailbox = account.open(info.name(), true)) {
                for (MessageInfo m : mailbox.messages()) {
                    String key = accountName + "/" + info.name() + "/" + mailbox.uidValidity() + "/" + m.uid();
                    String id = idCache.computeIfAbsent(key, k -> readId(mailbox, m.uid()));
                    ids.add(id);
                }
            }
        }
        return Optional.of(ids);
    }

    private static String readId(Mailbox mailbox, long uid) {
        try (InputStream in = mailbox.content(uid).open()) {
            return MessageIds.read(in).orElse("uid:" + uid);
        } catch (IOException e) {
            return "uid:" + uid;
        }
    }

    @Override
    public void close() {
        pop3.ifPresent(RunningServer::close);
        imap.ifPresent(RunningServer::close);
        store.close();
    }
}
