package org.maillab.mailstore.maildir;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

import org.maillab.mailstore.AclContract;
import org.maillab.mailstore.MailStore;

/** ACLs on disk: one {@code maillab-acl} file per folder; the restart test opens the tree again. */
class MaildirAclContractTest extends AclContract {

    private final Map<MailStore, Path> roots = new IdentityHashMap<>();

    @Override
    protected MailStore newStore() {
        Path parent = TempDirs.create("maillab-acl");
        MailStore store = open(parent);
        roots.put(store, parent);
        return store;
    }

    private static MailStore open(Path parent) {
        return MaildirStore.open(parent.resolve("store"), MaildirStore.Options.defaults().withPbkdf2Iterations(1000));
    }

    @Override
    protected MailStore reopen(MailStore store) {
        Path parent = roots.remove(store);
        store.close();
        MailStore again = open(parent);
        roots.put(again, parent);
        return again;
    }

    @Override
    protected void dispose(MailStore store) {
        store.close();
        TempDirs.delete(roots.remove(store));
    }
}
