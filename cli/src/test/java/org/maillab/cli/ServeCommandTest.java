package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.ImapException;
import org.maillab.imap.client.Reply;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.pop3.client.Pop3Client;
import org.maillab.pop3.client.Pop3Exception;
import org.maillab.transport.tls.TlsContexts;

class ServeCommandTest {

    @TempDir
    Path data;

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    ServeCommand.Options options(Map<String, String> users, boolean requireTls) {
        return new ServeCommand.Options(data, "127.0.0.1", 0, 0, users, requireTls, false, false);
    }

    static Path sharedKeystore;

    /** keytool takes seconds: make the certificate once and copy it into each test's data directory. */
    @org.junit.jupiter.api.BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        sharedKeystore = TlsContexts.ensureSelfSignedKeystore(dir.resolve("keystore.p12"), TlsContexts.defaultPassword());
    }

    @org.junit.jupiter.api.BeforeEach
    void reuseCertificate() throws Exception {
        java.nio.file.Files.createDirectories(data.resolve("tls"));
        java.nio.file.Files.copy(sharedKeystore, data.resolve("tls").resolve("keystore.p12"));
    }

    /** Free ports picked here: 0 on the command line means "off". */
    ServeCommand.Running start(Map<String, String> users, boolean requireTls) throws Exception {
        ServeCommand.Options o = new ServeCommand.Options(data, "127.0.0.1", freePort(), freePort(), freePort(),
                freePort(), users, requireTls, false, false);
        return ServeCommand.start(o, out);
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static int port(ServeCommand.Running running, String label) {
        InetSocketAddress address = running.addresses.get(label);
        return address.getPort();
    }

    @Test
    void firstStartCreatesDemoAccountsWithMailAndPrintsOneLinePerListener() throws Exception {
        try (ServeCommand.Running running = start(Map.of(), false)) {
            String printed = output.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("created demo account alice (password alice-secret)"), printed);
            assertTrue(printed.contains("POP3 (STLS) listening on 127.0.0.1:" + port(running, "POP3 (STLS)")), printed);
            assertTrue(printed.contains("POP3S listening on 127.0.0.1:" + port(running, "POP3S")), printed);
            assertTrue(printed.contains("IMAP (STARTTLS) listening on 127.0.0.1:" + port(running, ServeCommand.IMAP)),
                    printed);
            assertTrue(printed.contains("IMAPS listening on 127.0.0.1:" + port(running, ServeCommand.IMAPS)), printed);
            assertEquals(4, printed.lines().filter(l -> l.contains(" listening on ")).count(), printed);
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", port(running, "POP3 (STLS)"))) {
                pop.login("alice", "alice-secret");
                assertEquals(3, pop.stat().messages());
                String dots = new String(pop.retr(2), StandardCharsets.US_ASCII);
                assertTrue(dots.contains("\r\n.\r\n..and this line"), dots);
                pop.quit();
            }
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", port(running, "POP3 (STLS)"))) {
                pop.apop("bob", "bob-secret");
                assertEquals(2, pop.stat().messages());
            }
        }
    }

    @Test
    void uidlSurvivesARestartAndDeliveredMailArrives() throws Exception {
        List<Pop3Client.UniqueId> before;
        try (ServeCommand.Running running = start(Map.of(), false)) {
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", port(running, "POP3 (STLS)"))) {
                pop.login("alice", "alice-secret");
                before = pop.uidl();
                pop.quit();
            }
            // Delivered while the server runs: the store picks it up from new/.
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, DeliverCommand.deliver(List.of("--data", data.toString(), "--user", "alice"),
                    new ByteArrayInputStream("Subject: fresh\n\nnew mail\n".getBytes(StandardCharsets.US_ASCII)),
                    out, new PrintStream(err)));
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", port(running, "POP3 (STLS)"))) {
                pop.login("alice", "alice-secret");
                assertEquals(4, pop.stat().messages());
                assertEquals("Subject: fresh\r\n\r\nnew mail\r\n", new String(pop.retr(4), StandardCharsets.US_ASCII),
                        "bare LF became CRLF");
                assertEquals(new Pop3Client.Listing(4, 28), pop.list(4), "octets count CRLF line ends");
                pop.quit();
            }
        }
        output.reset();
        try (ServeCommand.Running running = start(Map.of(), false)) {
            assertTrue(!output.toString(StandardCharsets.UTF_8).contains("created"), "no demo accounts the second time");
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", port(running, "POP3 (STLS)"))) {
                pop.login("alice", "alice-secret");
                assertEquals(before, pop.uidl().subList(0, 3), "UIDL is stable across restarts");
            }
        }
    }

    @Test
    void userOptionCreatesAccountsAndRequireTlsRefusesPlaintext() throws Exception {
        try (ServeCommand.Running running = start(Map.of("carol", "c4r0l"), true)) {
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", port(running, "POP3 (STLS)"))) {
                assertThrows(Pop3Exception.class, () -> pop.user("carol"));
                pop.stls(TlsContexts.clientContextTrusting(running.keystore, TlsContexts.defaultPassword()));
                pop.login("carol", "c4r0l");
                assertEquals(0, pop.stat().messages());
            }
            try (Pop3Client pop = Pop3Client.connectTls("127.0.0.1", port(running, "POP3S"),
                    TlsContexts.clientContextTrusting(running.keystore, TlsContexts.defaultPassword()))) {
                pop.login("carol", "c4r0l");
            }
        }
    }

    /** The number of messages SELECT INBOX announces (RFC 9051 §7.4.1 EXISTS). */
    static long selectInbox(ImapClient imap) {
        Reply selected = imap.select("INBOX");
        return selected.all(Response.Exists.class).get(0).count();
    }

    static void imapDeleteFirst(ImapClient imap) {
        imap.execute(new Command.Store(false, SequenceSet.single(1), Command.StoreMode.ADD, true,
                List.of("\\Deleted"))).orThrow();
        Reply expunged = imap.execute(new Command.Expunge()).orThrow();
        assertEquals(List.of(new Response.Expunge(1)), expunged.all(Response.Expunge.class));
    }

    @Test
    void popAndImapServeTheSameMailboxesSoDeletionsShowInBoth() throws Exception {
        try (ServeCommand.Running running = start(Map.of(), false)) {
            int imapPort = port(running, ServeCommand.IMAP);
            int popPort = port(running, "POP3 (STLS)");
            List<Pop3Client.UniqueId> uidls;
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", popPort)) {
                pop.login("alice", "alice-secret");
                uidls = pop.uidl();
                pop.quit();
            }
            // Deleted over IMAP (STORE \Deleted + EXPUNGE): POP3 no longer lists it.
            try (ImapClient imap = ImapClient.connect("127.0.0.1", imapPort)) {
                imap.login("alice", "alice-secret");
                assertEquals(3, selectInbox(imap));
                imapDeleteFirst(imap);
                imap.logout();
            }
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", popPort)) {
                pop.login("alice", "alice-secret");
                assertEquals(2, pop.stat().messages());
                assertEquals(List.of(uidls.get(1).uid(), uidls.get(2).uid()),
                        pop.uidl().stream().map(Pop3Client.UniqueId::uid).toList(), "the first message went");
                // Deleted over POP3 (DELE + QUIT enters UPDATE, RFC 1939 §6): IMAP no longer has it.
                pop.dele(1);
                pop.quit();
            }
            try (ImapClient imap = ImapClient.connect("127.0.0.1", imapPort)) {
                imap.login("alice", "alice-secret");
                assertEquals(1, selectInbox(imap));
                Reply fetched = imap.fetch(false, SequenceSet.single(1),
                        List.of(new FetchAttribute.Simple(FetchAttribute.Item.RFC822_SIZE)));
                assertEquals(1, fetched.all(Response.Fetch.class).size());
                imap.logout();
            }
            try (Pop3Client pop = Pop3Client.connect("127.0.0.1", popPort)) {
                pop.login("alice", "alice-secret");
                assertEquals(List.of(uidls.get(2).uid()), pop.uidl().stream().map(Pop3Client.UniqueId::uid).toList());
            }
        }
    }

    @Test
    void imapsUsesTheSameCertificateAndRequireTlsMeansLogindisabled() throws Exception {
        try (ServeCommand.Running running = start(Map.of("carol", "c4r0l"), true)) {
            javax.net.ssl.SSLContext trusting = TlsContexts.clientContextTrusting(running.keystore,
                    TlsContexts.defaultPassword());
            try (ImapClient imap = ImapClient.connect("127.0.0.1", port(running, ServeCommand.IMAP))) {
                // RFC 9051 §6.2.3: LOGINDISABLED until STARTTLS, and LOGIN is refused.
                assertTrue(imap.hasCapability("LOGINDISABLED"), imap.capabilities().toString());
                assertThrows(ImapException.class, () -> imap.login("carol", "c4r0l"));
                imap.startTls(trusting);
                assertTrue(!imap.hasCapability("LOGINDISABLED"), imap.capabilities().toString());
                imap.login("carol", "c4r0l");
                assertEquals(0, selectInbox(imap));
            }
            try (ImapClient imap = ImapClient.connectTls("127.0.0.1", port(running, ServeCommand.IMAPS), trusting)) {
                imap.login("carol", "c4r0l");
                assertEquals(0, selectInbox(imap));
            }
        }
    }

    @Test
    void traceShowsImapSessionsWithThePasswordMasked() throws Exception {
        ServeCommand.Options traced = new ServeCommand.Options(data, "127.0.0.1", 0, 0, freePort(), 0, Map.of(),
                false, false, true);
        try (ServeCommand.Running running = ServeCommand.start(traced, out)) {
            assertEquals(java.util.Set.of(ServeCommand.IMAP), running.addresses.keySet(), "POP3 and IMAPS off");
            try (ImapClient imap = ImapClient.connect("127.0.0.1", port(running, ServeCommand.IMAP))) {
                imap.login("alice", "alice-secret");
                imap.logout();
            }
        }
        String printed = output.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("LOGIN alice ***"), printed);
        assertTrue(!printed.contains("LOGIN alice alice-secret"), printed);
        // Client lines are logged as they arrive, before the reply: no race with the server's writes.
        assertTrue(printed.lines().anyMatch(l -> l.endsWith(" LOGOUT")), printed);
    }

    @Test
    void anAdminAccountMaySetQuotasOverImapAndOthersMayNot_rfc9208Section4_1_3() throws Exception {
        ServeCommand.Options o = ServeCommand.parse(List.of("--data", data.toString(), "--pop3-port", "0",
                "--pop3s-port", "0", "--imaps-port", "0", "--imap-port", Integer.toString(freePort()),
                "--admin", "bob"));
        assertEquals(java.util.Set.of("bob"), o.admins());
        try (ServeCommand.Running running = ServeCommand.start(o, out)) {
            try (ImapClient bob = ImapClient.connect("127.0.0.1", port(running, ServeCommand.IMAP))) {
                bob.login("bob", "bob-secret");
                assertTrue(bob.hasCapability("QUOTASET"));
                bob.setQuota("#user/alice", List.of(new org.maillab.imap.codec.Command.QuotaLimit("MESSAGE", 50)));
            }
            try (ImapClient alice = ImapClient.connect("127.0.0.1", port(running, ServeCommand.IMAP))) {
                alice.login("alice", "alice-secret");
                assertEquals(List.of(50L), alice.getQuota("").resources().stream()
                        .map(org.maillab.imap.codec.Response.QuotaResource::limit).toList());
                org.maillab.imap.client.ImapException e = assertThrows(org.maillab.imap.client.ImapException.class,
                        () -> alice.setQuota("", List.of()));
                assertEquals(java.util.Optional.of(org.maillab.imap.codec.ResponseCode.NOPERM), e.response().code());
            }
        }
    }

    @Test
    void closeStopsEveryListener() throws Exception {
        int imapPort;
        int popPort;
        try (ServeCommand.Running running = start(Map.of(), false)) {
            imapPort = port(running, ServeCommand.IMAP);
            popPort = port(running, "POP3 (STLS)");
        }
        // Rebinding the very ports works only when the server let them go.
        try (java.net.ServerSocket a = new java.net.ServerSocket(imapPort, 1, java.net.InetAddress.getLoopbackAddress());
                java.net.ServerSocket b = new java.net.ServerSocket(popPort, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(imapPort, a.getLocalPort());
            assertEquals(popPort, b.getLocalPort());
        }
    }

    @Test
    void storeMemoryServesTheDemoAccountsAndWritesNoMaildir() throws Exception {
        ServeCommand.Options o = ServeCommand.parse(List.of("--data", data.toString(), "--store", "memory",
                "--pop3-port", "0", "--pop3s-port", "0", "--imaps-port", "0", "--imap-port",
                Integer.toString(freePort())));
        assertTrue(o.inMemory());
        try (ServeCommand.Running running = ServeCommand.start(o, out)) {
            try (ImapClient alice = ImapClient.connect("127.0.0.1", port(running, ServeCommand.IMAP))) {
                alice.login("alice", "alice-secret");
                assertTrue(selectInbox(alice) > 0);
            }
        }
        try (var files = java.nio.file.Files.list(data)) {
            assertEquals(List.of("tls"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(false, ServeCommand.parse(List.of()).inMemory());
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.parse(List.of("--store", "mbox")));
    }

    @Test
    void imapPortOptionsAreParsedWithDefaults() {
        ServeCommand.Options defaults = ServeCommand.parse(List.of());
        assertEquals(1143, defaults.imapPort());
        assertEquals(1993, defaults.imapsPort());
        ServeCommand.Options set = ServeCommand.parse(List.of("--imap-port", "2143", "--imaps-port", "0"));
        assertEquals(2143, set.imapPort());
        assertEquals(0, set.imapsPort());
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.parse(List.of("--imap-port", "x")));
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, new ServeCommand().run(List.of("--user", "nocolon"), out, new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--user wants NAME:PASSWORD"));
        assertEquals(2, new ServeCommand().run(List.of("--pop3-port", "99999"), out, new PrintStream(err)));
        assertEquals(2, new ServeCommand().run(List.of("--frobnicate"), out, new PrintStream(err)));
    }

    @Test
    void helpPrintsTheOptions() throws Exception {
        assertEquals(0, new ServeCommand().run(List.of("--help"), out, out));
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("--pop3s-port N"));
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("--imap-port N"));
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("--imaps-port N"));
    }

    @Test
    void portZeroTurnsAListenerOff() throws Exception {
        try (ServeCommand.Running running = ServeCommand.start(options(Map.of(), false), out)) {
            assertTrue(running.addresses.isEmpty());
        }
    }
}
