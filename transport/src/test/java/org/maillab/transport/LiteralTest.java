package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IMAP literal framing (RFC 9051 §4.3, RFC 7888) over a real connection. */
class LiteralTest {

    private TransportServer server;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        listener = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                .withMaxLiteralSize(1000_000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String digest(byte[] b) {
        return HexFormat.of().formatHex(EchoHandler.sha256().digest(b));
    }

    @Test
    void literalBytesAreDeliveredAsChunksNeverAsLines() throws Exception {
        try (LineClient client = new LineClient(listener.localAddress())) {
            client.readLine();
            byte[] literal = new byte[300_000];
            new Random(7).nextBytes(literal);
            client.send("LIT " + literal.length + "\r\n");
            assertEquals("+ go", client.readLine());
            client.send(literal);
            assertEquals("LITERAL " + literal.length + " " + digest(literal), client.readLine());
        }
    }

    @Test
    void aLiteralThatLooksLikeCommandsIsNeverExecuted() throws Exception {
        byte[] literal = "QUIT\r\nLIT 5\r\nSTLS\r\n".getBytes(StandardCharsets.US_ASCII);
        try (LineClient client = new LineClient(listener.localAddress())) {
            client.readLine();
            client.send("LIT " + literal.length + "\r\n");
            assertEquals("+ go", client.readLine());
            client.send(literal);
            assertEquals("LITERAL " + literal.length + " " + digest(literal), client.readLine());
            client.send("still open\r\n");
            assertEquals("ECHO still open", client.readLine());
        }
    }

    @Test
    void pipelinedNonSynchronizingLiteralsAndLinesKeepTheirOrder() throws Exception {
        byte[] a = "first\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[0];
        try (LineClient client = new LineClient(listener.localAddress())) {
            client.readLine();
            client.send("LIT+ " + a.length + "\r\nfirst\r\nLIT+ 0\r\nbetween\r\n");
            assertEquals("LITERAL " + a.length + " " + digest(a), client.readLine());
            assertEquals("LITERAL 0 " + digest(b), client.readLine());
            assertEquals("ECHO between", client.readLine());
        }
    }

    /** RFC 7888 §4: a non-synchronizing literal over the limit is refused, and its bytes are not commands. */
    @Test
    void aRefusedNonSynchronizingLiteralIsSkippedAndTheSessionGoesOn() throws Exception {
        byte[] big = ("QUIT\r\n" + "x".repeat(1000_000)).getBytes(StandardCharsets.US_ASCII);
        try (LineClient client = new LineClient(listener.localAddress())) {
            client.readLine();
            client.send("LIT+ " + big.length + "\r\n");
            client.send(big);
            client.send("after\r\n");
            assertEquals("NO too big", client.readLine());
            assertEquals("ECHO after", client.readLine());
        }
    }
}
