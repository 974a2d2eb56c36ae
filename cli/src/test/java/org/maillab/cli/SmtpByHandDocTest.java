package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every exchange of {@code docs/smtp-by-hand.md} against {@code maillab serve}: the C: lines
 * are sent as typed with {@code nc -C} (CR LF after each), and each S: line must be what the server
 * answers. Blocks share one SMTP connection until QUIT; a block that starts with LHLO opens an LMTP one.
 */
class SmtpByHandDocTest {

    @TempDir
    Path data;

    @Test
    void theWalkThroughShowsWhatTheServerReallySays() throws Exception {
        List<List<String>> blocks = PopByHandDocTest.blocks(Files.readAllLines(Path.of("..", "docs", "smtp-by-hand.md")));
        assertTrue(blocks.size() >= 6, "found the walk-through's sessions");
        int smtpPort = ServeCommandTest.freePort();
        int lmtpPort = ServeCommandTest.freePort();
        ServeCommand.Options options = new ServeCommand.Options(data, "127.0.0.1", 0, 0, 0, 0, Map.of(), false, false,
                false, Set.of(), smtpPort, lmtpPort);
        try (ServeCommand.Running running = ServeCommand.start(options,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Socket socket = null;
            InputStream in = null;
            for (List<String> block : blocks) {
                boolean lmtp = block.get(0).startsWith("C: LHLO");
                if (socket == null || lmtp) {
                    socket = new Socket("127.0.0.1", lmtp ? lmtpPort : smtpPort);
                    socket.setSoTimeout(10_000);
                    in = new BufferedInputStream(socket.getInputStream());
                    assertEquals(lmtp ? "220 localhost LMTP MailLab ready" : "220 localhost ESMTP MailLab ready",
                            PopByHandDocTest.readLine(in));
                }
                OutputStream out = socket.getOutputStream();
                boolean quit = false;
                for (String line : block) {
                    if (line.startsWith("C:")) {
                        String typed = line.length() > 3 ? line.substring(3) : "";
                        out.write((typed + "\r\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        quit |= typed.equals("QUIT");
                    } else if (line.startsWith("S:")) {
                        String expected = line.substring(3);
                        String actual = PopByHandDocTest.readLine(in);
                        if (expected.contains("Message accepted for delivery, id ")) {
                            // the id counts sessions in this JVM; its shape is what the page shows
                            assertTrue(actual.matches("250 2\\.0\\.0 Message accepted for delivery, id [0-9a-z]+\\.\\d+"),
                                    actual);
                        } else {
                            assertEquals(expected, actual);
                        }
                    }
                }
                if (quit) {
                    socket.close();
                    socket = null;
                }
            }
            if (socket != null) {
                socket.close();
            }
        }
    }
}
