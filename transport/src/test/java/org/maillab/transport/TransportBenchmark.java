package org.maillab.transport;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: request/response rate, streaming throughput and pipelined throughput of the transport
 * with a trivial echo protocol over loopback. Run:
 * <pre>
 * mvn -q -B -o -pl transport -am test-compile
 * java -cp transport/target/classes:transport/target/test-classes org.maillab.transport.TransportBenchmark [tls|stream]
 * </pre>
 */
public final class TransportBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = 20;
        int roundTrips = 5_000;
        long streamBytes = 1L << 30;
        try (TransportServer server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(4))) {
            Listener echo = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
                @Override
                public void onLine(Connection connection, byte[] line) {
                    if (line.length > 4 && line[0] == 'B' && line[1] == 'I' && line[2] == 'G') {
                        connection.stream(new PatternSource(Long.parseLong(new String(line, 4, line.length - 4))));
                        connection.close();
                    } else {
                        super.onLine(connection, line);
                    }
                }
            }));
            if (args.length > 0 && args[0].equals("stream")) {
                for (int run = 0; run < 8; run++) {
                    stream(echo.localAddress(), 512L << 20);
                }
                return;
            }
            if (args.length > 0 && args[0].equals("tls")) {
                Listener tls = server.listen(ListenerConfig.of("echos", new InetSocketAddress("127.0.0.1", 0),
                        c -> new EchoHandler()).withImplicitTls(TestTls.server()));
                tlsSessions(tls.localAddress(), 5, 4);
                Listener big = server.listen(ListenerConfig.of("bigs", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
                    @Override
                    public void onConnect(Connection connection) {
                        connection.stream(new PatternSource(512L << 20));
                        connection.close();
                    }
                }).withImplicitTls(TestTls.server()));
                for (int run = 0; run < 2; run++) {
                    try (Socket s = TestTls.client().getSocketFactory().createSocket("127.0.0.1", big.port())) {
                        long start = System.nanoTime();
                        long total = s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.out.printf("TLS stream: %d MB in %.2f s: %.0f MB/s%n", total >> 20, seconds, (total >> 20) / seconds);
                    }
                }
                return;
            }
            for (int run = 0; run < 2; run++) { // the first run warms up the JIT
                pingPong(echo.localAddress(), clients, roundTrips / (run == 0 ? 5 : 1));
            }
            pipelined(echo.localAddress(), 200_000);
            Listener tls = server.listen(ListenerConfig.of("echos", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                    .withImplicitTls(TestTls.server()));
            tlsSessions(tls.localAddress(), 20, 20); // warm-up
            tlsSessions(tls.localAddress(), 20, 100);
            stream(echo.localAddress(), streamBytes / 4);
            stream(echo.localAddress(), streamBytes);
        }
    }

    private static void pingPong(InetSocketAddress address, int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            done.add(pool.submit(() -> {
                try (LineClient c = new LineClient(address)) {
                    c.readLine();
                    for (int k = 0; k < perClient; k++) {
                        c.send("NOOP\r\n");
                        c.readLine();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("ping-pong: %d clients x %d round trips: %.0f round trips/s%n",
                clients, perClient, clients * (double) perClient / seconds);
    }

    /** Full TLS sessions (handshake, greeting, one command, close), {@code clients} in parallel. */
    private static void tlsSessions(InetSocketAddress address, int clients, int perClient) throws Exception {
        javax.net.ssl.SSLSocketFactory factory = TestTls.client().getSocketFactory();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            done.add(pool.submit(() -> {
                for (int k = 0; k < perClient; k++) {
                    try (LineClient c = new LineClient(factory.createSocket(address.getAddress(), address.getPort()))) {
                        c.readLine();
                        c.send("QUIT\r\n");
                        c.readLine();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("TLS sessions: %d clients x %d: %.0f sessions/s%n", clients, perClient,
                clients * (double) perClient / seconds);
    }

    private static void pipelined(InetSocketAddress address, int commands) throws Exception {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    byte[] burst = "NOOP\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < commands / 1000; i++) {
                        out.write(burst);
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            int lines = -1; // the greeting
            int b;
            while (lines < commands && (b = in.read()) >= 0) {
                if (b == '\n') {
                    lines++;
                }
            }
            writer.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pipelined: %d commands in one stream: %.0f commands/s%n", commands, commands / seconds);
        }
    }

    private static void stream(InetSocketAddress address, long bytes) throws Exception {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            InputStream in = s.getInputStream();
            s.getOutputStream().write(("BIG " + bytes + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[256 * 1024];
            long total = 0;
            long start = System.nanoTime();
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("stream: %d MB in %.2f s: %.0f MB/s%n", total >> 20, seconds, (total >> 20) / seconds);
        }
    }
}
