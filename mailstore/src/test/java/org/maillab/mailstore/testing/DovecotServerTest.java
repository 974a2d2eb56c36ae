package org.maillab.mailstore.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture itself: Dovecot starts on loopback, authenticates our users and stores mail where we look. */
class DovecotServerTest {

    @Test
    void appendOverImapLandsInTheUsersMaildir(@TempDir Path data) throws Exception {
        DovecotServer.assumeAvailable();
        try (DovecotServer dovecot = DovecotServer.start(data);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), dovecot.imapPort())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("* OK"));
            send(out, "a LOGIN alice " + DovecotServer.PASSWORD);
            String login = readUntilTagged(in, "a");
            assertTrue(login.startsWith("a OK"), login);
            String message = "Subject: hi\r\n\r\nhello\r\n";
            send(out, "b APPEND INBOX (\\Flagged) {" + message.length() + "+}\r\n" + message);
            assertTrue(readUntilTagged(in, "b").startsWith("b OK"));
            send(out, "c LOGOUT");
            readUntilTagged(in, "c");

            try (Stream<Path> files = Stream.concat(Files.list(dovecot.maildir("alice").resolve("cur")),
                    Files.list(dovecot.maildir("alice").resolve("new")))) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(":2,F")).count());
            }
        }
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readUntilTagged(BufferedReader in, String tag) throws Exception {
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith(tag + " ")) {
                return line;
            }
        }
        throw new AssertionError("connection closed before the tagged reply " + tag);
    }
}
