package org.maillab.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs N concurrent IMAP clients against one server and measures every command.
 *
 * <p>Each client loops over sessions: connect, LOGIN, SELECT INBOX, a seeded number of commands from
 * {@link Mix}, LOGOUT. A run is bounded twice: by {@link LoadConfig#duration()} (after it no command
 * starts but a session's closing LOGOUT, and no session but each client's first) and, when given, by
 * {@link LoadConfig#commands()}, a budget of tickets shared by all clients where every command, LOGIN and LOGOUT included, takes one. A session reserves its LOGOUT's
 * ticket when it starts, so it can always end cleanly and a run sends exactly the budget.
 *
 * <pre>{@code
 * LoadReport report = LoadGenerator.run(new LoadConfig(LoadTarget.parse("imap://127.0.0.1:1143"),
 *         List.of(new Account("alice", "alice-secret")), 8, Duration.ofSeconds(10), 0, 1, 100));
 * System.out.print(report.format());
 * }</pre>
 */
public final class LoadGenerator {

    private final LoadConfig config;
    private final AtomicLong tickets;
    /** Set before the clients are released; the start latch publishes it to them. */
    private long deadline;

    private LoadGenerator(LoadConfig config) {
        this.config = config;
        this.tickets = new AtomicLong(config.commands() > 0 ? config.commands() : Long.MAX_VALUE);
    }

    /** Fills the mailboxes if asked, then runs the clients and returns what they measured. */
    public static LoadReport run(LoadConfig config) throws IOException, InterruptedException {
        fill(config);
        LoadGenerator generator = new LoadGenerator(config);
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < config.clients(); i++) {
            Client client = generator.new Client(i);
            clients.add(client);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    client.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "maillab-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        generator.deadline = start + config.duration().toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return report(config, elapsed, clients);
    }

    /**
     * Before measuring: APPEND seeded messages until each account's INBOX holds {@link LoadConfig#fill()}
     * messages, so the first FETCHes have something to read. Not counted.
     */
    static void fill(LoadConfig config) throws IOException {
        if (config.fill() == 0) {
            return;
        }
        for (int a = 0; a < config.accounts().size(); a++) {
            Account account = config.accounts().get(a);
            Random random = new Random(config.seed() * 31 + a);
            try (WireClient c = WireClient.connect(config.target())) {
                expectOk(c, c.execute(Op.of(CommandType.LOGIN, login(account))), "LOGIN " + account.user());
                expectOk(c, c.execute(Op.of(CommandType.SELECT, "SELECT INBOX")), "SELECT INBOX");
                while (c.exists() < config.fill()) {
                    long before = c.exists();
                    expectOk(c, c.execute(Mix.append(random)), "APPEND");
                    if (c.exists() == before) {
                        // A server that does not announce the new message: ask.
                        c.execute(Op.of(CommandType.LOGIN, "NOOP"));
                        if (c.exists() == before) {
                            throw new IOException("the server announced no EXISTS after APPEND");
                        }
                    }
                }
                c.execute(Op.of(CommandType.LOGOUT, "LOGOUT"));
            }
        }
    }

    private static void expectOk(WireClient c, WireClient.Status status, String what) throws IOException {
        if (status != WireClient.Status.OK) {
            throw new IOException(what + " failed while filling the mailbox: " + c.lastCompletion());
        }
    }

    /** LOGIN with both arguments as quoted strings (RFC 9051 §4.3), so any password works. */
    static String login(Account account) {
        return "LOGIN " + quoted(account.user()) + " " + quoted(account.password());
    }

    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Takes n tickets if n are left. */
    private boolean claim(long n) {
        while (true) {
            long left = tickets.get();
            if (left < n) {
                return false;
            }
            if (tickets.compareAndSet(left, left - n)) {
                return true;
            }
        }
    }

    private boolean timeUp() {
        return System.nanoTime() - deadline >= 0;
    }

    /** One simulated mail client; its counters are read only after its thread has ended. */
    private final class Client {
        private final Account account;
        private final Random random;
        private final Map<CommandType, Latencies> latencies = new EnumMap<>(CommandType.class);
        private final Map<CommandType, long[]> statuses = new EnumMap<>(CommandType.class);
        private long sent;
        private long tagged;
        private long errors;
        private String firstError;
        private final Map<CommandType, String> firstNo = new EnumMap<>(CommandType.class);

        Client(int index) {
            this.account = config.accounts().get(index % config.accounts().size());
            this.random = new Random(config.seed() * 1_000_003L + index);
        }

        /** Sessions until time or tickets run out; the first session runs even if time is already up. */
        void run() {
            boolean first = true;
            while (first || !timeUp()) {
                first = false;
                if (claim(2)) {
                    if (!session()) {
                        return;
                    }
                } else if (claim(1)) {
                    // One ticket left: a connection that only says LOGOUT (valid in any state) spends it.
                    withConnection(c -> send(c, Op.of(CommandType.LOGOUT, "LOGOUT")) == WireClient.Status.OK);
                    return;
                } else {
                    return;
                }
            }
        }

        /** One session, its LOGIN and LOGOUT tickets taken; false when this client should stop. */
        private boolean session() {
            return withConnection(c -> {
                boolean loggedIn = send(c, Op.of(CommandType.LOGIN, login(account))) == WireClient.Status.OK;
                String loginReply = c.lastCompletion();
                boolean selected = loggedIn && claim(1)
                        && send(c, Op.of(CommandType.SELECT, "SELECT INBOX")) == WireClient.Status.OK;
                if (selected) {
                    int length = Mix.sessionLength(random);
                    for (int i = 0; i < length && !timeUp() && claim(1); i++) {
                        send(c, Mix.next(random, c.exists()));
                    }
                }
                send(c, Op.of(CommandType.LOGOUT, "LOGOUT"));
                if (!loggedIn) {
                    note("LOGIN refused for " + account.user() + ": " + loginReply);
                }
                return loggedIn;
            });
        }

        private interface Work {
            boolean run(WireClient c) throws IOException;
        }

        private boolean withConnection(Work work) {
            WireClient c = null;
            try {
                c = WireClient.connect(config.target());
                return work.run(c);
            } catch (IOException | RuntimeException e) {
                note(e.toString());
                return false;
            } finally {
                if (c != null) {
                    sent += c.sent();
                    tagged += c.tagged();
                    try {
                        c.close();
                    } catch (IOException e) {
                        // closing after LOGOUT: nothing left to lose
                    }
                }
            }
        }

        private void note(String error) {
            errors++;
            if (firstError == null) {
                firstError = error;
            }
        }

        private WireClient.Status send(WireClient c, Op op) throws IOException {
            long t0 = System.nanoTime();
            WireClient.Status status = c.execute(op);
            long nanos = System.nanoTime() - t0;
            latencies.computeIfAbsent(op.type(), t -> new Latencies()).add(nanos);
            statuses.computeIfAbsent(op.type(), t -> new long[3])[status.ordinal()]++;
            if (status != WireClient.Status.OK) {
                firstNo.putIfAbsent(op.type(), c.lastCompletion());
            }
            return status;
        }
    }

    private static LoadReport report(LoadConfig config, Duration elapsed, List<Client> clients) {
        Map<CommandType, TypeStats> perType = new EnumMap<>(CommandType.class);
        Latencies all = new Latencies();
        long[] allStatuses = new long[3];
        for (CommandType type : CommandType.values()) {
            Latencies merged = new Latencies();
            long[] statuses = new long[3];
            for (Client c : clients) {
                Latencies l = c.latencies.get(type);
                if (l != null) {
                    merged.addAll(l);
                    long[] s = c.statuses.get(type);
                    for (int i = 0; i < 3; i++) {
                        statuses[i] += s[i];
                    }
                }
            }
            if (merged.size() > 0) {
                perType.put(type, TypeStats.of(statuses[0], statuses[1], statuses[2], merged));
                all.addAll(merged);
                for (int i = 0; i < 3; i++) {
                    allStatuses[i] += statuses[i];
                }
            }
        }
        long sent = 0;
        long tagged = 0;
        long errors = 0;
        List<String> firstErrors = new ArrayList<>();
        Map<CommandType, String> refusals = new EnumMap<>(CommandType.class);
        for (Client c : clients) {
            c.firstNo.forEach(refusals::putIfAbsent);
            sent += c.sent;
            tagged += c.tagged;
            errors += c.errors;
            if (c.firstError != null && firstErrors.size() < 10) {
                firstErrors.add(c.firstError);
            }
        }
        return new LoadReport(config.target(), config.clients(), elapsed, perType,
                TypeStats.of(allStatuses[0], allStatuses[1], allStatuses[2], all), sent, tagged, errors, firstErrors,
                refusals);
    }
}
