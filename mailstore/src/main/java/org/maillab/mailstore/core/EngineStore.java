package org.maillab.mailstore.core;

import java.util.List;
import java.util.Optional;

import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;

/**
 * A {@link MailStore} whose semantics are all in a {@link StoreEngine}: the Maildir and in-memory
 * stores differ only in the storage they hand the engine.
 */
public abstract class EngineStore implements MailStore {

    private final StoreEngine engine;

    protected EngineStore(StoreEngine engine) {
        this.engine = engine;
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
