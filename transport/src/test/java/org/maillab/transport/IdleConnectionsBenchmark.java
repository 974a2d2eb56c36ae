package org.maillab.transport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Not a test: N connections idling on one server (as IMAP IDLE clients do). Reports the server's heap per
 * connection and the time for one line pushed to every connection (like an APPEND announced to all IDLE
 * sessions) to reach all of them. The clients live in a child JVM (one process may not hold 20,000 sockets).
 * <pre>
 * mvn -q -B -o -pl transport -am test-compile
 * java -cp transport/target/classes:transport/target/test-classes org.maillab.transport.IdleConnectionsBenchmark 10000
 * </pre>
 */
public final class IdleConnectionsBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        ConcurrentLinkedQueue<Connection> connections = new ConcurrentLinkedQueue<>();
        try (TransportServer server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(4))) {
            Listener l = server.listen(ListenerConfig.of("idle", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
                @Override
                public void onConnect(Connection c) {
                    connections.add(c);
                    c.writeLine("* OK idle");
                }
            }).withConnectionLimits(n + 10, n + 10, "* BYE too many").withIdleTimeout(java.time.Duration.ofMinutes(30)));
            long before = usedHeap();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    Clients.class.getName(), "127.0.0.1", String.valueOf(l.port()), String.valueOf(n)))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"READY".equals(line)) {
                throw new IllegalStateException("clients: " + line);
            }
            long after = usedHeap();
            System.out.printf("%d idle connections: server heap %.1f MB more, %.0f bytes per connection; open=%d%n",
                    n, (after - before) / 1e6, (after - before) / (double) n, server.openConnections());
            long start = System.nanoTime();
            byte[] announce = "* 1 EXISTS\r\n".getBytes(StandardCharsets.US_ASCII);
            for (Connection c : connections) {
                c.execute(() -> c.write(announce)); // as a store event would reach each IDLE session
            }
            line = out.readLine();
            long done = Long.parseLong(line.substring("DONE ".length()));
            System.out.printf("one line pushed to all %d connections: all received after %.1f ms%n",
                    n, (done - start) / 1e6);
            child.getOutputStream().close();
            child.waitFor();
        }
    }

    private static long usedHeap() throws InterruptedException {
        // System.gc() is a full, stop-the-world collection with the default collector: when it
        // returns, the heap holds what is reachable. Twice, so finalizable objects are gone too.
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The child process: opens the connections, reads the greetings, then waits for one more line on each. */
    public static final class Clients {
        public static void main(String[] args) throws Exception {
            InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
            int n = Integer.parseInt(args[2]);
            Selector selector = Selector.open();
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open(address);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, new int[1]);
            }
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int[] complete = new int[3]; // connections with 0, 1, 2 lines seen
            complete[0] = n;
            boolean ready = false;
            while (true) {
                selector.select(key -> {
                    int[] lines = (int[]) key.attachment();
                    buf.clear();
                    try {
                        int r = ((SocketChannel) key.channel()).read(buf);
                        if (r < 0) {
                            throw new IllegalStateException("server closed a connection");
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    for (int i = 0; i < buf.position(); i++) {
                        if (buf.get(i) == '\n' && lines[0] < 2) {
                            complete[lines[0]]--;
                            lines[0]++;
                            complete[lines[0]]++;
                        }
                    }
                });
                if (!ready && complete[0] == 0 && complete[2] == 0) {
                    ready = true;
                    System.out.println("READY");
                    System.out.flush();
                }
                if (complete[2] == n) {
                    System.out.println("DONE " + System.nanoTime());
                    System.out.flush();
                    break;
                }
            }
            System.in.read(); // keep the sockets open until the parent is done
        }
    }
}
