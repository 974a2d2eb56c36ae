package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.maillab.imap.codec.Encoded;

/**
 * Runs a readable transcript against a connection: {@code C: } lines are sent (each with CRLF),
 * {@code S: } lines must come back exactly, {@code S~ } lines match a regular expression, {@code #}
 * starts a comment. Several connections can share the store: {@code C2: }/{@code S2: } talk to the second.
 */
final class Transcript {

    private final List<ImapConnection> connections;
    private final List<Deque<String>> pending = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();

    Transcript(List<ImapConnection> connections) {
        this.connections = connections;
        for (ImapConnection c : connections) {
            Deque<String> q = new ArrayDeque<>();
            addLines(q, c.greeting());
            pending.add(q);
        }
    }

    private static void addLines(Deque<String> q, List<Encoded> out) {
        StringBuilder sb = new StringBuilder();
        for (Encoded e : out) {
            sb.append(e.text());
        }
        String text = sb.toString();
        if (text.isEmpty()) {
            return;
        }
        for (String line : text.split("\r\n", -1)) {
            q.add(line);
        }
        q.removeLast(); // after the final CRLF
    }

    /** Runs the script; fails at the first difference, showing what the server said. */
    void run(String script) {
        for (String raw : script.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            int tilde = line.indexOf('~');
            int cut = colon < 0 ? tilde : (tilde < 0 ? colon : Math.min(colon, tilde));
            String who = line.substring(0, cut);
            char kind = line.charAt(cut);
            String content = line.length() > cut + 2 ? line.substring(cut + 2) : "";
            int index = who.length() > 1 ? Integer.parseInt(who.substring(1)) - 1 : 0;
            if (who.startsWith("C")) {
                log.append(who).append(": ").append(content).append('\n');
                ImapConnection.Result r = connections.get(index).onBytes(ByteBuffer.wrap(
                        (content + "\r\n").getBytes(StandardCharsets.UTF_8)));
                addLines(pending.get(index), r.output());
            } else if (who.startsWith("U")) {
                // U: pull updates pushed during IDLE
                addLines(pending.get(index), connections.get(index).pendingUpdates());
            } else {
                Deque<String> q = pending.get(index);
                if (q.isEmpty()) {
                    fail("expected " + line + " but the server said nothing more\n" + log);
                }
                String actual = q.poll();
                log.append(who).append(": ").append(actual).append('\n');
                if (kind == '~') {
                    assertTrue(actual.matches(content), "expected /" + content + "/ but was: " + actual + "\n" + log);
                } else {
                    assertEquals(content, actual, () -> "transcript so far:\n" + log);
                }
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            assertTrue(pending.get(i).isEmpty(), "unexpected output on connection " + (i + 1) + ":\nS: "
                    + String.join("\nS: ", pending.get(i)) + "\n(end)\n" + log);
        }
    }

    /** Everything not yet matched, for writing new transcripts. */
    String unmatched() {
        return String.join("\n", pending.get(0));
    }
}
