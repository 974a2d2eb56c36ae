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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/pop3-by-hand.md shows real replies: this replays its {@code C:}/{@code S:} blocks against
 * {@code maillab serve}'s demo accounts, so the page cannot drift from the server. A block with
 * QUIT ends its connection; the APOP block (its digest depends on the greeting) is skipped.
 */
class PopByHandDocTest {

    @TempDir
    Path data;

    @Test
    void theWalkThroughShowsWhatTheServerReallySays() throws Exception {
        List<List<String>> blocks = blocks(Files.readAllLines(Path.of("..", "docs", "pop3-by-hand.md")));
        assertTrue(blocks.size() >= 6, "found the walk-through's sessions");
        int port = ServeCommandTest.freePort();
        ServeCommand.Options options = new ServeCommand.Options(data, "127.0.0.1", port, 0, Map.of(), false, false,
                false);
        try (ServeCommand.Running running = ServeCommand.start(options,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Socket socket = null;
            InputStream in = null;
            for (List<String> block : blocks) {
                if (socket == null) {
                    socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(10_000);
                    in = new BufferedInputStream(socket.getInputStream());
                    assertTrue(readLine(in).startsWith("+OK MailLab POP3 server ready <"));
                }
                OutputStream out = socket.getOutputStream();
                boolean quit = false;
                for (String line : block) {
                    if (line.startsWith("C: ")) {
                        out.write((line.substring(3) + "\r\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        quit |= line.equals("C: QUIT");
                    } else if (line.startsWith("S:")) {
                        String expected = line.length() > 3 ? line.substring(3) : "";
                        String actual = readLine(in);
                        if (expected.matches("\\d+ \\d+\\.\\d+")) {
                            // UIDL values carry the mailbox's UIDVALIDITY, which differs per data directory.
                            assertTrue(actual.matches(expected.split(" ")[0] + " \\d+\\.\\d+"), actual);
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

    /** The fenced blocks that start with a C: line, APOP's excepted. */
    static List<List<String>> blocks(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.startsWith("```")) {
                if (current != null) {
                    if (!current.isEmpty() && current.get(0).startsWith("C: ")
                            && current.stream().noneMatch(l -> l.startsWith("C: APOP"))) {
                        blocks.add(current);
                    }
                    current = null;
                } else {
                    current = new ArrayList<>();
                }
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    static String readLine(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new java.io.EOFException("closed after: " + line);
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
