package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HexFormat;
import java.util.Random;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.transport.transcript.MemoryTranscript;

class TlsTest {

    private final MemoryTranscript transcript = new MemoryTranscript();
    private TransportServer server;
    private Listener plain;
    private Listener implicit;

    @BeforeEach
    void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withTranscript(transcript));
        plain = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                .withTls(TestTls.server()));
        implicit = server.listen(ListenerConfig.of("echos", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                .withImplicitTls(TestTls.server()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static SSLSocket upgrade(Socket plainSocket) throws Exception {
        SSLSocket tls = (SSLSocket) TestTls.client().getSocketFactory()
                .createSocket(plainSocket, "localhost", plainSocket.getPort(), true);
        tls.startHandshake();
        return tls;
    }

    @Test
    void startTlsUpgradesTheConnectionAfterTheOkReply() throws Exception {
        try (LineClient client = new LineClient(plain.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("SECURE?\r\n");
            assertEquals("SECURE false", client.readLine());
            client.send("STLS\r\n");
            assertEquals("OK begin TLS", client.readLine());
            client.use(upgrade(client.socket));
            client.send("SECURE?\r\n");
            assertEquals("SECURE true", client.readLine());
            client.send("QUIT\r\n");
            assertEquals("BYE", client.readLine());
            assertNull(client.readLine());
        }
    }

    /** RFC 2595 §2.2, RFC 3207 §6: commands pipelined after STLS in plaintext must not be executed. */
    @Test
    void plaintextPipelinedAfterStartTlsIsDiscarded() throws Exception {
        try (LineClient client = new LineClient(plain.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("STLS\r\ninjected-one\r\ninjected-two\r\n");
            assertEquals("OK begin TLS", client.readLine());
            client.use(upgrade(client.socket));
            client.send("after\r\n");
            assertEquals("ECHO after", client.readLine());
        }
        assertTrue(transcript.lines().stream().noneMatch(l -> l.contains("injected")), transcript.lines().toString());
    }

    @Test
    void implicitTlsServesLinesAndLiteralsOverTls() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestTls.client().getSocketFactory()
                .createSocket("127.0.0.1", implicit.port());
             LineClient client = new LineClient(socket)) {
            assertEquals("* hello", client.readLine());
            client.send("SECURE?\r\n");
            assertEquals("SECURE true", client.readLine());
            byte[] literal = new byte[300_000];
            new Random(7).nextBytes(literal);
            client.send("LIT " + literal.length + "\r\n");
            assertEquals("+ go", client.readLine());
            client.send(literal);
            assertEquals("LITERAL " + literal.length + " " + HexFormat.of().formatHex(EchoHandler.sha256().digest(literal)),
                    client.readLine());
            client.send("QUIT\r\n");
            assertEquals("BYE", client.readLine());
        }
        transcript.await(e -> e.text().startsWith("TLS established"), 10_000);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshakeAndTheServerGoesOn() throws Exception {
        // The JDK's default trust store knows public CAs, not our self-signed certificate.
        javax.net.ssl.SSLContext distrusting = javax.net.ssl.SSLContext.getDefault();
        try (SSLSocket socket = (SSLSocket) distrusting.getSocketFactory().createSocket("127.0.0.1", implicit.port())) {
            socket.setSoTimeout(20_000);
            assertThrows(SSLException.class, socket::startHandshake);
        }
        transcript.await(e -> e.text().startsWith("closed: tls failed"), 10_000);
        try (SSLSocket socket = (SSLSocket) TestTls.client().getSocketFactory().createSocket("127.0.0.1", implicit.port());
             LineClient client = new LineClient(socket)) {
            assertEquals("* hello", client.readLine());
        }
    }

    @Test
    void aLargeReplyIsStreamedOverTls() throws Exception {
        byte[] body = new byte[3_000_000];
        new Random(11).nextBytes(body);
        int port = server.listen(ListenerConfig.of("big2", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onConnect(Connection connection) {
                connection.stream(ByteSource.of(body));
                connection.close();
            }
        }).withImplicitTls(TestTls.server())).port();
        try (SSLSocket socket = (SSLSocket) TestTls.client().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            byte[] got = socket.getInputStream().readAllBytes();
            assertEquals(HexFormat.of().formatHex(EchoHandler.sha256().digest(body)),
                    HexFormat.of().formatHex(EchoHandler.sha256().digest(got)));
        }
    }
}
