package org.maillab.pop3.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.testing.DovecotServer;
import org.maillab.pop3.client.Pop3Client;
import org.maillab.pop3.server.Pop3Server;
import org.maillab.pop3.server.Pop3ServerConfig;

/**
 * MailLab's POP3 server against Dovecot's (Debian {@code dovecot-pop3d}), in the same run, on loopback,
 * with the same client (MailLab's {@link Pop3Client}) and the same mail:
 *
 * <ol>
 *   <li><b>RETR throughput</b>: one session retrieves all of a 1,000-message maildrop of mixed sizes
 *       (fixed seed), one RETR after the other; best and median of several rounds after a warm-up;</li>
 *   <li><b>sessions per second</b>: 20 concurrent clients, each connecting and doing USER, PASS,
 *       STAT, QUIT over and over.</li>
 * </ol>
 *
 * Both servers read Maildir from the same disk. MailLab runs a {@link MaildirStore} with fsync off
 * (nothing is written during the measurement) and PBKDF2 at 1,000 iterations, since Dovecot's
 * fixture compares {PLAIN} passwords; sessions per second with MailLab's default 100,000 iterations
 * would measure the password hash, not POP3. POP3 locks a maildrop per session (RFC 1939 §8), so
 * MailLab's 20 clients log in as 20 users; Dovecot's fixture has three users and does not lock
 * (pop3_lock_session = no), so its clients share bob and carol.
 *
 * <p>Run from the repository root (needs root and dovecot-pop3d for the Dovecot half; otherwise MailLab
 * alone); arguments: measured RETR rounds (default 5) and sessions per client (default 100):
 * <pre>
 * mvn -q -B -o -pl protocol-pop3 -am test-compile
 * java -cp protocol-pop3/target/test-classes:protocol-pop3/target/classes:mailstore/target/classes:\
 *          mailstore/target/test-classes:transport/target/classes \
 *     org.maillab.pop3.bench.Pop3Benchmark 5 100
 * </pre>
 * The machine's load matters more than anything here: compare the two servers within one run, not
 * figures across runs.
 */
public final class Pop3Benchmark {

    static final int MESSAGES = 1000;
    static final int CLIENTS = 20;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int sessionsPerClient = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path work = Files.createTempDirectory("pop3-benchmark-");
        // Dovecot's mail processes run as vmail: they must be able to walk into the data directory.
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        List<byte[]> mail = messages(new Random(1939));
        long totalOctets = mail.stream().mapToLong(m -> m.length).sum();
        System.out.printf("mail: %d messages, %.1f MB, sizes %d..%d octets%n", mail.size(), totalOctets / 1e6,
                mail.stream().mapToInt(m -> m.length).min().orElse(0),
                mail.stream().mapToInt(m -> m.length).max().orElse(0));
        System.out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        Result maillab;
        try (MailStore store = MaildirStore.open(work.resolve("maillab"),
                MaildirStore.Options.defaults().withFsync(false).withPbkdf2Iterations(1000))) {
            Account alice = store.createAccount("alice", "secret", false);
            for (byte[] m : mail) {
                alice.append("INBOX", new ByteArrayInputStream(m), Flags.NONE, Instant.EPOCH);
            }
            for (int i = 1; i <= CLIENTS; i++) {
                Account user = store.createAccount(userName(i), "secret", false);
                for (byte[] m : mail.subList(0, 10)) {
                    user.append("INBOX", new ByteArrayInputStream(m), Flags.NONE, Instant.EPOCH);
                }
            }
            try (Pop3Server server = Pop3Server.start(store, Pop3ServerConfig.defaults(),
                    new InetSocketAddress("127.0.0.1", 0), null)) {
                maillab = measure("MailLab", server.port(), i -> userName(i + 1), rounds, sessionsPerClient,
                        totalOctets);
            }
        }

        Result dovecot = null;
        if (DovecotServer.available()) {
            Path data = work.resolve("dovecot");
            try (DovecotServer server = DovecotServer.start(data)) {
                writeMaildir(server.maildir("alice"), mail);
                writeMaildir(server.maildir("bob"), mail.subList(0, 10));
                writeMaildir(server.maildir("carol"), mail.subList(0, 10));
                server.handOver(data);
                dovecot = measure("Dovecot", server.pop3Port(), i -> i % 2 == 0 ? "bob" : "carol", rounds,
                        sessionsPerClient, totalOctets);
            }
        } else {
            System.out.println("Dovecot: not available (needs /usr/sbin/dovecot and root); MailLab only");
        }

        System.out.println();
        System.out.printf("%-8s %14s %14s %16s%n", "server", "RETR MB/s", "RETR msg/s", "sessions/s (20)");
        print(maillab);
        if (dovecot != null) {
            print(dovecot);
            System.out.printf("%-8s %14.2f %14.2f %16.2f%n", "ratio", maillab.mbPerSecond / dovecot.mbPerSecond,
                    maillab.messagesPerSecond / dovecot.messagesPerSecond,
                    maillab.sessionsPerSecond / dovecot.sessionsPerSecond);
            System.out.println("(ratio = MailLab / Dovecot; above 1 means MailLab is faster)");
        }
        deleteTree(work);
    }

    record Result(String name, double mbPerSecond, double messagesPerSecond, double sessionsPerSecond) {
    }

    interface Users {
        String forClient(int client);
    }

    private static void print(Result r) {
        System.out.printf("%-8s %14.1f %14.0f %16.0f%n", r.name, r.mbPerSecond, r.messagesPerSecond, r.sessionsPerSecond);
    }

    static Result measure(String name, int port, Users users, int rounds, int sessionsPerClient, long expectedOctets)
            throws Exception {
        // Warm-up: both servers read every file once (page cache, Dovecot's index, the JIT).
        retrieveAll(port, expectedOctets);
        double[] seconds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            retrieveAll(port, expectedOctets);
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double best = seconds[0];
        double median = seconds[rounds / 2];
        System.out.printf("%s RETR: rounds %s s; best %.1f MB/s, median %.1f MB/s%n", name, Arrays.toString(
                Arrays.stream(seconds).map(s -> Math.round(s * 1000) / 1000.0).toArray()),
                expectedOctets / best / 1e6, expectedOctets / median / 1e6);

        sessions(port, users, Math.max(1, sessionsPerClient / 5)); // warm-up
        long start = System.nanoTime();
        int done = sessions(port, users, sessionsPerClient);
        double sessionSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s sessions: %d in %.2f s with %d clients%n", name, done, sessionSeconds, CLIENTS);
        return new Result(name, expectedOctets / median / 1e6, MESSAGES / median, done / sessionSeconds);
    }

    /** One session: RETR 1..n, one after the other; checks the octets add up. */
    static void retrieveAll(int port, long expectedOctets) throws IOException {
        try (Pop3Client pop = Pop3Client.connect("127.0.0.1", port)) {
            pop.login("alice", DovecotServer.PASSWORD);
            int count = pop.stat().messages();
            long octets = 0;
            for (int n = 1; n <= count; n++) {
                octets += pop.retr(n, OutputStream.nullOutputStream());
            }
            pop.quit();
            if (count != MESSAGES || octets != expectedOctets) {
                throw new IllegalStateException("expected " + MESSAGES + " messages of " + expectedOctets
                        + " octets, got " + count + " of " + octets);
            }
        }
    }

    /** CLIENTS threads, each doing USER, PASS, STAT, QUIT sessionsPerClient times. */
    static int sessions(int port, Users users, int sessionsPerClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String user = users.forClient(c);
            results.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < sessionsPerClient; i++) {
                    try (Pop3Client pop = Pop3Client.connect("127.0.0.1", port)) {
                        pop.login(user, DovecotServer.PASSWORD);
                        pop.stat();
                        pop.quit();
                    }
                }
                return sessionsPerClient;
            }));
        }
        go.countDown();
        int done = 0;
        for (Future<Integer> f : results) {
            done += f.get();
        }
        pool.shutdown();
        return done;
    }

    static String userName(int i) {
        return String.format("user%02d", i);
    }

    /** Mixed sizes: mostly small, some medium, a few large; 1 line in 10 starts with a dot. */
    static List<byte[]> messages(Random random) {
        List<byte[]> messages = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            int p = random.nextInt(100);
            int size = p < 60 ? 1_000 + random.nextInt(7_000)
                    : p < 90 ? 8_000 + random.nextInt(56_000)
                    : p < 99 ? 64_000 + random.nextInt(448_000)
                    : 512_000 + random.nextInt(1_536_000);
            StringBuilder m = new StringBuilder(size + 100);
            m.append("From: sender").append(i % 37).append("@example.org\r\n")
                    .append("To: alice@example.org\r\n")
                    .append("Subject: benchmark message ").append(i).append("\r\n")
                    .append("Message-ID: <").append(i).append(".bench@example.org>\r\n\r\n");
            while (m.length() < size) {
                if (random.nextInt(10) == 0) {
                    m.append('.');
                }
                int words = 1 + random.nextInt(12);
                for (int w = 0; w < words; w++) {
                    int len = 1 + random.nextInt(8);
                    for (int k = 0; k < len; k++) {
                        m.append((char) ('a' + random.nextInt(26)));
                    }
                    m.append(' ');
                }
                m.append("\r\n");
            }
            messages.add(m.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return messages;
    }

    /** A Maildir with the messages in cur/, in order, as Dovecot reads it. */
    static void writeMaildir(Path maildir, List<byte[]> mail) throws IOException {
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (int i = 0; i < mail.size(); i++) {
            Files.write(maildir.resolve("cur").resolve(String.format("%010d.M%dP1.bench:2,", 1_700_000_000L + i, i)),
                    mail.get(i));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
