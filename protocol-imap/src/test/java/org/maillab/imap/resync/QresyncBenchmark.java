package org.maillab.imap.resync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.maillab.imap.resync.ResyncScenario.Change;
import org.maillab.imap.resync.ResyncScenario.ClientState;
import org.maillab.imap.resync.ResyncScenario.Mail;
import org.maillab.imap.resync.ResyncScenario.Method;
import org.maillab.imap.resync.ResyncScenario.Outcome;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * Claim C12 in figures (issue 7): a client comes back to a 50,000-message mailbox after 100 changes and
 * catches up, with QRESYNC (RFC 7162 §3.2.5) or with a full FLAGS resync; octets each way and wall time,
 * MailLab's IMAP server (on {@link MaildirStore}) against Dovecot in the same run, same mail, same client
 * code ({@link ResyncScenario}), loopback only. Two mailboxes:
 *
 * <ul>
 *   <li><b>fresh</b> (user alice): nothing was ever expunged before the client's last sync;</li>
 *   <li><b>history</b> (user bob): every 20th message was expunged before the client's last sync, so a
 *       server that cannot tell old expunges from new ones reports them all again in VANISHED (EARLIER)
 *       unless the client lists the UIDs it knows.</li>
 * </ul>
 *
 * Every resync is checked: the state it arrives at must equal a full sync's (UIDVALIDITY, every UID,
 * every flag; HIGHESTMODSEQ for QRESYNC), on both servers, and both servers must hold the same state;
 * any difference aborts the run. Figures are medians of the repetitions after one warm-up round.
 *
 * <p>Run from the repository root (root and dovecot-imapd for the Dovecot half; otherwise MailLab alone);
 * arguments: messages (50000), changes (100), repetitions (5):
 * <pre>
 * mvn -q -B -o -pl protocol-imap -am test-compile
 * java -cp protocol-imap/target/test-classes:protocol-imap/target/classes:mailstore/target/classes:\
 * mailstore/target/test-classes:mime/target/classes:transport/target/classes \
 *     org.maillab.imap.resync.QresyncBenchmark 50000 100 5
 * </pre>
 */
public final class QresyncBenchmark {

    static final long MAIL_SEED = 7162;
    static final long CHANGE_SEED = 3;
    static final int HISTORY_STEP = 20;

    private QresyncBenchmark() {
    }

    /** A server under test: where it listens. */
    record Target(String name, int port) {
    }

    /** A mailbox scenario: its user (same name on both servers) and whether it has an expunge history. */
    record Scenario(String name, String user, boolean history) {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int changeCount = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = Files.createTempDirectory("qresync-benchmark-");
        // Dovecot's mail processes run as vmail: they must be able to walk into the data directory.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Mail> mail = ResyncScenario.mailbox(messages + changeCount, MAIL_SEED);
        List<Mail> initial = mail.subList(0, messages);
        List<Mail> arriving = mail.subList(messages, mail.size());
        List<Scenario> scenarios = List.of(new Scenario("fresh", "alice", false), new Scenario("history", "bob", true));
        System.out.printf(Locale.ROOT, "QresyncBenchmark: %,d messages, %d changes, %d repetitions; java %s, %d cores,"
                + " load %s%n", messages, changeCount, repetitions, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage());

        long t0 = System.nanoTime();
        try (MailStore store = MaildirStore.open(work.resolve("maillab"),
                MaildirStore.Options.defaults().withFsync(false).withPbkdf2Iterations(1000));
                ImapServer maillab = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            for (Scenario s : scenarios) {
                store.createAccount(s.user(), ResyncScenario.PASSWORD, false);
                ResyncScenario.writeMaildir(work.resolve("maillab").resolve(s.user()), initial);
            }
            List<Target> targets = new ArrayList<>(List.of(new Target("MailLab", maillab.port().orElseThrow())));
            DovecotServer dovecot = null;
            if (DovecotServer.available()) {
                Path data = work.resolve("dovecot");
                dovecot = DovecotServer.start(data);
                for (Scenario s : scenarios) {
                    ResyncScenario.writeMaildir(dovecot.maildir(s.user()), initial);
                }
                dovecot.handOver(data);
                targets.add(new Target("Dovecot", dovecot.imapPort()));
            } else {
                System.out.println("Dovecot: not available (needs /usr/sbin/dovecot and root); MailLab only");
            }
            System.out.printf(Locale.ROOT, "wrote %d Maildirs of %,d messages in %.1f s%n",
                    scenarios.size() * targets.size(), messages, (System.nanoTime() - t0) / 1e9);
            try {
                for (Scenario s : scenarios) {
                    run(s, targets, arriving, changeCount, repetitions);
                }
            } finally {
                if (dovecot != null) {
                    dovecot.close();
                }
            }
        } finally {
            org.maillab.mailstore.maildir.TempDirs.delete(work);
        }
    }

    private static void run(Scenario scenario, List<Target> targets, List<Mail> arriving, int changeCount,
            int repetitions) throws IOException {
        System.out.println();
        Map<Target, ClientState> before = new LinkedHashMap<>();
        int historic = 0;
        for (Target t : targets) {
            long start = System.nanoTime();
            if (scenario.history()) {
                historic = ResyncScenario.expungeEvery(t.port(), scenario.user(), HISTORY_STEP);
            }
            before.put(t, ResyncScenario.condstoreSync(t.port(), scenario.user()));
            System.out.printf(Locale.ROOT, "%s/%s: first sync (adopting the Maildir%s) %.1f s; HIGHESTMODSEQ %d%n",
                    t.name(), scenario.name(), scenario.history() ? ", expunging every " + HISTORY_STEP + "th" : "",
                    (System.nanoTime() - start) / 1e9, before.get(t).highestModSeq());
        }
        ClientState known = before.get(targets.get(0));
        sameOnAll("before the changes", before);

        List<Change> changes = ResyncScenario.plan(known, arriving, changeCount, CHANGE_SEED);
        Map<Target, ClientState> after = new LinkedHashMap<>();
        for (Target t : targets) {
            ResyncScenario.apply(t.port(), scenario.user(), changes);
            after.put(t, ResyncScenario.condstoreSync(t.port(), scenario.user()));
        }
        sameOnAll("after the changes", after);
        long flagChanges = changes.stream().filter(c -> c instanceof Change.SetFlag).count();
        long expunges = changes.stream().filter(c -> c instanceof Change.Expunge).count();
        System.out.printf(Locale.ROOT, "scenario %s: %,d messages known to the client%s; changes while away: %d flag"
                + " changes, %d expunges, %d appends; now %,d messages%n", scenario.name(), known.flags().size(),
                scenario.history() ? " (" + historic + " expunged before its last sync)" : "", flagChanges, expunges,
                changes.size() - flagChanges - expunges, after.get(targets.get(0)).flags().size());

        Map<Target, Map<Method, List<Outcome>>> results = new LinkedHashMap<>();
        for (Target t : targets) {
            results.put(t, new EnumMap<>(Method.class));
        }
        for (int round = 0; round <= repetitions; round++) { // round 0 warms up; servers and methods interleave
            for (Method m : Method.values()) {
                for (Target t : targets) {
                    Outcome o = ResyncScenario.resync(t.port(), scenario.user(), before.get(t), m);
                    ResyncScenario.check(t.name() + "/" + scenario.name(), after.get(t), o, m);
                    if (round > 0) {
                        results.get(t).computeIfAbsent(m, k -> new ArrayList<>()).add(o);
                    }
                }
            }
        }
        report(scenario, targets, results);
    }

    private static void sameOnAll(String when, Map<Target, ClientState> states) {
        ClientState first = states.values().iterator().next();
        for (Map.Entry<Target, ClientState> e : states.entrySet()) {
            if (!e.getValue().flags().equals(first.flags())) {
                throw new AssertionError("the servers differ " + when + " (" + e.getKey().name() + "): "
                        + ResyncScenario.difference(first.flags(), e.getValue().flags()));
            }
        }
    }

    private static void report(Scenario scenario, List<Target> targets,
            Map<Target, Map<Method, List<Outcome>>> results) {
        System.out.printf(Locale.ROOT, "%-8s %-52s %12s %10s %9s %9s%n", "server", "method", "received", "sent",
                "ms", "vanished");
        Map<Target, Map<Method, double[]>> medians = new LinkedHashMap<>();
        for (Target t : targets) {
            Map<Method, double[]> byMethod = new EnumMap<>(Method.class);
            for (Method m : Method.values()) {
                List<Outcome> os = results.get(t).get(m);
                double[] med = {
                    median(os.stream().mapToDouble(o -> o.cost().received()).toArray()),
                    median(os.stream().mapToDouble(o -> o.cost().sent()).toArray()),
                    median(os.stream().mapToDouble(o -> o.cost().nanos() / 1e6).toArray()),
                    median(os.stream().mapToDouble(Outcome::vanishedReported).toArray())};
                byMethod.put(m, med);
                System.out.printf(Locale.ROOT, "%-8s %-52s %,12.0f %,10.0f %9.1f %9.0f%n", t.name(), m.wire, med[0],
                        med[1], med[2], med[3]);
            }
            medians.put(t, byMethod);
        }
        for (Target t : targets) {
            double[] full = medians.get(t).get(Method.FULL);
            for (Method m : List.of(Method.QRESYNC_KNOWN_UIDS, Method.QRESYNC)) {
                double[] q = medians.get(t).get(m);
                System.out.printf(Locale.ROOT, "%s/%s %s / full: received %.4f, sent %.2f, time %.3f%n", t.name(),
                        scenario.name(), m, q[0] / full[0], q[1] / full[1], q[2] / full[2]);
            }
        }
        if (targets.size() > 1) {
            for (Method m : Method.values()) {
                double[] a = medians.get(targets.get(0)).get(m);
                double[] b = medians.get(targets.get(1)).get(m);
                System.out.printf(Locale.ROOT, "MailLab / Dovecot, %s %s: received %.2f, sent %.2f, time %.2f%n",
                        scenario.name(), m, a[0] / b[0], a[1] / b[1], a[2] / b[2]);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
