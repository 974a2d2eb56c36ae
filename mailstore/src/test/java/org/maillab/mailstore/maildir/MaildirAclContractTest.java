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

    @org.junit.jupiter.api.Test
    void theAclIsASmallFileInTheFolderAndNonsenseLinesInItAreSkipped() throws Exception {
        alice.setAcl("Team", "bob", org.maillab.mailstore.Rights.parse("lr").orElseThrow());
        Path folder = roots.get(store).resolve("store").resolve("alice").resolve(".Team");
        Path file = folder.resolve(MaildirAccount.ACL);
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.readString(file).contains("bob lr\n"));
        java.nio.file.Files.writeString(file, "bob lr\nnot an entry\ncarol lrZ\n-bad/name l\nanyone l\n");
        store = reopen(store);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of("alice", "bob", "anyone"),
                store.account("alice").orElseThrow().acl("Team").keySet());
    }
}
