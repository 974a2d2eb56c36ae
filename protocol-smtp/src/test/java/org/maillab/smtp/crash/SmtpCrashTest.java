package org.maillab.smtp.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.smtp.client.SmtpClient;
import org.maillab.smtp.codec.SmtpReply;
import org.maillab.smtp.testing.Mail;

/**
 * RFC 5321 §6.1: a 250 after the data means the server has taken responsibility for the message. A
 * child JVM runs the SMTP server over a Maildir; the test sends messages (some large enough to spool to
 * a file), then kills the child with SIGKILL in the middle of the next delivery, at a random point
 * (fixed seed): before the data ends, right after the final dot, or while the reply is on its way.
 * On reopening the store, every acknowledged message must be there byte for byte, and nothing else but
 * at most the one in flight, whole.
 */
class SmtpCrashTest {

    private static final long SEED = 20261208L;
    private static final int TRIALS = 6;

    @TempDir
    Path root;

    @TempDir
    Path spool;

    @Test
    void everyAcknowledgedMessageSurvivesAKillAndNoPartialOneAppears() throws Exception {
        try (MaildirStore store = MaildirStore.open(root, MaildirStore.Options.defaults().withPbkdf2Iterations(1000))) {
            store.createAccount("alice", "pw", false);
        }
        Random random = new Random(SEED);
        List<String> acknowledged = new ArrayList<>();
        Set<String> inFlight = new HashSet<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            Process child = startChild();
            try (SmtpClient client = SmtpClient.connect("127.0.0.1", port(child))) {
                client.ehlo("crash.test");
                int messages = 1 + random.nextInt(4);
                for (int i = 0; i < messages; i++) {
                    String message = message(trial, i, random);
                    client.mail("carol@example.org");
                    client.rcpt("alice@localhost");
                    SmtpReply reply = client.data(message.getBytes(StandardCharsets.US_ASCII)).get(0);
                    assertEquals(250, reply.code(), reply.toString());
                    acknowledged.add(message);
                }
                String last = message(trial, messages, random);
                inFlight.add(last);
                client.mail("carol@example.org");
                client.rcpt("alice@localhost");
                client.send("DATA");
                byte[] data = last.getBytes(StandardCharsets.US_ASCII);
                switch (random.nextInt(3)) {
                    case 0 -> client.sendRaw(java.util.Arrays.copyOf(data, data.length / 2)); // mid-data
                    case 1 -> client.sendRaw(concat(data, ".\r\n".getBytes(StandardCharsets.US_ASCII))); // dot sent
                    default -> {
                        client.sendRaw(concat(data, ".\r\n".getBytes(StandardCharsets.US_ASCII)));
                        client.read(); // acknowledged, killed at once
                        acknowledged.add(last);
                    }
                }
            } finally {
                child.toHandle().destroyForcibly();
                child.waitFor();
            }
            verify(acknowledged, inFlight);
        }
    }

    private void verify(List<String> acknowledged, Set<String> inFlight) {
        try (MaildirStore store = MaildirStore.open(root, MaildirStore.Options.defaults().withPbkdf2Iterations(1000))) {
            List<String> stored = Mail.inbox(store, "alice").stream().map(Mail::withoutReceived).toList();
            for (String message : acknowledged) {
                assertTrue(stored.contains(message), "an acknowledged message was lost: " + message.lines().findFirst());
            }
            for (String message : stored) {
                assertTrue(acknowledged.contains(message) || inFlight.contains(message),
                        "a message that was never sent whole is stored: " + message.lines().findFirst());
            }
            assertEquals(stored.size(), new HashSet<>(stored).size(), "no message stored twice");
        }
    }

    /** A unique message; every third one larger than the child's 4 KiB spool memory, so it goes through a file. */
    private static String message(int trial, int i, Random random) {
        StringBuilder m = new StringBuilder("Subject: trial " + trial + " message " + i + "\r\n\r\n");
        int lines = (i % 3 == 2) ? 200 + random.nextInt(200) : 1 + random.nextInt(10);
        for (int l = 0; l < lines; l++) {
            m.append("line ").append(l).append(" of trial ").append(trial).append(' ').append(random.nextLong()).append("\r\n");
        }
        return m.toString();
    }

    private Process startChild() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SmtpCrashChild.class.getName(),
                root.toString(), spool.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static int port(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            fail("the child did not start: " + line);
        }
        return Integer.parseInt(line.substring(5));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
