package org.maillab.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * {@code maillab load} against MailLab's IMAP server (Maildir store, the defaults {@code maillab serve}
 * uses: fsync on, PBKDF2 passwords) and against Dovecot (Debian's, private config, Maildir) in one run:
 * same accounts (alice, bob, carol / "secret"), same seed, same mix, same fill. Prints both reports and
 * MailLab/Dovecot ratios. Not a test (surefire skips *Benchmark); loopback only.
 *
 * <p>Arguments: {@code [clients] [seconds per server] [fill per account]}, default 8 20 200. Each server
 * first gets a 3 s warm-up with another seed (the JIT for MailLab, caches for both), not reported.
 */
public final class ImapLoadBenchmark {

    static final List<Account> ACCOUNTS = List.of(new Account("alice", DovecotServer.PASSWORD),
            new Account("bob", DovecotServer.PASSWORD), new Account("carol", DovecotServer.PASSWORD));

    private ImapLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        int fill = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        long seed = 1;
        if (!DovecotServer.available()) {
            System.err.println("Dovecot is not installed or this is not root: cannot compare");
            System.exit(1);
        }
        Path work = Files.createTempDirectory("maillab-load-bench-");
        // Dovecot's mail user (vmail) must be able to walk into its data directory under here.
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        LoadReport maillab;
        MailStore store = MaildirStore.open(work.resolve("maillab"));
        for (Account a : ACCOUNTS) {
            store.createAccount(a.user(), a.password(), false);
        }
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            maillab = measure("MailLab", new LoadTarget("127.0.0.1", server.port().orElseThrow()), clients, duration,
                    fill, seed);
        } finally {
            store.close();
        }
        LoadReport dovecot;
        try (DovecotServer server = DovecotServer.start(work.resolve("dovecot"))) {
            for (Account a : ACCOUNTS) {
                // Each user's home and Maildir must exist and belong to Dovecot's mail user.
                Files.createDirectories(server.maildir(a.user()));
                server.handOver(server.maildir(a.user()).getParent());
            }
            dovecot = measure("Dovecot", new LoadTarget("127.0.0.1", server.imapPort()), clients, duration, fill, seed);
        }
        System.out.println();
        System.out.println("MailLab / Dovecot (throughput: above 1 is MailLab faster; latency: below 1 is MailLab faster)");
        System.out.printf(Locale.ROOT, "commands/s      %10.0f %10.0f   ratio %.2f%n", maillab.commandsPerSecond(),
                dovecot.commandsPerSecond(), maillab.commandsPerSecond() / dovecot.commandsPerSecond());
        System.out.printf(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", "latency ratio", "p50", "p90", "p99", "max");
        for (CommandType type : CommandType.values()) {
            TypeStats m = maillab.perType().get(type);
            TypeStats d = dovecot.perType().get(type);
            if (m != null && d != null) {
                ratioRow(type.name(), m, d);
            }
        }
        ratioRow("all", maillab.overall(), dovecot.overall());
    }

    private static LoadReport measure(String name, LoadTarget target, int clients, Duration duration, int fill,
            long seed) throws Exception {
        // Warm-up: fill the mailboxes (not measured), then a short run with another seed.
        LoadGenerator.run(new LoadConfig(target, ACCOUNTS, clients, Duration.ofSeconds(3), 0, seed + 1000, fill));
        LoadReport report = LoadGenerator.run(new LoadConfig(target, ACCOUNTS, clients, duration, 0, seed, fill));
        System.out.println("== " + name);
        System.out.print(report.format());
        System.out.println("sent " + report.sent() + ", tagged completions " + report.tagged());
        return report;
    }

    private static void ratioRow(String name, TypeStats m, TypeStats d) {
        System.out.printf(Locale.ROOT, "%-14s %9.2f %9.2f %9.2f %9.2f%n", name, ratio(m.p50(), d.p50()),
                ratio(m.p90(), d.p90()), ratio(m.p99(), d.p99()), ratio(m.max(), d.max()));
    }

    private static double ratio(Duration a, Duration b) {
        return b.isZero() ? Double.NaN : (double) a.toNanos() / b.toNanos();
    }
}
