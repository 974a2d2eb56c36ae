package org.maillab.mailstore.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.maillab.mailstore.Quota;
import org.maillab.mailstore.core.AccountRecord;
import org.maillab.mailstore.core.CrlfInputStream;

/**
 * An account's quota read straight from its Maildir, without opening a store: for a delivery agent
 * ({@code maillab deliver}) that must refuse mail over quota while a server may be running on the same
 * tree. It only reads. Usage counts every message file in {@code cur/} and {@code new/} of INBOX and of
 * each Maildir++ folder, in the store's own measure (octets with CRLF line ends, RFC 9208 §5.1): the
 * {@code W=} size in the file name where the store wrote one, else the file's bytes with bare line ends
 * counted as CRLF.
 *
 * <p>Like every Maildir++ quota, the check and the delivery are not one atomic step: a message stored
 * by the server in between can take the last room. The server's own APPEND and COPY are exact.
 */
public final class MaildirUsage {

    private MaildirUsage() {
    }

    /** The quota of the account whose Maildir is {@code accountDir}; empty if there is no account there. */
    public static Optional<Quota> read(Path accountDir) {
        Optional<String> text = AtomicFiles.read(accountDir.resolve(MaildirAccount.RECORD));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        AccountRecord record = MaildirAccount.parseRecord(text.get());
        long[] usage = new long[2]; // octets, messages
        try {
            addFolder(accountDir, usage);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(accountDir, ".*")) {
                for (Path folder : entries) {
                    if (Files.isDirectory(folder.resolve("cur"))) {
                        addFolder(folder, usage);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Quota(record.storageLimit(), record.messageLimit(), usage[0], usage[1]));
    }

    private static void addFolder(Path folder, long[] usage) throws IOException {
        for (String sub : new String[] {"cur", "new"}) {
            Path dir = folder.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue; // not a message (maildir(5): names starting with a dot are ignored)
                    }
                    long size = MaildirMessage.field(MaildirMessage.split(name)[0], 'W');
                    if (size < 0) {
                        size = canonicalSize(file);
                    }
                    if (size >= 0) {
                        usage[0] += size;
                        usage[1]++;
                    }
                }
            }
        }
    }

    /** The size with CRLF line ends, or -1 if the file went away meanwhile (expunged, moved). */
    private static long canonicalSize(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CrlfInputStream.canonicalSize(in);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }
}
