package org.maillab.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * Dovecot's own stress tester, imaptest, against Dovecot and against MailLab's IMAP server in one run:
 * the same account (alice / "secret", an empty INBOX at the start of every run), the same mbox to
 * append from, the same clients, seconds, logout probability and seed. Runs alternate between the
 * servers (Dovecot first in odd rounds, MailLab first in even ones) so that a change in the machine's
 * load hits both. Each run gets a fresh server and data directory. Prints imaptest's command totals
 * and its {@code Error:} lines per run, and MailLab / Dovecot ratios. Not a test (surefire skips
 * *Benchmark); loopback only.
 *
 * <p>MailLab runs as {@code maillab serve} does: Maildir, fsync on, PBKDF2 passwords (100,000
 * iterations), in this JVM. With {@code --memory} the in-memory store is measured too.
 *
 * <p>Options (defaults in brackets): {@code --clients N [10] --secs S [20] --logout P [0] --rounds R [2]
 * --seed N [1] --mbox FILE [../shared/dovecot/sample.mbox] --imaptest BIN [/opt/imaptest/bin/imaptest]
 * --warmup S [as --secs] --memory}. The warm-up is one MailLab run of S seconds before the rounds, not counted
 * (it only warms the JIT of this JVM).
 */
public final class ImaptestBenchmark {

    static final String USER = "alice";

    record Options(int clients, int secs, int logout, int rounds, long seed, Path mbox, Path imaptest, boolean memory,
            int warmup) {
    }

    /** One imaptest run: its per-command totals and its error lines grouped by kind. */
    record Run(String server, Map<String, Long> totals, List<String> errors) {
        long commands() {
            return totals.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ImaptestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        if (!DovecotServer.available()) {
            System.err.println("Dovecot is not installed or this is not root: cannot compare");
            System.exit(1);
        }
        if (!Files.isExecutable(o.imaptest()) || !Files.isReadable(o.mbox())) {
            System.err.println("need imaptest at " + o.imaptest() + " (../shared/tools/imaptest/build) and the mbox "
                    + o.mbox());
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "imaptest: clients=%d secs=%d logout=%d seed=%d mbox=%s; %d rounds; %d cores%n",
                o.clients(), o.secs(), o.logout(), o.seed(), o.mbox(), o.rounds(),
                Runtime.getRuntime().availableProcessors());
        List<String> servers = new ArrayList<>(List.of("Dovecot", "MailLab"));
        if (o.memory()) {
            servers.add("MailLab-memory");
        }
        if (o.warmup() > 0) {
            // MailLab's JIT, once: later runs get a fresh server in this same, warm JVM
            Options w = new Options(o.clients(), o.warmup(), o.logout(), 1, o.seed() + 1, o.mbox(), o.imaptest(),
                    false, 0);
            System.out.printf(Locale.ROOT, "warm-up (not counted): MailLab %d commands%n", run("MailLab", w).commands());
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        servers.forEach(s -> runs.put(s, new ArrayList<>()));
        for (int round = 1; round <= o.rounds(); round++) {
            List<String> order = new ArrayList<>(servers);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String server : order) {
                Run run = run(server, o);
                runs.get(server).add(run);
                System.out.printf(Locale.ROOT, "round %d %-15s %8d commands %6d errors   %s%n", round, server,
                        run.commands(), run.errors().size(), run.totals());
            }
        }
        report(runs, o);
    }

    private static void report(Map<String, List<Run>> runs, Options o) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-15s %12s %12s %10s%n", "server", "commands/run", "errors/run", "cmd/s");
        Map<String, Double> mean = new LinkedHashMap<>();
        for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
            double commands = e.getValue().stream().mapToLong(Run::commands).average().orElse(0);
            double errors = e.getValue().stream().mapToInt(r -> r.errors().size()).average().orElse(0);
            mean.put(e.getKey(), commands);
            System.out.printf(Locale.ROOT, "%-15s %12.0f %12.1f %10.0f%n", e.getKey(), commands, errors,
                    commands / o.secs());
        }
        double dovecot = mean.get("Dovecot");
        for (Map.Entry<String, Double> e : mean.entrySet()) {
            if (!e.getKey().equals("Dovecot")) {
                System.out.printf(Locale.ROOT, "ratio %s / Dovecot: %.2f%n", e.getKey(), e.getValue() / dovecot);
            }
        }
        // per round too: the fairest figure on a machine whose load changes
        List<Run> d = runs.get("Dovecot");
        List<Run> m = runs.get("MailLab");
        StringBuilder perRound = new StringBuilder("ratio MailLab / Dovecot per round:");
        for (int i = 0; i < d.size(); i++) {
            perRound.append(String.format(Locale.ROOT, " %.2f", (double) m.get(i).commands() / d.get(i).commands()));
        }
        System.out.println(perRound);
        for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
            Map<String, Integer> kinds = new TreeMap<>();
            for (Run r : e.getValue()) {
                for (String error : r.errors()) {
                    kinds.merge(kind(error), 1, Integer::sum);
                }
            }
            if (!kinds.isEmpty()) {
                System.out.println(e.getKey() + " errors by kind (all rounds):");
                kinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .forEach(k -> System.out.printf(Locale.ROOT, "  %6d  %s%n", k.getValue(), k.getKey()));
            }
        }
    }

    /** An error line without its numbers, so that lines of one kind count together. */
    static String kind(String error) {
        String s = error.replaceFirst("^Error: [^:]*: ", "");
        int cut = s.indexOf(": *");
        if (cut > 0) {
            s = s.substring(0, cut);
        }
        s = s.replaceAll("[0-9]+", "N");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    private static Run run(String server, Options o) throws Exception {
        Path work = Files.createTempDirectory("maillab-imaptest-");
        // Dovecot's mail user (vmail) must be able to walk into its data directory under here.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            if (server.equals("Dovecot")) {
                try (DovecotServer dovecot = DovecotServer.start(work.resolve("dovecot"))) {
                    Files.createDirectories(dovecot.maildir(USER));
                    dovecot.handOver(dovecot.maildir(USER).getParent());
                    return imaptest(server, dovecot.imapPort(), o, work);
                }
            }
            try (MailStore store = server.equals("MailLab") ? MaildirStore.open(work.resolve("maillab"))
                    : new InMemoryStore()) {
                store.createAccount(USER, DovecotServer.PASSWORD, false);
                try (ImapServer imap = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
                    return imaptest(server, imap.port().orElseThrow(), o, work);
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    private static Run imaptest(String server, int port, Options o, Path work) throws Exception {
        Path out = work.resolve("imaptest.out");
        Process p = new ProcessBuilder(o.imaptest().toString(), "host=127.0.0.1", "port=" + port, "user=" + USER,
                "pass=" + DovecotServer.PASSWORD, "mbox=" + o.mbox(), "clients=" + o.clients(), "secs=" + o.secs(),
                "logout=" + o.logout(), "seed=" + o.seed())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(o.secs() + 120L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("imaptest did not end against " + server);
        }
        return parse(server, Files.readAllLines(out, StandardCharsets.UTF_8));
    }

    /**
     * imaptest ends with {@code Totals:}, a line of command names, two lines of probabilities, then a
     * line of counts, one per name.
     */
    static Run parse(String server, List<String> lines) {
        List<String> errors = lines.stream().filter(l -> l.startsWith("Error:")).toList();
        Map<String, Long> totals = new LinkedHashMap<>();
        int at = lines.lastIndexOf("Totals:");
        if (at < 0 || at + 4 >= lines.size()) {
            throw new IllegalStateException("no totals in imaptest's output against " + server + ": "
                    + lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        }
        String[] names = lines.get(at + 1).trim().split("\\s+");
        for (int i = at + 2; i < lines.size(); i++) {
            String[] counts = lines.get(i).trim().split("\\s+");
            if (counts.length == names.length && Stream.of(counts).allMatch(c -> c.matches("[0-9]+"))) {
                for (int k = 0; k < names.length; k++) {
                    totals.put(names[k], Long.parseLong(counts[k]));
                }
                break;
            }
        }
        if (totals.isEmpty()) {
            throw new IllegalStateException("no counts after Totals: against " + server);
        }
        return new Run(server, totals, errors);
    }

    private static Options parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean memory = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--memory")) {
                memory = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                given.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Options o = new Options(Integer.parseInt(given.getOrDefault("clients", "10")),
                Integer.parseInt(given.getOrDefault("secs", "20")), Integer.parseInt(given.getOrDefault("logout", "0")),
                Integer.parseInt(given.getOrDefault("rounds", "2")), Long.parseLong(given.getOrDefault("seed", "1")),
                Path.of(given.getOrDefault("mbox", "../shared/dovecot/sample.mbox")).toAbsolutePath(),
                Path.of(given.getOrDefault("imaptest", "/opt/imaptest/bin/imaptest")), memory,
                Integer.parseInt(given.getOrDefault("warmup", given.getOrDefault("secs", "20"))));
        if (o.clients() < 1 || o.clients() > 1000 || o.secs() < 1 || o.logout() < 0 || o.logout() > 100
                || o.rounds() < 1) {
            throw new IllegalArgumentException("clients 1..1000, secs >= 1, logout 0..100, rounds >= 1");
        }
        return o;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
