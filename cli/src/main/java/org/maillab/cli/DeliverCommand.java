package org.maillab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.maillab.mailstore.Quota;
import org.maillab.mailstore.core.CrlfInputStream;
import org.maillab.mailstore.maildir.MaildirUsage;

/**
 * {@code maillab deliver}: puts one message from standard input into a user's INBOX the way a mail
 * delivery agent does with any Maildir — write the file into {@code tmp/}, then rename it into
 * {@code new/}. The rename is atomic, so a reader never sees half a message, and it is safe while
 * {@code maillab serve} runs: the store picks up what appears in {@code new/}.
 */
final class DeliverCommand implements CliCommand {

    /**
     * Exit status when the account is over quota: sysexits(3) EX_TEMPFAIL, so that a mail transfer agent
     * that runs this command keeps the message queued and tries again later, as with a full mailbox.
     */
    static final int EX_TEMPFAIL = 75;

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long RANDOM = new SecureRandom().nextLong() >>> 1;

    @Override
    public String name() {
        return "deliver";
    }

    @Override
    public String summary() {
        return "put a message from standard input into a user's INBOX";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: maillab deliver [--data DIR] --user NAME < message.eml",
                "",
                "Delivers the RFC 5322 message on standard input into NAME's INBOX in the Maildir",
                "data directory (default ./maillab-data): written to NAME/tmp/, then renamed into NAME/new/.",
                "The account must exist (maillab serve creates it). Safe while maillab serve is running.",
                "A message that does not fit the account's quota is not delivered: exit status 75 (EX_TEMPFAIL).");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(usage());
            return 0;
        }
        return deliver(args, System.in, out, err);
    }

    static int deliver(List<String> args, InputStream message, PrintStream out, PrintStream err) throws IOException {
        Path data = Path.of("maillab-data");
        String user = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--data") || arg.equals("--user")) && i + 1 < args.size()) {
                if (arg.equals("--data")) {
                    data = Path.of(args.get(++i));
                } else {
                    user = args.get(++i);
                }
            } else {
                err.println("maillab deliver: unexpected argument '" + arg + "'");
                err.println("Usage: maillab deliver [--data DIR] --user NAME < message.eml");
                return 2;
            }
        }
        if (user == null) {
            err.println("maillab deliver: --user NAME is required");
            return 2;
        }
        // Names reach the file system: no separators, no dot files, nothing that climbs out of DIR.
        if (user.isEmpty() || user.startsWith(".") || user.contains("/") || user.contains("\\")
                || user.chars().anyMatch(c -> c < 0x20)) {
            err.println("maillab deliver: '" + user + "' is not a user name");
            return 2;
        }
        Path maildir = data.resolve(user);
        if (!Files.isDirectory(maildir.resolve("new")) || !Files.isDirectory(maildir.resolve("tmp"))) {
            err.println("maillab deliver: no account '" + user + "' in " + data + " (start maillab serve with --user "
                    + user + ":PASSWORD first)");
            return 1;
        }
        String unique = uniqueName();
        Path tmp = maildir.resolve("tmp").resolve(unique);
        long octets;
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream file = Channels.newOutputStream(channel);
            octets = message.transferTo(file);
            channel.force(true); // on disk before it becomes visible
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (octets == 0) {
            Files.deleteIfExists(tmp);
            err.println("maillab deliver: standard input was empty; nothing delivered");
            return 1;
        }
        Optional<String> overQuota = overQuota(maildir, tmp);
        if (overQuota.isPresent()) {
            Files.deleteIfExists(tmp);
            err.println("maillab deliver: " + user + " is over quota (" + overQuota.get() + "); nothing delivered."
                    + " Delete or expunge mail, or raise the quota, then deliver again.");
            return EX_TEMPFAIL;
        }
        Files.move(tmp, maildir.resolve("new").resolve(unique), StandardCopyOption.ATOMIC_MOVE);
        out.println("delivered " + octets + " octets to " + user + "'s INBOX (" + maildir.resolve("new").resolve(unique)
                + ")");
        return 0;
    }

    /**
     * Why the message in {@code tmp} does not fit the account's quota (RFC 9208 STORAGE and MESSAGE,
     * counted as the store counts them), or empty if it fits.
     */
    private static Optional<String> overQuota(Path maildir, Path tmp) throws IOException {
        Optional<Quota> quota = MaildirUsage.read(maildir);
        if (quota.isEmpty()) {
            return Optional.empty();
        }
        long size;
        try (InputStream in = Files.newInputStream(tmp)) {
            size = CrlfInputStream.canonicalSize(in);
        }
        Quota q = quota.get();
        if (q.allows(1, size)) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        q.storageLimit().ifPresent(l -> why.add("storage " + q.storageUsed() + " of " + l + " octets used, message "
                + size + " octets"));
        q.messageLimit().ifPresent(l -> why.add("messages " + q.messagesUsed() + " of " + l));
        return Optional.of(String.join("; ", why));
    }

    /** A Maildir file name: time, then what makes it unique on this host (maildir(5)). */
    private static String uniqueName() {
        long now = System.currentTimeMillis();
        return (now / 1000) + ".M" + (now % 1000) + "P" + ProcessHandle.current().pid() + "Q"
                + COUNTER.incrementAndGet() + "R" + Long.toHexString(RANDOM) + ".maillab";
    }
}
