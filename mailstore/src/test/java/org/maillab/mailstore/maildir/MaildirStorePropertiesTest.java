package org.maillab.mailstore.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreProperties;

/** The generated-input properties on disk (fsync off: the properties are about names and semantics). */
class MaildirStorePropertiesTest extends MailStoreProperties {

    private final Map<MailStore, Path> roots = new IdentityHashMap<>();

    @Override
    protected MailStore newStore() {
        Path parent = TempDirs.create("maillab-props");
        MailStore store = MaildirStore.open(parent.resolve("store"),
                MaildirStore.Options.defaults().withPbkdf2Iterations(1000).withFsync(false));
        roots.put(store, parent);
        return store;
    }

    @Override
    protected void dispose(MailStore store) {
        store.close();
        TempDirs.delete(roots.remove(store));
    }

    /** Nothing beside the store's root, nothing in the root but the accounts, and folders only as Maildir++ names. */
    @Override
    protected void assertNothingOutside(MailStore store, String account) {
        Path parent = roots.get(store);
        assertEquals(List.of("store"), list(parent));
        assertEquals(List.of("alice", "bob"), list(parent.resolve("store")));
        for (String entry : list(parent.resolve("store").resolve(account))) {
            assertTrue(entry.startsWith(".") || entry.startsWith("maillab-") || entry.startsWith("dovecot-")
                    || List.of("cur", "new", "tmp").contains(entry), entry);
            assertTrue(!entry.equals("..") && !entry.contains("/"), entry);
        }
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
