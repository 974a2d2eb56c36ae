package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.transport.tls.TlsContexts;

/** The limits of {@code maillab serve}: their defaults, their options, and that they hold over sockets. */
class ServeLimitsTest {

    @TempDir
    Path data;

    /** keytool takes seconds: one certificate for the class, copied into the data directory. */
    static Path keystore;

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        keystore = TlsContexts.ensureSelfSignedKeystore(dir.resolve("keystore.p12"), TlsContexts.defaultPassword());
    }

    @BeforeEach
    void reuseCertificate() throws Exception {
        Files.createDirectories(data.resolve("tls"));
        Files.copy(keystore, data.resolve("tls").resolve("keystore.p12"));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ServeLimits d = ServeCommand.parse(List.of()).limits();
        assertEquals(1000, d.maxConnections());
        assertEquals(10, d.maxConnectionsPerAddress());
        assertEquals(Duration.ofSeconds(60), d.authTimeout());
        assertEquals(Duration.ofSeconds(2), d.loginDelay());
        assertEquals(Duration.ofSeconds(16), d.maxLoginDelay());
        assertEquals(3, d.loginFailures());
        assertEquals(64 * 1024, d.maxLine());
        assertEquals(64 * 1024, d.maxLiteral());
        assertEquals(50L * 1024 * 1024, d.maxMessage());
        assertEquals(100L * 1024 * 1024, d.spoolPerConnection());
        assertEquals(1024L * 1024 * 1024, d.spoolTotal());
    }

    @Test
    void everyLimitHasAnOptionAndBadValuesAreUsageErrors() {
        ServeLimits set = ServeCommand.parse(List.of("--max-connections", "50", "--max-connections-per-address", "4",
                "--auth-timeout", "0", "--login-delay", "1", "--max-login-delay", "5", "--login-failures", "5",
                "--max-line", "8K", "--max-literal", "1M", "--max-message", "10M", "--spool-per-connection", "20M",
                "--spool-total", "2G")).limits();
        assertEquals(new ServeLimits(50, 4, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5), 5, 8192,
                1024 * 1024, 10L * 1024 * 1024, 20L * 1024 * 1024, 2L * 1024 * 1024 * 1024), set);
        for (List<String> bad : List.of(List.of("--max-connections", "0"), List.of("--max-line", "10"),
                List.of("--max-message", "18446744073709551622"), List.of("--spool-total", "-1"),
                List.of("--login-delay", "two"), List.of("--max-literal", "99999999999G"))) {
            assertThrows(IllegalArgumentException.class, () -> ServeCommand.parse(bad), bad.toString());
        }
    }

    /** A raw line client. */
    private static final class Wire implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;

        Wire(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        String line() throws Exception {
            return in.readLine();
        }

        String say(String text) throws Exception {
            socket.getOutputStream().write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            return line();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void connectionsPerAddressAndImapLineAndMessageLimitsHoldWhileAdmittedSessionsWork() throws Exception {
        int imap = ServeCommandTest.freePort();
        int pop3 = ServeCommandTest.freePort();
        ServeCommand.Options options = ServeCommand.parse(List.of("--data", data.toString(), "--imap-port",
                String.valueOf(imap), "--imaps-port", "0", "--pop3-port", String.valueOf(pop3), "--pop3s-port", "0",
                "--user", "fred:secret", "--max-connections-per-address", "2", "--max-line", "100",
                "--max-message", "1K"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<Wire> admitted = new ArrayList<>();
        try (ServeCommand.Running running = ServeCommand.start(options, quiet)) {
            for (int i = 0; i < 2; i++) {
                Wire w = new Wire(imap);
                admitted.add(w);
                assertTrue(w.line().startsWith("* OK"));
                assertTrue(w.say("l" + i + " LOGIN fred secret").startsWith("l" + i + " OK"));
            }
            try (Wire third = new Wire(imap)) {
                assertEquals("* BYE [UNAVAILABLE] Too many connections", third.line());
                assertNull(third.line());
            }
            try (Wire popOne = new Wire(pop3); Wire popTwo = new Wire(pop3); Wire popThree = new Wire(pop3)) {
                assertTrue(popOne.line().startsWith("+OK"), "POP3 counts its own connections");
                assertTrue(popTwo.line().startsWith("+OK"));
                assertTrue(popThree.line().startsWith("-ERR"));
            }
            Wire w = admitted.get(0);
            assertEquals("* BAD [TOOBIG] Command line too long", w.say("a NOOP " + "x".repeat(200)));
            assertTrue(w.say("a2 NOOP").startsWith("a2 OK")); // and the session goes on
            assertTrue(w.say("b CAPABILITY").contains("APPENDLIMIT=1024"));
            w.line(); // b OK
            assertTrue(w.say("c APPEND INBOX {2000}").startsWith("c "), "refused before any octet");
            assertEquals("+ Ready for literal data", w.say("d APPEND INBOX {18}"));
            assertTrue(w.say("Subject: x\r\n\r\nhi\r\n").startsWith("d OK"));
        } finally {
            for (Wire w : admitted) {
                w.close();
            }
        }
    }

    @Test
    void theOptionsAreInTheHelp() throws Exception {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(help, true, StandardCharsets.UTF_8);
        assertEquals(0, new ServeCommand().run(List.of("--help"), out, out));
        for (String option : List.of("--max-connections N", "--max-connections-per-address N", "--auth-timeout S",
                "--login-delay S", "--max-login-delay S", "--login-failures N", "--max-line SIZE",
                "--max-literal SIZE", "--max-message SIZE", "--spool-per-connection SIZE", "--spool-total SIZE")) {
            assertTrue(help.toString(StandardCharsets.UTF_8).contains(option), option);
        }
    }
}
