package org.maillab.mailstore.maildir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.SystemFlag;

/**
 * Appends many small messages to one Maildir mailbox, opens it cold (a new store object: index and
 * directory listing only, no message file is read), lists UIDs and flags, and reports appends per
 * second, the cold-open time and the heap the open mailbox holds. Not a test: run it by hand.
 *
 * <pre>
 * mvn -q -o -pl mailstore -am test-compile
 * java -cp mailstore/target/classes:mailstore/target/test-classes \
 *     org.maillab.mailstore.maildir.MaildirBenchmark [messages=100000] [durableMessages=2000]
 * </pre>
 */
public final class MaildirBenchmark {

    private MaildirBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int durable = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path root = TempDirs.create("maillab-bench");
        try {
            System.out.printf("MaildirBenchmark: %d small messages, Java %s, %d CPUs, load average %s, %s%n", count,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(), root);
            double fast = appendRate(root.resolve("nofsync"), count, false);
            System.out.printf("append, fsync off:  %,.0f messages/s (%,d messages)%n", fast, count);
            if (durable > 0) {
                double slow = appendRate(root.resolve("fsync"), durable, true);
                System.out.printf("append, fsync on:   %,.0f messages/s (%,d messages; file, directory and journal forced)%n",
                        slow, durable);
            }
            for (int round = 1; round <= 2; round++) {
                coldOpen(root.resolve("nofsync"), round);
            }
        } finally {
            TempDirs.delete(root);
        }
    }

    private static byte[] message(int i) {
        return ("From: bench@example.org\r\nTo: alice@example.org\r\nSubject: message " + i
                + "\r\nMessage-ID: <" + i + "@bench.maillab>\r\n\r\nHello, this is message " + i + ".\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static double appendRate(Path root, int count, boolean fsync) {
        try (MaildirStore store = MaildirStore.open(root, MaildirStore.Options.defaults().withFsync(fsync))) {
            Account alice = store.createAccount("alice", "pw", false);
            Instant date = Instant.parse("2026-01-01T00:00:00Z");
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Flags flags = i % 3 == 0 ? Flags.of(SystemFlag.SEEN) : Flags.NONE;
                alice.append("INBOX", new ByteArrayInputStream(message(i)), flags, date);
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void coldOpen(Path root, int round) {
        long before = usedHeap();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        MaildirStore store = MaildirStore.open(root, MaildirStore.Options.defaults());
        Account alice = store.account("alice").orElseThrow();
        Mailbox inbox = alice.open("INBOX", true);
        long opened = System.nanoTime();
        long cpuOpened = threads.getCurrentThreadCpuTime();
        List<MessageInfo> messages = inbox.messages();
        long seen = 0;
        long lastUid = 0;
        for (MessageInfo m : messages) {
            lastUid = m.uid();
            if (m.flags().contains(SystemFlag.SEEN)) {
                seen++;
            }
        }
        long listed = System.nanoTime();
        long held = usedHeap() - before;
        System.out.printf("cold open #%d: open %,.0f ms (CPU %,.0f ms), list %,d UIDs and flags %,.0f ms (last UID %d, %,d \\Seen),"
                + " heap held by the open mailbox %,.1f MB%n", round, (opened - start) / 1e6,
                (cpuOpened - cpuStart) / 1e6, messages.size(),
                (listed - opened) / 1e6, lastUid, seen, held / 1e6);
        long refreshStart = System.nanoTime();
        inbox.refresh();
        System.out.printf("refresh (nothing new; lists new/ and cur/ unless quiet for 2 s): %,.0f ms%n",
                (System.nanoTime() - refreshStart) / 1e6);
        inbox.close();
        store.close();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
