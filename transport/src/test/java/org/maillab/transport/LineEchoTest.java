package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LineEchoTest {

    private TransportServer server;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        listener = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                .withMaxLineLength(100));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void greetsEchoesEachLineAndClosesAfterTheGoodbyeIsSent() throws Exception {
        try (LineClient client = new LineClient(listener.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("one\r\n");
            assertEquals("ECHO one", client.readLine());
            client.send("two\n"); // a bare LF ends a line too
            assertEquals("ECHO two", client.readLine());
            client.send("QUIT\r\n");
            assertEquals("BYE", client.readLine());
            assertNull(client.readLine());
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (LineClient client = new LineClient(listener.localAddress())) {
            assertEquals("* hello", client.readLine());
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                burst.append("cmd ").append(i).append("\r\n");
            }
            burst.append("QUIT\r\n");
            client.send(burst.toString());
            for (int i = 0; i < 500; i++) {
                assertEquals("ECHO cmd " + i, client.readLine());
            }
            assertEquals("BYE", client.readLine());
            assertNull(client.readLine());
        }
    }

    @Test
    void anOverLongLineIsReportedAndTheSessionGoesOn() throws Exception {
        try (LineClient client = new LineClient(listener.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("x".repeat(5000) + "\r\nafter\r\n");
            assertEquals("ERR line too long: 5000", client.readLine());
            assertEquals("ECHO after", client.readLine());
        }
    }
}
