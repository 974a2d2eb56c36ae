package org.maillab.imap.bench;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.maillab.imap.client.Compression;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.Section;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * COMPRESS=DEFLATE (RFC 4978) on a typical sync of the shared corpus's messages: a FETCH of every header
 * (what a client lists) and then of every whole message, once plain and once compressed, over loopback
 * against MailLab's server. Prints protocol octets, wire octets and the process CPU time of each pass
 * (client and server are in this process, so the CPU figure covers both ends' compression).
 *
 * <pre>
 * mvn -q -B -o -pl protocol-imap -am test-compile
 * java -cp protocol-imap/target/test-classes:protocol-imap/target/classes:mailstore/target/classes:\
 *     mime/target/classes:transport/target/classes org.maillab.imap.bench.CompressBenchmark /work/shared/corpus
 * </pre>
 */
public final class CompressBenchmark {

    private CompressBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "/work/shared/corpus");
        MailStore store = new InMemoryStore();
        Account fred = store.createAccount("fred", "secret", false);
        List<Path> files;
        try (Stream<Path> all = Files.walk(corpus)) {
            files = all.filter(p -> p.toString().endsWith(".eml") || p.toString().endsWith(".msg")).sorted().toList();
        }
        long corpusBytes = 0;
        for (Path f : files) {
            byte[] message = Files.readAllBytes(f);
            corpusBytes += message.length;
            fred.append("INBOX", new ByteArrayInputStream(message), Flags.NONE, Instant.parse("2026-01-01T10:00:00Z"));
        }
        System.out.printf("corpus: %d messages, %d octets%n", files.size(), corpusBytes);
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            int port = server.port().orElseThrow();
            for (int round = 0; round < 3; round++) { // the first round warms the JIT up
                for (boolean compress : new boolean[] {false, true}) {
                    pass(port, files.size(), compress, round == 2);
                }
            }
        }
    }

    private static void pass(int port, int n, boolean compress, boolean print) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (ImapClient c = ImapClient.over(new Socket("127.0.0.1", port))) {
            if (compress) {
                c.loginAndCompress("fred", "secret");
            } else {
                c.login("fred", "secret");
            }
            c.select("INBOX");
            Compression.Counts atStart = c.compressionCounts().orElse(new Compression.Counts(0, 0, 0, 0));
            c.fetch(false, SequenceSet.range(1, n), List.of(body(Section.Text.HEADER)));
            Compression.Counts headers = c.compressionCounts().orElse(atStart);
            c.fetch(false, SequenceSet.range(1, n), List.of(body(Section.Text.ALL)));
            Compression.Counts bodies = c.compressionCounts().orElse(headers);
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - t0;
            if (print && compress) {
                System.out.printf("headers: %d octets, %d on the wire (%.1f%%)%n", headers.received() - atStart.received(),
                        headers.receivedOnWire() - atStart.receivedOnWire(),
                        100.0 * (headers.receivedOnWire() - atStart.receivedOnWire()) / (headers.received() - atStart.received()));
                System.out.printf("bodies:  %d octets, %d on the wire (%.1f%%)%n", bodies.received() - headers.received(),
                        bodies.receivedOnWire() - headers.receivedOnWire(),
                        100.0 * (bodies.receivedOnWire() - headers.receivedOnWire()) / (bodies.received() - headers.received()));
                System.out.printf("client sent %d octets, %d on the wire%n", bodies.sent(), bodies.sentOnWire());
            }
            if (print) {
                System.out.printf("%-10s CPU %6.1f ms, wall %6.1f ms%n", compress ? "compressed" : "plain", cpu / 1e6, wall / 1e6);
            }
        }
    }

    private static FetchAttribute body(Section.Text text) {
        return new FetchAttribute.Body(new Section(List.of(), text, List.of()), true, Optional.empty());
    }
}
