package org.maillab.imap.server;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.codec.Literal;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * N concurrent connections idling in IDLE on one server (issue 5): heap per connection on the server,
 * and how long one APPEND takes to reach all of them. The server runs in a child JVM (so each process
 * stays under its file-descriptor limit and the heap measured is the server's alone); the clients are
 * non-blocking sockets in this JVM. Loopback only. Not a test: run it by hand, e.g.
 *
 * <pre>
 * mvn -q -B -o -pl protocol-imap -am test-compile
 * java -cp "$(cat /tmp/imap-cp.txt)" org.maillab.imap.server.IdleBenchmark 10000
 * </pre>
 */
public final class IdleBenchmark {

    private IdleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("server")) {
            serve();
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                IdleBenchmark.class.getName(), "server").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader from = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        PrintStream to = new PrintStream(server.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            int port = Integer.parseInt(from.readLine().split(" ")[1]);
            long heapBefore = heap(to, from);
            Selector selector = Selector.open();
            List<Conn> conns = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.configureBlocking(false);
                Conn c = new Conn(ch);
                ch.register(selector, SelectionKey.OP_READ, c);
                ch.write(ByteBuffer.wrap("a LOGIN fred secret\r\nb SELECT INBOX\r\nc IDLE\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
                conns.add(c);
                if (i % 500 == 499) {
                    pump(selector, conns, "+ idling", 0);
                }
            }
            pump(selector, conns, "+ idling", n);
            long setupMillis = (System.nanoTime() - t0) / 1_000_000;
            long heapIdle = heap(to, from);
            for (Conn c : conns) {
                c.seen = new StringBuilder();
                c.done = false;
            }
            // The writer runs on its own thread so that arrivals are read while the APPEND is in flight.
            ImapClient writer = ImapClient.connect("127.0.0.1", port);
            writer.login("fred", "secret");
            long start = System.nanoTime(); // from the APPEND command on
            java.util.concurrent.CompletableFuture<Long> appended = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        writer.append("INBOX", List.of(), Literal.of("Subject: to everyone\r\n\r\nhi\r\n"));
                        return (System.nanoTime() - start) / 1_000_000;
                    });
            long[] arrival = pumpTimed(selector, conns, "* 2 EXISTS", start);
            long appendMillis = appended.get();
            writer.close();
            Arrays.sort(arrival);
            System.out.printf("connections idling: %d (set up in %d ms)%n", n, setupMillis);
            System.out.printf("server heap: %.1f MB before, %.1f MB with all idling: %.1f KB per connection%n",
                    heapBefore / 1e6, heapIdle / 1e6, (heapIdle - heapBefore) / 1024.0 / n);
            System.out.printf("APPEND answered OK after %d ms%n", appendMillis);
            System.out.printf("APPEND to all %d: first %.1f ms, median %.1f ms, p99 %.1f ms, last %.1f ms%n", n,
                    arrival[0] / 1e6, arrival[n / 2] / 1e6, arrival[(int) (n * 0.99) - 1] / 1e6, arrival[n - 1] / 1e6);
            for (Conn c : conns) {
                c.channel.close();
            }
        } finally {
            to.println("quit");
            server.waitFor();
        }
    }

    /** One client connection and what it has read so far. */
    private static final class Conn {
        final SocketChannel channel;
        StringBuilder seen = new StringBuilder();
        boolean done;
        long at;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private static void pump(Selector selector, List<Conn> conns, String marker, int want) throws Exception {
        pumpTimed(selector, conns, marker, -1, want);
    }

    private static long[] pumpTimed(Selector selector, List<Conn> conns, String marker, long start) throws Exception {
        return pumpTimed(selector, conns, marker, start, conns.size());
    }

    private static long[] pumpTimed(Selector selector, List<Conn> conns, String marker, long start, int want)
            throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        int done = (int) conns.stream().filter(c -> c.done).count();
        while (done < want) {
            selector.select(30_000);
            for (SelectionKey key : selector.selectedKeys()) {
                Conn c = (Conn) key.attachment();
                buf.clear();
                int r = c.channel.read(buf);
                if (r < 0) {
                    throw new IllegalStateException("server closed a connection");
                }
                if (c.done) {
                    continue;
                }
                c.seen.append(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
                if (c.seen.indexOf(marker) >= 0) {
                    c.done = true;
                    c.at = System.nanoTime() - start;
                    c.seen = new StringBuilder();
                    done++;
                }
            }
            selector.selectedKeys().clear();
        }
        long[] out = new long[conns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = conns.get(i).at;
        }
        return out;
    }

    private static long heap(PrintStream to, BufferedReader from) throws Exception {
        to.println("heap");
        return Long.parseLong(from.readLine().split(" ")[1]);
    }

    /** The child: a server on a free loopback port; answers "heap" with its used heap after GC. */
    private static void serve() throws Exception {
        MailStore store = new InMemoryStore();
        store.createAccount("fred", "secret", false).append("INBOX", new ByteArrayInputStream(
                "Subject: hello\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)), Flags.NONE, Instant.now());
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            System.out.println("PORT " + server.port().orElseThrow());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                if (line.equals("heap")) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                    }
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    System.out.println("HEAP " + used);
                }
            }
        }
    }
}
