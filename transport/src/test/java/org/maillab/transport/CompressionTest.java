package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.transport.transcript.MemoryTranscript;

/**
 * The DEFLATE layer of {@link Connection#startCompression()} (the transport half of IMAP COMPRESS=DEFLATE,
 * RFC 4978): the switch after the OK, flushing, streaming, limits on inflated input, and TLS underneath.
 * Every read has a timeout, so a reply stuck in a compressor fails the test instead of hanging it.
 */
class CompressionTest {

    private static final long MB = 1024 * 1024;
    private final MemoryTranscript transcript = new MemoryTranscript();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private TransportServer server;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withTranscript(transcript));
        listener = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onClose(Connection connection, CloseReason reason) {
                closed.complete(reason);
            }
        }).withTls(TestTls.server()).withMaxLineLength(1000).withMaxLiteralSize(8 * MB));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LineClient compressedClient() throws IOException {
        LineClient client = new LineClient(listener.localAddress());
        assertEquals("* hello", client.readLine());
        client.send("DEFLATE\r\n");
        assertEquals("OK deflate", client.readLine()); // RFC 4978 §3: the OK itself is not compressed
        client.compress();
        return client;
    }

    @Test
    void afterTheOkBothDirectionsAreRawDeflateRfc4978Section3() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", listener.localAddress().getPort())) {
            raw.setSoTimeout(20_000);
            InputStream in = raw.getInputStream();
            OutputStream out = raw.getOutputStream();
            out.write("DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("* hello\r\nOK deflate\r\n", readExactly(in, 21));
            DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
            z.write("hello there\r\n".getBytes(StandardCharsets.US_ASCII));
            z.flush();
            // The reply is a raw DEFLATE stream, SYNC_FLUSHed: decodable at once, ending in 00 00 FF FF.
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            byte[] plain = new byte[256];
            int got = 0;
            while (got < "ECHO hello there\r\n".length()) {
                int b = in.read();
                assertTrue(b >= 0, "server closed");
                wire.write(b);
                inflater.setInput(new byte[] {(byte) b});
                got += inflater.inflate(plain, got, plain.length - got);
            }
            assertEquals("ECHO hello there\r\n", new String(plain, 0, got, StandardCharsets.US_ASCII));
            assertFalse(wire.toString(StandardCharsets.ISO_8859_1).contains("ECHO"), "the reply is compressed");
        }
    }

    /** Bytes that follow the command line in the same packet are already compressed: they are inflated, not dropped. */
    @Test
    void compressedBytesArrivingWithTheCommandLineAreInflated() throws Exception {
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        packet.write("DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII));
        DeflaterOutputStream z = new DeflaterOutputStream(packet, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
        z.write("early\r\n".getBytes(StandardCharsets.US_ASCII));
        z.flush();
        try (LineClient client = new LineClient(listener.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send(packet.toByteArray());
            assertEquals("OK deflate", client.readLine());
            client.compress();
            assertEquals("ECHO early", client.readLine());
        }
    }

    @Test
    void everyReplyIsFlushedSoTheClientNeverWaitsRfc4978Section4() throws Exception {
        try (LineClient client = compressedClient()) {
            for (int i = 0; i < 50; i++) {
                client.send("line " + i + "\r\n");
                assertEquals("ECHO line " + i, client.readLine()); // would time out if it sat in the compressor
            }
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                burst.append("burst ").append(i).append("\r\n");
            }
            client.send(burst.toString());
            for (int i = 0; i < 500; i++) {
                assertEquals("ECHO burst " + i, client.readLine());
            }
            assertTrue(client.compressedIn.get() > 0);
        }
    }

    @Test
    void repetitiveRepliesTakeFarFewerBytesOnTheWire() throws Exception {
        try (LineClient client = compressedClient()) {
            String line = "* 1 FETCH (FLAGS (\\Seen) UID 4711 RFC822.SIZE 12345)";
            StringBuilder burst = new StringBuilder();
            int lines = 1000;
            for (int i = 0; i < lines; i++) {
                burst.append(line).append("\r\n");
            }
            client.send(burst.toString());
            for (int i = 0; i < lines; i++) {
                assertEquals("ECHO " + line, client.readLine());
            }
            long plainBytes = (long) lines * ("ECHO " + line + "\r\n").length();
            assertTrue(client.compressedIn.get() * 20 < plainBytes,
                    client.compressedIn.get() + " compressed bytes for " + plainBytes);
        }
    }

    @Test
    void aStreamedBodyIsCompressedAsItStreamsAndArrivesWhole() throws Exception {
        long size = 20 * MB;
        try (LineClient client = compressedClient()) {
            client.send("STREAM " + size + "\r\n");
            assertEquals("STREAM " + size, client.readLine());
            InputStream in = client.input();
            byte[] buf = new byte[64 * 1024];
            long received = 0;
            while (received < size) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, size - received));
                assertTrue(n > 0, "stream ended early at " + received);
                for (int i = 0; i < n; i++) {
                    if (buf[i] != PatternSource.at(received + i)) {
                        throw new AssertionError("byte " + (received + i) + " is wrong");
                    }
                }
                received += n;
            }
            assertEquals("END", client.readLine());
            client.send("after\r\n");
            assertEquals("ECHO after", client.readLine());
            assertTrue(client.compressedIn.get() < size / 50, "the pattern compresses: " + client.compressedIn.get());
        }
    }

    /** Incompressible data: the compressed stream still follows the client's pace (no whole-body buffering). */
    @Test
    void aCompressedStreamIsReadFromItsSourceOnlyAsFastAsTheClientReads() throws Exception {
        RandomSource source = new RandomSource(24 * MB);
        Listener l = server.listen(ListenerConfig.of("stream", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onLine(Connection connection, byte[] line) {
                if (new String(line, StandardCharsets.US_ASCII).equals("GO")) {
                    connection.stream(source);
                    connection.close();
                } else {
                    super.onLine(connection, line);
                }
            }
        }));
        long bound = 12 * MB; // kernel buffers, two chunks and the compressor's buffer; not all 24 MB
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(32 * 1024);
            socket.connect(l.localAddress());
            LineClient client = new LineClient(socket);
            assertEquals("* hello", client.readLine());
            client.send("DEFLATE\r\n");
            assertEquals("OK deflate", client.readLine());
            client.compress();
            client.send("GO\r\n");
            InputStream in = client.input();
            Random expected = new Random(42);
            byte[] buf = new byte[8192];
            byte[] want = new byte[8192];
            int wantAt = want.length;
            long received = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (wantAt == want.length) {
                        expected.nextBytes(want); // the source's blocks, in the same order
                        wantAt = 0;
                    }
                    if (buf[i] != want[wantAt++]) {
                        throw new AssertionError("byte " + (received + i) + " is wrong");
                    }
                }
                received += n;
                assertTrue(source.read - received <= bound, "source read " + source.read + ", client got " + received);
            }
            assertEquals(24 * MB, received);
        }
    }

    @Test
    void aCompressedLiteralArrivesWhole() throws Exception {
        byte[] literal = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(literal);
        for (int i = 0; i < literal.length; i += 3) {
            literal[i] = 'x'; // partly compressible
        }
        try (LineClient client = compressedClient()) {
            client.send("LIT " + literal.length + "\r\n");
            assertEquals("+ go", client.readLine());
            client.send(literal);
            assertEquals("LITERAL " + literal.length + " " + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(literal)), client.readLine());
        }
    }

    /** A decompression bomb: 64 MiB of one byte compress to ~64 KiB; the line limit still applies. */
    @Test
    void aDecompressionBombIsFramedWithTheLineLimitAndTheSessionGoesOn() throws Exception {
        try (LineClient client = compressedClient()) {
            OutputStream z = client.output();
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) 'a');
            for (int i = 0; i < 64; i++) {
                z.write(block);
            }
            z.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            z.flush();
            assertEquals("ERR line too long: " + 64 * MB, client.readLine());
            client.send("still here\r\n");
            assertEquals("ECHO still here", client.readLine());
        }
    }

    @Test
    void anOversizedNonSynchronizingLiteralInsideCompressionIsSkipped() throws Exception {
        try (LineClient client = compressedClient()) {
            OutputStream z = client.output();
            long n = 9 * MB; // over the 8 MB limit
            z.write(("LIT+ " + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 9; i++) {
                z.write(zeros);
            }
            z.write("next\r\n".getBytes(StandardCharsets.US_ASCII));
            z.flush();
            assertEquals("NO too big", client.readLine());
            assertEquals("ECHO next", client.readLine());
        }
    }

    @Test
    void inputThatIsNotDeflateClosesTheConnection() throws Exception {
        try (LineClient client = new LineClient(listener.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("DEFLATE\r\n");
            assertEquals("OK deflate", client.readLine());
            // A block type of 3 is reserved in RFC 1951 §3.2.3: no inflater accepts it.
            client.send(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            assertEquals(CloseReason.COMPRESSION_FAILED, closed.get(20, TimeUnit.SECONDS));
            assertEquals(-1, client.input().read());
        }
    }

    @Test
    void theClientsFinalBlockEndsItsInput() throws Exception {
        try (LineClient client = compressedClient()) {
            client.send("last\r\n");
            ((DeflaterOutputStream) client.output()).finish();
            client.output().flush();
            assertEquals("ECHO last", client.readLine());
            assertEquals(CloseReason.CLIENT_CLOSED, closed.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void compressingTwiceIsRefusedAndTlsCannotFollowCompression() throws Exception {
        try (LineClient client = compressedClient()) {
            client.send("DEFLATE\r\n");
            assertEquals("NO already compressing", client.readLine());
            client.send("STLS\r\n");
            assertEquals("NO compressing", client.readLine());
        }
    }

    @Test
    void startCompressionOutsideACallbackIsRefused() throws Exception {
        CompletableFuture<Connection> connection = new CompletableFuture<>();
        Listener l = server.listen(ListenerConfig.of("grab", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onConnect(Connection c2) {
                connection.complete(c2);
            }
        }));
        try (Socket s = new Socket("127.0.0.1", l.localAddress().getPort())) {
            Connection c = connection.get(20, TimeUnit.SECONDS);
            assertThrows(IllegalStateException.class, c::startCompression);
            assertFalse(c.isCompressed());
        }
    }

    /** RFC 4978 §3: compress first, then encrypt; TLS is the outer layer. */
    @Test
    void compressionRunsInsideTls() throws Exception {
        try (LineClient client = new LineClient(listener.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("STLS\r\n");
            assertEquals("OK begin TLS", client.readLine());
            SSLSocket tls = (SSLSocket) TestTls.client().getSocketFactory()
                    .createSocket(client.socket, "localhost", client.socket.getPort(), true);
            tls.startHandshake();
            client.use(tls);
            client.send("DEFLATE\r\n");
            assertEquals("OK deflate", client.readLine());
            client.compress();
            client.send("SECURE?\r\n");
            assertEquals("SECURE true", client.readLine());
            client.send("STREAM 3000000\r\n");
            assertEquals("STREAM 3000000", client.readLine());
            InputStream in = client.input();
            for (long i = 0; i < 3_000_000; i++) {
                if ((byte) in.read() != PatternSource.at(i)) {
                    throw new AssertionError("byte " + i);
                }
            }
            assertEquals("END", client.readLine());
            client.send("QUIT\r\n");
            assertEquals("BYE", client.readLine());
            assertNull(client.readLine());
        }
    }

    @Test
    void theTranscriptShowsTheSwitchAndThePlainLines() throws Exception {
        try (LineClient client = compressedClient()) {
            client.send("visible\r\n");
            assertEquals("ECHO visible", client.readLine());
        }
        java.util.List<String> lines = transcript.lines();
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("S: ECHO visible")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("* DEFLATE compression")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("C: visible")), lines.toString());
    }

    private static String readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** {@code size} seeded random bytes (incompressible), counting how many were read. */
    private static final class RandomSource implements ByteSource {
        final long size;
        volatile long read;

        RandomSource(long size) {
            this.size = size;
        }

        @Override
        public InputStream open() {
            Random random = new Random(42);
            return new InputStream() {
                private final byte[] block = new byte[8192];
                private int at = block.length;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (read >= size) {
                        return -1;
                    }
                    if (at == block.length) {
                        random.nextBytes(block);
                        at = 0;
                    }
                    int n = (int) Math.min(Math.min(len, block.length - at), size - read);
                    System.arraycopy(block, at, b, off, n);
                    at += n;
                    read += n;
                    return n;
                }
            };
        }
    }
}
