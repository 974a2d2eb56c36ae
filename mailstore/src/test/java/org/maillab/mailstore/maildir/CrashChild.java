package org.maillab.mailstore.maildir;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.maillab.mailstore.Account;
import org.maillab.mailstore.FlagOp;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.SystemFlag;

/**
 * The process {@link MaildirCrashTest} kills. It changes a Maildir store in a loop and reports on
 * stdout, before each operation, what it is about to do ({@code BEGIN ...}) and, once the store has
 * returned, what was committed ({@code DONE ...}). Arguments: root, seed, fsync, token prefix. A
 * read-only view of every folder stays open and never releases what others expunge, as an IMAP session
 * that was not yet told would.
 */
public final class CrashChild {

    static final String ACCOUNT = "crash";
    static final List<String> FOLDERS = List.of("INBOX", "Work", "Archive");

    private CrashChild() {
    }

    /** A message whose every byte follows from its token and size, so a reader can tell a torn one. */
    static byte[] content(String token, int size) {
        StringBuilder sb = new StringBuilder(size + 100);
        sb.append("Subject: ").append(token).append("\r\nX-Size: ").append(size).append("\r\n\r\n");
        int line = 0;
        while (sb.length() < size) {
            sb.append(token).append(' ').append(line++).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        boolean fsync = Boolean.parseBoolean(args[2]);
        String prefix = args[3];
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        MaildirStore store = MaildirStore.open(root,
                MaildirStore.Options.defaults().withFsync(fsync).withPbkdf2Iterations(1000));
        Account account = store.account(ACCOUNT).orElseThrow();
        // A session on every folder that is never told of anything: each expunge and move keeps the
        // message's file for it in tmp/ (deferred unlink), so the kill also leaves such files behind.
        List<Mailbox> lagging = new ArrayList<>();
        for (var info : account.list("*")) {
            Mailbox view = account.open(info.name(), true);
            view.setListener(event -> { });
            lagging.add(view);
        }
        out.println("READY");
        out.flush();
        for (int n = 0; ; n++) {
            List<String> boxes = new ArrayList<>();
            account.list("*").forEach(i -> boxes.add(i.name()));
            String box = boxes.get(random.nextInt(boxes.size()));
            int kind = random.nextInt(10);
            if (kind < 4) {
                String token = prefix + "-" + n;
                int size = switch (random.nextInt(3)) {
                    case 0 -> 200;
                    case 1 -> 40_000;
                    default -> 400_000;
                };
                Flags flags = flags(random);
                report(out, "BEGIN APPEND " + box + " " + token);
                InputStream in = new java.io.ByteArrayInputStream(content(token, size));
                // dated now: a kept file's mtime is its internal date, and stale tmp/ files go anyway
                var r = account.append(box, in, flags, Instant.now());
                report(out, "DONE APPEND " + box + " " + r.uidValidity() + " " + r.uid() + " " + token + " "
                        + letters(flags));
                continue;
            }
            try (Mailbox m = account.open(box, false)) {
                List<MessageInfo> msgs = m.messages();
                if (kind < 7 && !msgs.isEmpty()) {
                    MessageInfo target = msgs.get(random.nextInt(msgs.size()));
                    Flags flags = flags(random);
                    report(out, "BEGIN FLAGS " + box + " " + m.uidValidity() + " " + target.uid() + " " + letters(flags));
                    m.store(List.of(target.uid()), FlagOp.REPLACE, flags);
                    report(out, "DONE FLAGS " + box + " " + m.uidValidity() + " " + target.uid() + " " + letters(flags));
                } else if (kind == 7) {
                    StringBuilder uids = new StringBuilder();
                    for (MessageInfo i : msgs) {
                        if (i.flags().contains(SystemFlag.DELETED)) {
                            uids.append(' ').append(i.uid());
                        }
                    }
                    report(out, "BEGIN EXPUNGE " + box + " " + m.uidValidity() + uids);
                    List<Long> gone = m.expunge();
                    StringBuilder done = new StringBuilder();
                    gone.forEach(u -> done.append(' ').append(u));
                    report(out, "DONE EXPUNGE " + box + " " + m.uidValidity() + done);
                } else if (kind == 8 && !msgs.isEmpty()) {
                    String to = boxes.get(random.nextInt(boxes.size()));
                    if (to.equals(box)) {
                        continue;
                    }
                    MessageInfo target = msgs.get(random.nextInt(msgs.size()));
                    long toValidity = account.status(to).uidValidity();
                    report(out, "BEGIN MOVE " + m.uidValidity() + " " + target.uid() + " " + toValidity);
                    var r = m.moveTo(List.of(target.uid()), to);
                    report(out, "DONE MOVE " + m.uidValidity() + " " + target.uid() + " " + r.targetUidValidity() + " "
                            + r.targetUids().get(0));
                } else if (kind == 9 && !box.equals("INBOX")) {
                    m.close();
                    String to = box.equals("Work") ? "Archive" : "Work";
                    if (boxes.contains(to)) {
                        continue;
                    }
                    report(out, "BEGIN RENAME " + box + " " + to);
                    account.rename(box, to);
                    report(out, "DONE RENAME " + box + " " + to);
                }
            }
        }
    }

    private static void report(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    private static Flags flags(Random random) {
        EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag f : SystemFlag.values()) {
            if (random.nextInt(3) == 0) {
                system.add(f);
            }
        }
        return new Flags(system, random.nextBoolean() ? Set.of("Work") : Set.of());
    }

    /** Flags as one word: system flag letters, then {@code +keyword}s; {@code -} for none. */
    static String letters(Flags flags) {
        StringBuilder sb = new StringBuilder();
        for (SystemFlag f : flags.system()) {
            sb.append(f.maildirLetter());
        }
        for (String k : flags.keywords()) {
            sb.append('+').append(k);
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
