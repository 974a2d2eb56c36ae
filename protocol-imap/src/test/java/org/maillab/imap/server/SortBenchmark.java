package org.maillab.imap.server;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.ParsedCommand;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * SORT and THREAD on one N-message mailbox (default 10,000 generated messages, fixed seed), MailLab
 * beside Dovecot in the same run, over loopback: the first command (cold: headers read) and the best of
 * five repeats (warm: MailLab's SortHeaderCache, Dovecot's index cache). Not a test: run it by hand,
 * as root where Dovecot is installed:
 *
 * <pre>
 * mvn -q -B -o -pl protocol-imap -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/imap-cp.txt
 * java -cp "protocol-imap/target/test-classes:protocol-imap/target/classes:$(cat /tmp/imap-cp.txt)" \
 *     org.maillab.imap.server.SortBenchmark 10000
 * </pre>
 */
public final class SortBenchmark {

    static final List<String> COMMANDS = List.of("SORT (SUBJECT) UTF-8 ALL", "SORT (REVERSE DATE) UTF-8 ALL",
            "SORT (FROM SIZE) UTF-8 ALL", "SORT (ARRIVAL) UTF-8 UNSEEN", "THREAD ORDEREDSUBJECT UTF-8 ALL",
            "THREAD REFERENCES UTF-8 ALL");

    private SortBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<String> messages = SortThreadDovecotTest.generate(7, n);
        Instant base = Instant.parse("2026-02-01T00:00:00Z");

        MailStore store = new InMemoryStore();
        Account alice = store.createAccount("alice", DovecotServer.PASSWORD, false);
        for (int i = 0; i < n; i++) {
            alice.append("INBOX", new ByteArrayInputStream(messages.get(i).getBytes(StandardCharsets.UTF_8)),
                    Flags.NONE, base.plusSeconds(60L * i));
        }
        Path data = Files.createTempDirectory("maillab-sort-bench-");
        try (DovecotServer dovecot = DovecotServer.start(data);
                ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            Path cur = dovecot.maildir("alice").resolve("cur");
            Files.createDirectories(dovecot.maildir("alice").resolve("new"));
            Files.createDirectories(dovecot.maildir("alice").resolve("tmp"));
            Files.createDirectories(cur);
            for (int i = 0; i < n; i++) {
                Path file = cur.resolve(String.format("%d.M%06dP1.bench:2,", 1_700_000_000L + i, i));
                Files.writeString(file, messages.get(i), StandardCharsets.UTF_8);
                Files.setLastModifiedTime(file, FileTime.from(base.plusSeconds(60L * i)));
            }
            dovecot.handOver(dovecot.maildir("alice").getParent());
            try (ImapClient theirs = ImapClient.connect("127.0.0.1", dovecot.imapPort());
                    ImapClient ours = ImapClient.connect("127.0.0.1", server.port().orElseThrow())) {
                for (ImapClient c : List.of(theirs, ours)) {
                    c.login("alice", DovecotServer.PASSWORD);
                    c.select("INBOX").orThrow();
                }
                System.out.printf("%d messages; milliseconds (cold = first run, warm = best of 5)%n", n);
                System.out.printf("%-36s %10s %10s %10s %10s %8s%n", "command", "maillab", "dovecot", "maillab",
                        "dovecot", "warm");
                System.out.printf("%-36s %10s %10s %10s %10s %8s%n", "", "cold", "cold", "warm", "warm", "ratio");
                for (String line : COMMANDS) {
                    Command command = ((ParsedCommand.Ok) CommandParser.parse("x " + line)).command();
                    double oursCold = time(ours, command);
                    double theirsCold = time(theirs, command);
                    double oursWarm = Double.MAX_VALUE;
                    double theirsWarm = Double.MAX_VALUE;
                    for (int i = 0; i < 5; i++) {
                        oursWarm = Math.min(oursWarm, time(ours, command));
                        theirsWarm = Math.min(theirsWarm, time(theirs, command));
                    }
                    System.out.printf("%-36s %10.1f %10.1f %10.1f %10.1f %8.2f%n", line, oursCold, theirsCold,
                            oursWarm, theirsWarm, oursWarm / theirsWarm);
                }
            }
        }
    }

    private static double time(ImapClient client, Command command) {
        long start = System.nanoTime();
        client.execute(command).orThrow();
        return (System.nanoTime() - start) / 1e6;
    }
}
