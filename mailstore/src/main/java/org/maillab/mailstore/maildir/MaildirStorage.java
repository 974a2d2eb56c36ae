package org.maillab.mailstore.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.maillab.mailstore.core.AccountRecord;
import org.maillab.mailstore.core.AccountStorage;
import org.maillab.mailstore.core.StoreStorage;

/** Accounts as directories under a root: {@code root/<account>[/<subdirectory>]} is the Maildir. */
final class MaildirStorage implements StoreStorage {

    private final Path root;
    private final MaildirStore.Options options;
    private final Map<String, MaildirAccount> accounts = new HashMap<>();

    MaildirStorage(Path root, MaildirStore.Options options) {
        this.root = root;
        this.options = options;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }        Instant now = Instant.now();
        for (String name : accountNames()) {
            StaleTmpFiles.remove(accountDir(name), now);
        }
    }

    private Path accountDir(String name) {
        Path d = root.resolve(name);
        return options.accountSubdirectory().isEmpty() ? d : d.resolve(options.accountSubdirectory());
    }

    @Override
    public List<String> accountNames() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (Files.exists(accountDir(n).resolve(MaildirAccount.RECORD))) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    @Override
    public boolean accountExists(String name) {
        return Files.exists(accountDir(name).resolve(MaildirAccount.RECORD));
    }

    @Override
    public synchronized AccountStorage createAccount(String name, AccountRecord record, long inboxUidValidity) {
        MaildirAccount account = MaildirAccount.create(accountDir(name), record, inboxUidValidity, options.fsync());
        accounts.put(name, account);
        return account;
    }

    @Override
    public synchronized AccountStorage account(String name) {
        return accounts.computeIfAbsent(name, n -> new MaildirAccount(accountDir(n), options.fsync()));
    }

    @Override
    public synchronized void close() {
        for (MaildirAccount a : accounts.values()) {
            a.close();
        }
        accounts.clear();
    }
}
