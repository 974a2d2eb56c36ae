package org.maillab.smtp.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.testing.DovecotServer;
import org.maillab.smtp.server.SmtpServer;
import org.maillab.smtp.server.SmtpServerConfig;

/**
 * Delivery throughput, side by side in one run: Postfix's {@code smtp-source} (the load generator of
 * Postfix's own tests) sends the same messages to MailLab's LMTP, MailLab's SMTP, and Dovecot's LMTP
 * ({@code dovecot-lmtpd}), each over a fresh Maildir with fsync on; the figures are messages delivered
 * per second and MailLab's ratio to Dovecot. Not a test: run it by hand (see protocol-smtp/README.md).
 *
 * <pre>
 * mvn -q -o -pl protocol-smtp -am test-compile
 * java -cp "$(cat protocol-smtp/target/bench.cp)" org.maillab.smtp.bench.SmtpBenchmark SMTP_SOURCE [MESSAGES] [SESSIONS] [OCTETS]
 * </pre>
 *
 * {@code SMTP_SOURCE} is the path of the {@code smtp-source} binary; the README says how to take it
 * from Debian's postfix package without installing (or starting) Postfix.
 */
public final class SmtpBenchmark {

    private SmtpBenchmark() {
    }

    record Run(String target, int delivered, double seconds) {
        double perSecond() {
            return delivered / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SmtpBenchmark SMTP_SOURCE [MESSAGES] [SESSIONS] [OCTETS]");
            System.exit(2);
        }
        String smtpSource = args[0];
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int octets = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // the first round warms the JVM; the second is reported
            runs.clear();
            runs.add(mailLab(smtpSource, true, messages, sessions, octets));
            runs.add(mailLab(smtpSource, false, messages, sessions, octets));
            runs.add(dovecot(smtpSource, messages, sessions, octets));
        }
        double dovecot = runs.get(2).perSecond();
        System.out.printf(Locale.ROOT, "%d messages of %d octets, %d sessions, one recipient each, fsync on%n",
                messages, octets, sessions);
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%-16s %6d delivered in %6.2f s  %8.1f msg/s  ratio to Dovecot LMTP %.2f%n",
                    r.target(), r.delivered(), r.seconds(), r.perSecond(), r.perSecond() / dovecot);
        }
    }

    private static Run mailLab(String smtpSource, boolean lmtp, int messages, int sessions, int octets) throws Exception {
        Path data = Files.createTempDirectory("maillab-smtp-bench-");
        try (MaildirStore store = MaildirStore.open(data)) {
            store.createAccount("alice", "alice-secret", false);
            InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
            try (SmtpServer server = lmtp ? SmtpServer.startLmtp(store, SmtpServerConfig.defaults(), any, null)
                    : SmtpServer.start(store, SmtpServerConfig.defaults(), any, null)) {
                double seconds = load(smtpSource, lmtp, server.port(), messages, sessions, octets);
                int delivered;
                try (Mailbox inbox = store.account("alice").orElseThrow().open("INBOX", true)) {
                    delivered = inbox.messages().size();
                }
                return new Run(lmtp ? "MailLab LMTP" : "MailLab SMTP", delivered, seconds);
            }
        } finally {
            delete(data);
        }
    }

    private static Run dovecot(String smtpSource, int messages, int sessions, int octets) throws Exception {
        Path data = Files.createTempDirectory("maillab-smtp-bench-dovecot-");
        int port = freePort();
        String lmtp = String.join("\n",
                "protocols = imap pop3 lmtp",
                "service lmtp {",
                "  inet_listener lmtp {",
                "    address = 127.0.0.1",
                "    port = " + port,
                "  }",
                "}",
                "protocol lmtp {",
                "  auth_username_format = %Ln",
                "}");
        try (DovecotServer server = DovecotServer.start(data, lmtp)) {
            double seconds = load(smtpSource, true, port, messages, sessions, octets);
            Path maildir = server.maildir("alice");
            int delivered = count(maildir.resolve("new")) + count(maildir.resolve("cur"));
            return new Run("Dovecot LMTP", delivered, seconds);
        } finally {
            delete(data);
        }
    }

    /** Runs smtp-source to completion; returns the wall time in seconds. */
    private static double load(String smtpSource, boolean lmtp, int port, int messages, int sessions, int octets)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(smtpSource, "-d", "-s", Integer.toString(sessions),
                "-m", Integer.toString(messages), "-l", Integer.toString(octets), "-f", "carol@example.org",
                "-t", "alice@localhost", "-M", "bench.test"));
        if (lmtp) {
            command.add("-L");
        }
        command.add("127.0.0.1:" + port);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Path binary = Path.of(smtpSource).toAbsolutePath();
        Path libs = binary.getParent().getParent().resolve("lib").resolve("postfix");
        if (Files.isDirectory(libs)) {
            pb.environment().put("LD_LIBRARY_PATH", libs.toString()); // extracted from the .deb, not installed
        }
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IOException("smtp-source exited " + exit + ": " + out);
        }
        return seconds;
    }

    private static int count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
