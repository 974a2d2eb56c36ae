package org.maillab.mailstore.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.maillab.mailstore.SpecialUse;
import org.maillab.mailstore.core.AccountRecord;
import org.maillab.mailstore.core.AccountStorage;
import org.maillab.mailstore.core.MailboxNames;
import org.maillab.mailstore.core.MailboxStorage;

/**
 * One account's Maildir: INBOX is the directory itself, other mailboxes are Maildir++ folders
 * beside its {@code cur/ new/ tmp/}. Account files, all rewritten via temp file + rename:
 * {@code maillab-account} (password hash, APOP secret, quota), {@code maillab-subscriptions},
 * {@code maillab-special-use}; {@code maillab-pop3.lock} is the POP3 maildrop lock between processes.
 * Each folder (INBOX: the account directory) may hold {@code maillab-acl}, its access control list
 * (RFC 4314), one {@code identifier rights} pair a line; it lives inside the folder's directory, so a
 * rename carries it and a delete drops it.
 */
final class MaildirAccount implements AccountStorage {

    static final String RECORD = "maillab-account";
    private static final String SUBSCRIPTIONS = "maillab-subscriptions";
    private static final String SPECIAL_USE = "maillab-special-use";
    private static final String POP3_LOCK = "maillab-pop3.lock";
    static final String ACL = "maillab-acl";
    private static final String TRASH_PREFIX = "maillab-trash.";
    private static final String NEW_PREFIX = "maillab-new.";
    /** Expunged messages that sessions not yet told may still read, in tmp/ (see MaildirFolder#expungeKeeping). */
    static final String EXPUNGED_PREFIX = "maillab-expunged.";
    /** The Maildir spec: a file in tmp/ untouched for 36 hours is garbage. */
    private static final Duration STALE_TMP = Duration.ofHours(36);

    private final Path dir;
    private final boolean fsync;
    private final Map<String, MaildirFolder> folders = new HashMap<>();

    MaildirAccount(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
        cleanUp();
    }

    /** Makes the account's Maildir (keeping one that is already there) and its record. */
    static MaildirAccount create(Path dir, AccountRecord record, long inboxUidValidity, boolean fsync) {
        try {
            Files.createDirectories(dir);
            for (String sub : new String[] {"cur", "new", "tmp"}) {
                Files.createDirectories(dir.resolve(sub));
            }
            if (!Files.exists(dir.resolve(FolderIndex.SNAPSHOT))) {
                FolderIndex.create(dir, inboxUidValidity, fsync);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MaildirAccount account = new MaildirAccount(dir, fsync);
        account.writeRecord(record); // last: the record's existence is the account's
        return account;
    }

    /**
     * Finishes deletions and creations a crash interrupted; drops stale files in tmp/, and the files
     * of expunged messages kept for sessions that a restart has ended.
     */
    private void cleanUp() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (n.startsWith(TRASH_PREFIX) || n.startsWith(NEW_PREFIX)) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant cutoff = Instant.now().minus(STALE_TMP);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve("tmp"))) {
            for (Path p : entries) {
                if (p.getFileName().toString().startsWith(EXPUNGED_PREFIX)
                        || Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // a missing tmp/ is recreated on first append
        }
    }

    // ---- the record ----

    @Override
    public AccountRecord readRecord() {
        String text = AtomicFiles.read(dir.resolve(RECORD)).orElseThrow(
                () -> new IllegalStateException("no account record in " + dir));
        return parseRecord(text);
    }

    /** The record from its file's text (also read, without a store, by {@link MaildirUsage}). */
    static AccountRecord parseRecord(String text) {
        String hash = "";
        Optional<String> apop = Optional.empty();
        OptionalLong storage = OptionalLong.empty();
        OptionalLong messages = OptionalLong.empty();
        long lastUidValidity = 0;
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            String key = line.substring(0, space);
            String value = line.substring(space + 1).trim();
            switch (key) {
                case "password" -> hash = value;
                case "apop" -> apop = Optional.of(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
                case "storage-limit" -> storage = OptionalLong.of(Long.parseLong(value));
                case "message-limit" -> messages = OptionalLong.of(Long.parseLong(value));
                case "last-uidvalidity" -> lastUidValidity = Long.parseLong(value);
                default -> {
                    // a later version's field
                }
            }
        }
        return new AccountRecord(hash, apop, storage, messages, lastUidValidity);
    }

    @Override
    public void writeRecord(AccountRecord record) {
        StringBuilder sb = new StringBuilder();
        sb.append("# MailLab account. The password is a PBKDF2 hash; apop, if present, is the APOP secret\n");
        sb.append("# (RFC 1939 section 7 needs it readable), base64-encoded.\n");
        sb.append("password ").append(record.passwordHash()).append('\n');
        record.apopSecret().ifPresent(s -> sb.append("apop ")
                .append(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))).append('\n'));
        record.storageLimit().ifPresent(v -> sb.append("storage-limit ").append(v).append('\n'));
        record.messageLimit().ifPresent(v -> sb.append("message-limit ").append(v).append('\n'));
        sb.append("last-uidvalidity ").append(record.lastUidValidity()).append('\n');
        Path file = dir.resolve(RECORD);
        AtomicFiles.write(file, sb.toString(), fsync);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its own rules apply
        }
    }

    // ---- the mailbox tree ----

    @Override
    public Set<String> mailboxNames() {
        Set<String> names = new TreeSet<>();
        names.add(MailboxNames.INBOX);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*")) {
            for (Path p : entries) {
                if (Files.isDirectory(p.resolve("cur"))) {
                    FolderNames.mailbox(p.getFileName().toString()).ifPresent(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    @Override
    public void checkName(String name) {
        FolderNames.check(name);
    }

    private Path folderDir(String name) {
        return name.equals(MailboxNames.INBOX) ? dir : dir.resolve(FolderNames.directory(name));
    }

    @Override
    public void createMailbox(String name, long uidValidity) {
        // built aside, then one rename: a crash never leaves half a folder
        Path aside = dir.resolve(NEW_PREFIX + UniqueNames.next());
        try {
            MaildirFolder.create(aside, uidValidity, fsync, true);
            Files.move(aside, folderDir(name), StandardCopyOption.ATOMIC_MOVE);
            if (fsync) {
                AtomicFiles.syncDirectory(dir);
            }
        } catch (IOException e) {
            deleteTree(aside);
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteMailbox(String name) {
        MaildirFolder folder = folders.remove(name);
        if (folder != null) {
            folder.close();
        }
        // renamed out of sight first (one atomic step), then removed at leisure
        Path trash = dir.resolve(TRASH_PREFIX + UniqueNames.next());
        try {
            Files.move(folderDir(name), trash, StandardCopyOption.ATOMIC_MOVE);
            if (fsync) {
                AtomicFiles.syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteTree(trash);
    }

    @Override
    public void renameMailbox(String from, String to) {
        Path target = folderDir(to);
        try {
            Files.move(folderDir(from), target, StandardCopyOption.ATOMIC_MOVE);
            if (fsync) {
                AtomicFiles.syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MaildirFolder folder = folders.remove(from);
        if (folder != null) {
            folder.relocate(target);
            folders.put(to, folder);
        }
    }

    @Override
    public Set<String> readSubscriptions() {
        Set<String> names = new TreeSet<>();
        AtomicFiles.read(dir.resolve(SUBSCRIPTIONS)).ifPresent(text -> {
            for (String line : text.split("\n")) {
                if (!line.isEmpty()) {
                    names.add(line);
                }
            }
        });
        return names;
    }

    @Override
    public void writeSubscriptions(Set<String> names) {
        StringBuilder sb = new StringBuilder();
        names.forEach(n -> sb.append(n).append('\n'));
        AtomicFiles.write(dir.resolve(SUBSCRIPTIONS), sb.toString(), fsync);
    }

    @Override
    public Map<String, SpecialUse> readSpecialUse() {
        Map<String, SpecialUse> roles = new TreeMap<>();
        AtomicFiles.read(dir.resolve(SPECIAL_USE)).ifPresent(text -> {
            for (String line : text.split("\n")) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    try {
                        roles.put(line.substring(0, tab), SpecialUse.valueOf(line.substring(tab + 1)));
                    } catch (IllegalArgumentException e) {
                        // a role we do not know
                    }
                }
            }
        });
        return roles;
    }

    @Override
    public void writeSpecialUse(Map<String, SpecialUse> roles) {
        StringBuilder sb = new StringBuilder();
        roles.forEach((n, r) -> sb.append(n).append('\t').append(r.name()).append('\n'));
        AtomicFiles.write(dir.resolve(SPECIAL_USE), sb.toString(), fsync);
    }

    @Override
    public Map<String, org.maillab.mailstore.Rights> readAcl(String name) {
        Map<String, org.maillab.mailstore.Rights> acl = new TreeMap<>();
        AtomicFiles.read(folderDir(name).resolve(ACL)).ifPresent(text -> {
            for (String line : text.split("\n")) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && !line.startsWith("#")
                        && org.maillab.mailstore.acl.AccessRules.isValidIdentifier(parts[0])) {
                    // a line edited by hand into nonsense is skipped, not fatal
                    org.maillab.mailstore.Rights.parse(parts[1]).ifPresent(r -> acl.put(parts[0], r));
                }
            }
        });
        return acl;
    }

    @Override
    public void writeAcl(String name, Map<String, org.maillab.mailstore.Rights> acl) {
        StringBuilder sb = new StringBuilder("# MailLab access control list (RFC 4314): identifier rights\n");
        acl.forEach((id, rights) -> sb.append(id).append(' ').append(rights).append('\n'));
        AtomicFiles.write(folderDir(name).resolve(ACL), sb.toString(), fsync);
    }

    @Override
    public MailboxStorage mailbox(String name) {
        return folders.computeIfAbsent(name, n -> new MaildirFolder(folderDir(n), dir.resolve("tmp"), fsync,
                Instant.now().getEpochSecond()));
    }

    @Override
    public Optional<AutoCloseable> lockMaildrop() {
        try {
            FileChannel channel = FileChannel.open(dir.resolve(POP3_LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // another store object of this JVM holds it
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            FileLock held = lock;
            return Optional.of(() -> {
                held.release();
                channel.close();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        for (MaildirFolder f : folders.values()) {
            f.close();
        }
        folders.clear();
    }

    /** Removes a directory tree; nothing if it does not exist. Tests clean up with it too. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
