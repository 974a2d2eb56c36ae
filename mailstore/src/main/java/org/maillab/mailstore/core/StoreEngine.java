package org.maillab.mailstore.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.time.Instant;

import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;

/**
 * The one implementation of the store's semantics, over a {@link StoreStorage}. The in-memory and
 * Maildir stores are this engine with different storages.
 */
public final class StoreEngine implements MailStore {

    private final StoreStorage storage;
    private final int iterations;
    private final LoginCache logins;
    private final Map<String, AccountState> accounts = new HashMap<>(); // guarded by itself
    /** Checked against when the account does not exist, at the same cost as a real check. */
    private volatile String decoyHash;

    public StoreEngine(StoreStorage storage) {
        this(storage, PasswordHash.DEFAULT_ITERATIONS);
    }

    /** With a chosen PBKDF2 cost (tests may take a low one to stay fast). */
    public StoreEngine(StoreStorage storage, int pbkdf2Iterations) {
        this(storage, pbkdf2Iterations, LoginCache.forPbkdf2());
    }

    /** With a chosen cache of verified logins (tests count the slow checks behind it). */
    public StoreEngine(StoreStorage storage, int pbkdf2Iterations, LoginCache logins) {
        this.storage = storage;
        this.iterations = pbkdf2Iterations;
        this.logins = logins;
    }

    @Override
    public Account createAccount(String name, String password, boolean apop) {
        MailboxNames.checkAccountName(name);
        if (password == null) {
            throw new IllegalArgumentException("a password is required");
        }
        synchronized (accounts) {
            if (storage.accountExists(name)) {
                throw new MailStoreException(Reason.ALREADY_EXISTS, "account exists: " + name);
            }
            long uidValidity = Instant.now().getEpochSecond();
            AccountRecord record = new AccountRecord(PasswordHash.hash(password, iterations),
                    apop ? Optional.of(password) : Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    uidValidity);
            AccountStorage created = storage.createAccount(name, record, uidValidity);
            AccountState state = new AccountState(name, created);
            accounts.put(name, state);
            return new AccountView(state);
        }
    }

    @Override
    public void setPassword(String name, String password) {
        AccountState state = state(name).orElseThrow(
                () -> new MailStoreException(Reason.NONEXISTENT, "no account " + name));
        String hash = PasswordHash.hash(password, iterations);
        state.updateRecord(r -> r.withPasswordHash(hash,
                r.apopSecret().isPresent() ? Optional.of(password) : Optional.empty()));
        logins.forget(name); // the old password must not open the account again, not even from the cache
    }

    @Override
    public Optional<Account> authenticate(String name, String password) {
        Optional<AccountState> state = state(name);
        if (state.isEmpty()) {
            // as slow as a wrong password, so the answer's timing does not tell which names exist
            PasswordHash.verify(password == null ? "" : password, decoyHash());
            return Optional.empty();
        }
        // repeated logins skip PBKDF2 through the cache; a wrong password never does
        if (logins.check(name, password, state.get().record().passwordHash())) {
            return Optional.of(new AccountView(state.get()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Account> authenticateApop(String name, String timestamp, String digest) {
        Optional<AccountState> state = state(name);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> secret = state.get().record().apopSecret();
        if (secret.isPresent() && PasswordHash.verifyApop(timestamp, secret.get(), digest)) {
            return Optional.of(new AccountView(state.get()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Account> account(String name) {
        return state(name).map(AccountView::new);
    }

    @Override
    public List<String> accountNames() {
        synchronized (accounts) {
            return storage.accountNames().stream().sorted().toList();
        }
    }

    @Override
    public void close() {
        storage.close();
    }

    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            hash = PasswordHash.hash("decoy", iterations);
            decoyHash = hash;
        }
        return hash;
    }

    private Optional<AccountState> state(String name) {
        try {
            MailboxNames.checkAccountName(name);
        } catch (MailStoreException e) {
            return Optional.empty();
        }
        synchronized (accounts) {
            AccountState state = accounts.get(name);
            if (state == null) {
                if (!storage.accountExists(name)) {
                    return Optional.empty();
                }
                state = new AccountState(name, storage.account(name));
                accounts.put(name, state);
            }
            return Optional.of(state);
        }
    }
}
