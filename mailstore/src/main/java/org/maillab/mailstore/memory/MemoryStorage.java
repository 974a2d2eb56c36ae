package org.maillab.mailstore.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.maillab.mailstore.core.AccountRecord;
import org.maillab.mailstore.core.AccountStorage;
import org.maillab.mailstore.core.StoreStorage;

/** Accounts in a map. */
final class MemoryStorage implements StoreStorage {

    private final ConcurrentHashMap<String, MemoryAccount> accounts = new ConcurrentHashMap<>();

    @Override
    public List<String> accountNames() {
        return new ArrayList<>(accounts.keySet());
    }

    @Override
    public boolean accountExists(String name) {
        return accounts.containsKey(name);
    }

    @Override
    public AccountStorage createAccount(String name, AccountRecord record, long inboxUidValidity) {
        MemoryAccount account = new MemoryAccount(record, inboxUidValidity);
        accounts.put(name, account);
        return account;
    }

    @Override
    public AccountStorage account(String name) {
        return accounts.get(name);
    }

    @Override
    public void close() {
        accounts.clear();
    }
}
