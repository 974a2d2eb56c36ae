package org.maillab.mailstore.maildir;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreContract;

/** The contract on disk, with fsync on as in production. */
class MaildirStoreContractTest extends MailStoreContract {

    private final Map<MailStore, Path> roots = new IdentityHashMap<>();

    @Override
    protected MailStore newStore() {
        Path parent = TempDirs.create("maillab-contract");
        MailStore store = MaildirStore.open(parent.resolve("store"),
                MaildirStore.Options.defaults().withPbkdf2Iterations(1000));
        roots.put(store, parent);
        return store;
    }

    @Override
    protected void dispose(MailStore store) {
        store.close();
        TempDirs.delete(roots.remove(store));
    }
}
