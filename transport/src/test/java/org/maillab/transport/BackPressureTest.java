package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded memory both ways: streamed output follows the socket, and input stops being read when not handled. */
class BackPressureTest {

    private static final long MB = 1024 * 1024;
    private TransportServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Listener listen(HandlerFactory factory) throws Exception {
        if (server == null) {
            server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        }
        return server.listen(ListenerConfig.of("test", new InetSocketAddress("127.0.0.1", 0), factory));
    }

    @Test
    void aLargeStreamedReplyIsReadFromItsSourceOnlyAsFastAsTheClientReads() throws Exception {
        PatternSource source = new PatternSource(64 * MB);
        Listener l = listen(c -> new EchoHandler() {
            @Override
            public void onConnect(Connection connection) {
                connection.stream(source);
                connection.close();
            }
        });
        // Whatever the kernel buffers (send and receive buffers, autotuned up to a few MB on loopback) plus
        // two 64 KiB chunks may be ahead of the reader; without back-pressure it would be all 64 MB at once.
        long bound = 16 * MB;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(32 * 1024);
            socket.connect(l.localAddress());
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            long received = 0;
            long maxAhead = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != PatternSource.at(received + i)) {
                        throw new AssertionError("byte " + (received + i) + " is wrong");
                    }
                }
                received += n;
                maxAhead = Math.max(maxAhead, source.read.get() - received);
                assertTrue(source.read.get() - received <= bound,
                        "source read " + source.read.get() + " bytes but client got only " + received);
            }
            assertEquals(64 * MB, received);
            assertTrue(maxAhead > 0);
        }
        assertTrue(source.closed.await(10, java.util.concurrent.TimeUnit.SECONDS), "source closed after streaming");
    }

    @Test
    void pipelinedStreamedRepliesGoOutWholeAndInOrder() throws Exception {
        Listener l = listen(c -> new EchoHandler() {
            @Override
            public void onLine(Connection connection, byte[] line) {
                String text = new String(line);
                if (text.startsWith("BIG ")) {
                    long size = Long.parseLong(text.substring(4));
                    connection.writeLine("+OK " + size);
                    connection.stream(new PatternSource(size));
                    connection.writeLine("");
                    connection.writeLine(".");
                } else {
                    super.onLine(connection, line);
                }
            }
        });
        long[] sizes = {300_000, 0, 1, 65_536, 1_000_000, 5};
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            StringBuilder burst = new StringBuilder();
            for (long s : sizes) {
                burst.append("BIG ").append(s).append("\r\n");
            }
            burst.append("QUIT\r\n");
            client.send(burst.toString());
            InputStream in = client.input();
            for (long s : sizes) {
                assertEquals("+OK " + s, client.readLine());
                for (long i = 0; i < s; i++) {
                    int b = in.read();
                    if ((byte) b != PatternSource.at(i)) {
                        throw new AssertionError("reply of " + s + ": byte " + i + " is " + b);
                    }
                }
                assertEquals("", client.readLine());
                assertEquals(".", client.readLine());
            }
            assertEquals("BYE", client.readLine());
        }
    }

    @Test
    void aLongPipelinedBurstWhoseRepliesExceedTheHighWaterMarkIsAnsweredCompletelyAndInOrder() throws Exception {
        Listener l = listen(c -> new EchoHandler());
        int commands = 20_000;
        String pad = "p".repeat(100);
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            // The client writes on another thread: a pipelining client must keep reading (RFC 2449 §6.6).
            Thread writer = new Thread(() -> {
                try {
                    StringBuilder burst = new StringBuilder();
                    for (int i = 0; i < commands; i++) {
                        burst.append(i).append(pad).append("\r\n");
                    }
                    client.send(burst.toString()); // about 2 MB of replies, far over the 256 KiB high water mark
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            for (int i = 0; i < commands; i++) {
                assertEquals("ECHO " + i + pad, client.readLine());
            }
            writer.join();
        }
    }

    @Test
    void aLiteralOf20MbIsDeliveredInBoundedChunksAndTheInputBufferStaysWithinItsLimit() throws Exception {
        AtomicLong maxBuffered = new AtomicLong();
        AtomicLong maxChunk = new AtomicLong();
        Listener l = listen(c -> new EchoHandler() {
            @Override
            public void onLiteralChunk(Connection connection, ByteBuffer chunk) {
                maxChunk.accumulateAndGet(chunk.remaining(), Math::max);
                maxBuffered.accumulateAndGet(((NioConnection) connection).bufferedInputBytes(), Math::max);
                super.onLiteralChunk(connection, chunk);
            }
        });
        int size = 20 * 1024 * 1024;
        byte[] piece = new byte[1024 * 1024];
        new Random(3).nextBytes(piece);
        java.security.MessageDigest sha = EchoHandler.sha256();
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("LIT " + size + "\r\n");
            assertEquals("+ go", client.readLine());
            for (int i = 0; i < 20; i++) {
                client.send(piece);
                sha.update(piece);
            }
            assertEquals("LITERAL " + size + " " + java.util.HexFormat.of().formatHex(sha.digest()), client.readLine());
            client.send("after\r\n");
            assertEquals("ECHO after", client.readLine());
        }
        assertTrue(maxChunk.get() <= 16 * 1024, "chunk " + maxChunk.get());
        assertTrue(maxBuffered.get() <= server.config().inputBufferLimit(), "buffered " + maxBuffered.get());
    }
}
