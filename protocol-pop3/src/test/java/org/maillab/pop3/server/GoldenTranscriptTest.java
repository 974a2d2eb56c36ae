package org.maillab.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * Runs the {@code C:}/{@code S:} transcripts under {@code src/test/resources/transcripts} against a
 * real server: {@code C:} lines are sent as they come (so consecutive ones are pipelined), each
 * {@code S:} line must be the next line the server sends. {@code {ANY}} matches any text, and
 * {@code {APOP secret}} is the digest of the greeting's timestamp and the secret (RFC 1939 §7).
 * They read like the RFC's own examples; students can read them as such.
 */
class GoldenTranscriptTest {

    private static final Pattern APOP = Pattern.compile("\\{APOP ([^}]*)\\}");
    private static final Pattern TIMESTAMP = Pattern.compile("<[^<>]*@[^<>]*>");

    static Stream<Path> transcripts() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenTranscriptTest.class.getResource("/transcripts").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream();
        }
    }

    /** Two messages of 120 and 200 octets, as in RFC 1939 §10's example. */
    static InMemoryStore rfcMaildrop() {
        InMemoryStore store = new InMemoryStore();
        Account mrose = store.createAccount("mrose", "tanstaaf", true);
        for (String[] m : List.of(new String[] {"first", "120"}, new String[] {"second", "200"})) {
            String header = "From: rose@example.org\r\nTo: mrose@example.org\r\nSubject: " + m[0] + "\r\n\r\n";
            int bodyLength = Integer.parseInt(m[1]) - header.length() - 2;
            String body = ("This is the " + m[0] + " message of the example. ").repeat(10).substring(0, bodyLength);
            mrose.append("INBOX", new ByteArrayInputStream((header + body + "\r\n").getBytes(StandardCharsets.US_ASCII)),
                    Flags.NONE, Instant.parse("2026-11-27T00:00:00Z"));
        }
        return store;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void theServerSpeaksAsTheTranscriptSays(Path transcript) throws Exception {
        List<String> lines = Files.readAllLines(transcript, StandardCharsets.UTF_8);
        try (InMemoryStore store = rfcMaildrop();
                Pop3Server server = Pop3Server.start(store, Pop3ServerConfig.defaults(),
                        new InetSocketAddress("127.0.0.1", 0), null);
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String timestamp = "";
            int number = 0;
            for (String line : lines) {
                number++;
                if (line.startsWith("C: ")) {
                    String command = line.substring(3);
                    Matcher apop = APOP.matcher(command);
                    if (apop.find()) {
                        command = apop.replaceFirst(md5Hex(timestamp + apop.group(1)));
                    }
                    out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (line.startsWith("S:")) {
                    String expected = line.length() > 3 ? line.substring(3) : "";
                    String actual = Pop3ServerIntegrationTest.readLine(in);
                    String where = transcript.getFileName() + ":" + number;
                    if (expected.contains("{ANY}")) {
                        String regex = Pattern.quote(expected).replace("{ANY}", "\\E.*\\Q");
                        assertTrue(actual.matches(regex), where + ": expected " + expected + " but got " + actual);
                    } else {
                        assertEquals(expected, actual, where);
                    }
                    Matcher t = TIMESTAMP.matcher(actual);
                    if (timestamp.isEmpty() && t.find()) {
                        timestamp = t.group();
                    }
                }
            }
        }
    }

    private static String md5Hex(String text) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }
}
