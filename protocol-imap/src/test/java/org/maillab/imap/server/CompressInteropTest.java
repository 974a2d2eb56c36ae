package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.transcript.MemoryTranscript;

/**
 * Third-party COMPRESS=DEFLATE clients driving the server (RFC 4978): python3 with its own zlib (raw
 * DEFLATE, {@code wbits=-15}) under imaplib, and Debian's mbsync, which compresses when the server offers it.
 */
class CompressInteropTest {

    private final MemoryTranscript transcript = new MemoryTranscript();
    private MailStore store;
    private ImapServer server;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        Account fred = store.createAccount("fred", "secret", false);
        for (int i = 1; i <= 30; i++) {
            String message = "From: alice@example.org\r\nTo: fred@example.org\r\nSubject: report " + i + "\r\n\r\n"
                    + ("Line " + i + " of the weekly report, nothing new.\r\n").repeat(40);
            fred.append("INBOX", new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                    Instant.parse("2026-01-01T10:00:00Z"));
        }
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1).withTranscript(transcript));
        port = server.port().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** imaplib reads through {@code self.file} and writes through {@code send}: both go through zlib. */
    static final String PYTHON_CLIENT = String.join("\n",
            "import imaplib, socket, sys, zlib",
            "imaplib.Commands['COMPRESS'] = ('AUTH', 'SELECTED')",
            "class Inflating:",
            "    def __init__(self, sock):",
            "        self.sock, self.z, self.buf, self.wire = sock, zlib.decompressobj(-15), b'', 0",
            "    def fill(self):",
            "        data = self.sock.recv(65536)",
            "        if not data:",
            "            return False",
            "        self.wire += len(data)",
            "        self.buf += self.z.decompress(data)",
            "        return True",
            "    def read(self, n):",
            "        while len(self.buf) < n and self.fill():",
            "            pass",
            "        out, self.buf = self.buf[:n], self.buf[n:]",
            "        return out",
            "    def readline(self, limit=-1):",
            "        while b'\\n' not in self.buf and self.fill():",
            "            pass",
            "        i = self.buf.find(b'\\n')",
            "        i = len(self.buf) if i < 0 else i + 1",
            "        out, self.buf = self.buf[:i], self.buf[i:]",
            "        return out",
            "    def close(self):",
            "        pass",
            "class CompressingIMAP(imaplib.IMAP4):",
            "    deflater = None",
            "    def compress(self):",
            "        typ, data = self._simple_command('COMPRESS', 'DEFLATE')",
            "        if typ == 'OK':",
            "            self.deflater = zlib.compressobj(6, zlib.DEFLATED, -15)",
            "            self.file = Inflating(self.sock)",
            "        return typ, data",
            "    def send(self, data):",
            "        if self.deflater:",
            "            data = self.deflater.compress(data) + self.deflater.flush(zlib.Z_SYNC_FLUSH)",
            "        self.sock.sendall(data)",
            "m = CompressingIMAP('127.0.0.1', int(sys.argv[1]))",
            "print('advertised', 'COMPRESS=DEFLATE' in m.capabilities)",
            "m.login('fred', 'secret')",
            "print('compress', m.compress())",
            "typ, data = m.select('INBOX')",
            "print('select', typ, data)",
            "typ, data = m.fetch('1:*', '(BODY.PEEK[])')",
            "bodies = [d[1] for d in data if isinstance(d, tuple)]",
            "print('fetched', typ, len(bodies), sum(len(b) for b in bodies))",
            "print('body30', bodies[29].splitlines()[2].decode())",
            "typ, data = m.append('INBOX', None, None, b'Subject: from python, compressed\\r\\n\\r\\nhi\\r\\n')",
            "print('append', typ)",
            "print('search', m.search(None, 'SUBJECT', 'python'))",
            "try:",
            "    print('again', m.compress())",
            "except imaplib.IMAP4.error as e:",
            "    print('again', e)",
            "print('wire', m.file.wire)",
            "m.logout()",
            "");

    @Test
    void pythonWithZlibDrivesACompressedSession_rfc4978(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("python3"), "python3 not installed");
        Path script = dir.resolve("compress.py");
        Files.writeString(script, PYTHON_CLIENT);
        String out = run(dir, List.of("python3", script.toString(), Integer.toString(port)));
        assertTrue(out.contains("advertised True"), out);
        assertTrue(out.contains("compress ('OK', [b'DEFLATE active'])"), out);
        assertTrue(out.contains("select OK [b'30']"), out);
        assertTrue(out.contains("body30 Subject: report 30"), out);
        assertTrue(out.contains("append OK"), out);
        assertTrue(out.contains("search ('OK', [b'31'])"), out);
        assertTrue(out.contains("again ('NO', [b'[COMPRESSIONACTIVE] DEFLATE is active already'])"), out);
        long fetched = Long.parseLong(out.lines().filter(l -> l.startsWith("fetched OK 30 ")).findFirst()
                .orElseThrow(() -> new AssertionError(out)).substring("fetched OK 30 ".length()));
        long wire = Long.parseLong(out.lines().filter(l -> l.startsWith("wire ")).findFirst().orElseThrow().substring(5));
        assertTrue(wire * 5 < fetched, "compressed " + wire + " bytes for " + fetched + " of bodies");
    }

    @Test
    void mbsyncUsesCompressAndPullsTheMail(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mbsync")), "mbsync not installed");
        Path local = dir.resolve("mail");
        Files.createDirectories(local);
        Path config = dir.resolve("mbsyncrc");
        Files.writeString(config, String.join("\n",
                "IMAPAccount maillab", "Host 127.0.0.1", "Port " + port, "User fred", "Pass secret",
                "SSLType None", "AuthMechs LOGIN", "",
                "IMAPStore remote", "Account maillab", "",
                "MaildirStore local", "Path " + local + "/", "Inbox " + local + "/INBOX", "",
                "Channel sync", "Far :remote:", "Near :local:", "Patterns INBOX", "Create Near", "Sync Pull",
                "SyncState *", ""));
        run(dir, List.of("/usr/bin/mbsync", "-c", config.toString(), "-a"));
        try (Stream<Path> cur = Files.list(local.resolve("INBOX/cur")); Stream<Path> neu = Files.list(local.resolve("INBOX/new"))) {
            assertEquals(30, Stream.concat(cur, neu).count());
        }
        List<String> lines = transcript.lines();
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*C: \\S+ COMPRESS DEFLATE")), "mbsync sent COMPRESS");
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("* DEFLATE compression")), "and the server switched");
    }
}
