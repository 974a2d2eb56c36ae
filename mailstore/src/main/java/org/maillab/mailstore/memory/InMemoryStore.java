package org.maillab.mailstore.memory;

import java.util.List;
import java.util.Optional;

import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.core.StoreEngine;

/**
 * A store that keeps everything in memory, for tests and simulations. Same semantics as the Maildir
 * store (one engine, one contract suite); nothing survives {@link #close()}.
 *
 * <pre>{@code
 * MailStore store = new InMemoryStore();
 * Account alice = store.createAccount("alice", "secret", false);
 * alice.append("INBOX", new ByteArrayInputStream(bytes), Flags.NONE, Instant.now());
 * }</pre>
 */
public final class InMemoryStore implements MailStore {

    /** PBKDF2 cost here: memory stores live in tests, where thousands of logins must stay quick. */
    private static final int ITERATIONS = 1_000;

    private final StoreEngine engine = new StoreEngine(new MemoryStorage(), ITERATIONS);

    public InMemoryStore() {
    }

    @Override
    public Account createAccount(String name, String password, boolean apop) {
        return engine.createAccount(name, password, apop);
    }

    @Override
    public void setPassword(String name, String password) {
        engine.setPassword(name, password);
    }

    @Override
    public Optional<Account> authenticate(String name, String password) {
        return engine.authenticate(name, password);
    }

    @Override
    public Optional<Account> authenticateApop(String name, String timestamp, String digest) {
        return engine.authenticateApop(name, timestamp, digest);
    }

    @Override
    public Optional<Account> account(String name) {
        return engine.account(name);
    }

    @Override
    public List<String> accountNames() {
        return engine.accountNames();
    }

    @Override
    public void close() {
        engine.close();
    }
}
