package org.maillab.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.pop3.client.Pop3Client;
import org.maillab.pop3.client.Pop3Exception;
import org.maillab.pop3.codec.ResponseCode;
import org.maillab.transport.TransportServer;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.tls.TlsContexts;

/** STLS (RFC 2595 §4) and implicit TLS, with MailLab's client, Angus Mail and python's poplib. */
class Pop3TlsTest {

    static Path keystore;
    static SSLContext serverTls;
    static SSLContext clientTls;
    static Path pem;

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        keystore = TlsContexts.ensureSelfSignedKeystore(dir.resolve("keystore.p12"), TlsContexts.defaultPassword());
        serverTls = TlsContexts.serverContext(keystore, TlsContexts.defaultPassword());
        clientTls = TlsContexts.clientContextTrusting(keystore, TlsContexts.defaultPassword());
        pem = dir.resolve("cert.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                        TlsContexts.certificate(keystore, TlsContexts.defaultPassword()).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    InMemoryStore store;
    TransportServer transport;
    int plainPort;
    int implicitPort;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryStore();
        Account alice = store.createAccount("alice", "wonderland", true);
        alice.append("INBOX", new ByteArrayInputStream("Subject: secret\r\n\r\nfor your eyes only\r\n"
                .getBytes(StandardCharsets.US_ASCII)), Flags.NONE, Instant.parse("2026-11-27T00:00:00Z"));
        Pop3ServerConfig config = Pop3ServerConfig.defaults().withRequireTls(true);
        transport = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        plainPort = transport.listen(Pop3Server.listenerConfig(store, config,
                new InetSocketAddress("127.0.0.1", 0), serverTls)).port();
        implicitPort = transport.listen(Pop3Server.implicitTlsListenerConfig(store, config,
                new InetSocketAddress("127.0.0.1", 0), serverTls)).port();
    }

    @AfterEach
    void stop() {
        transport.close();
        store.close();
    }

    @Test
    void stlsUpgradesAndThenPlaintextLoginIsAllowed_rfc2595s4() throws Exception {
        try (Pop3Client pop = Pop3Client.connect("127.0.0.1", plainPort)) {
            List<String> before = pop.capa();
            assertTrue(before.contains("STLS"));
            assertFalse(before.contains("USER"), "USER is not offered before TLS when TLS is required");
            Pop3Exception refused = assertThrows(Pop3Exception.class, () -> pop.user("alice"));
            assertEquals(Optional.of(ResponseCode.AUTH), refused.status().code());
            pop.stls(clientTls);
            assertTrue(pop.isTls());
            List<String> after = pop.capa();
            assertFalse(after.contains("STLS"));
            assertTrue(after.contains("USER"));
            pop.login("alice", "wonderland");
            assertEquals(1, pop.stat().messages());
            pop.quit();
        }
    }

    @Test
    void plaintextSentAfterStlsIsDiscarded_rfc2595s2_2() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", plainPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            Pop3ServerIntegrationTest.readLine(in);
            // An attacker's injected command after STLS must not be executed inside the TLS session.
            out.write("STLS\r\nUSER mallory\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("+OK begin TLS negotiation", Pop3ServerIntegrationTest.readLine(in));
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) clientTls.getSocketFactory()
                    .createSocket(socket, "127.0.0.1", plainPort, true);
            tls.startHandshake();
            tls.getOutputStream().write("PASS x\r\n".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            assertEquals("-ERR send USER first", Pop3ServerIntegrationTest.readLine(tls.getInputStream()));
        }
    }

    @Test
    void implicitTlsServesPop3s() throws Exception {
        try (Pop3Client pop = Pop3Client.connectTls("127.0.0.1", implicitPort, clientTls)) {
            assertFalse(pop.capa().contains("STLS"));
            pop.authPlain("alice", "wonderland", true);
            assertEquals(1, pop.stat().messages());
            pop.quit();
        }
    }

    @Test
    void angusMailUsesStls() throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.pop3.host", "127.0.0.1");
        props.setProperty("mail.pop3.port", Integer.toString(plainPort));
        props.setProperty("mail.pop3.starttls.enable", "true");
        props.setProperty("mail.pop3.starttls.required", "true");
        props.put("mail.pop3.ssl.socketFactory", clientTls.getSocketFactory());
        props.setProperty("mail.pop3.ssl.checkserveridentity", "false");
        props.setProperty("mail.pop3.timeout", "20000");
        Store pop = Session.getInstance(props).getStore("pop3");
        pop.connect("alice", "wonderland");
        try {
            Folder inbox = pop.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals("secret", inbox.getMessage(1).getSubject());
            inbox.close(false);
        } finally {
            pop.close();
        }
    }

    @Test
    void pythonPoplibUsesStls() throws Exception {
        String script = String.join("\n",
                "import poplib, ssl, sys",
                "ctx = ssl.create_default_context(cafile=sys.argv[2])",
                "ctx.check_hostname = False",
                "p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=20)",
                "p.stls(ctx)",
                "p.user('alice'); p.pass_('wonderland')",
                "print('STAT', *p.stat())",
                "p.quit()");
        String out = Pop3InteropTest.run(List.of("python3", "-c", script, Integer.toString(plainPort), pem.toString()));
        assertTrue(out.contains("STAT 1 "), out);
    }
}
