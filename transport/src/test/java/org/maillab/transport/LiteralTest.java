package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiteralTest {

    private TransportServer server;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        listener = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler()));
    }

    @AfterEach
    void stop() {
        server.close();
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
            assertEquals("LITERAL " + literal.length + " " + HexFormat.of().formatHex(EchoHandler.sha256().digest(literal)),
                    client.readLine());
        }
    }
}
