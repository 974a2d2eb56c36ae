package org.maillab.load;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded mail for APPEND: mostly short text messages, some long ones, some with an attachment, so
 * FETCH and SEARCH meet a mix like a real mailbox's. Same random source, same messages.
 */
final class MessageFactory {

    private static final String[] PEOPLE = {"alice", "bob", "carol", "dave", "erin", "frank"};
    private static final String[] WORDS = {"lab", "mail", "meeting", "report", "draft", "budget", "review",
            "coffee", "server", "release", "notes", "question", "invoice", "holiday", "plan", "weekly"};
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

    private MessageFactory() {
    }

    /** One RFC 5322 message with CRLF line ends. */
    static byte[] message(Random random) {
        String from = PEOPLE[random.nextInt(PEOPLE.length)];
        String to = PEOPLE[random.nextInt(PEOPLE.length)];
        String subject = words(random, 2 + random.nextInt(4));
        ZonedDateTime date = ZonedDateTime.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), 0, 0, ZoneOffset.UTC);
        StringBuilder m = new StringBuilder(4096)
                .append("From: ").append(from).append(" <").append(from).append("@lab.example>\r\n")
                .append("To: ").append(to).append(" <").append(to).append("@lab.example>\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: ").append(DATE.format(date)).append("\r\n")
                .append("Message-ID: <").append(Long.toHexString(random.nextLong())).append("@lab.example>\r\n")
                .append("MIME-Version: 1.0\r\n");
        // Sizes like a real inbox: most a few hundred octets to a few KB, one in ten around 20-60 KB.
        int textLines = random.nextInt(10) == 0 ? 300 + random.nextInt(700) : 3 + random.nextInt(40);
        if (random.nextInt(5) == 0) {
            String boundary = "b" + Long.toHexString(random.nextLong());
            m.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                    .append("--").append(boundary).append("\r\n")
                    .append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
            body(m, random, textLines);
            byte[] attachment = new byte[1024 + random.nextInt(16 * 1024)];
            random.nextBytes(attachment);
            m.append("--").append(boundary).append("\r\n")
                    .append("Content-Type: application/octet-stream; name=\"data.bin\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(attachment)).append("\r\n")
                    .append("--").append(boundary).append("--\r\n");
        } else {
            m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
            body(m, random, textLines);
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void body(StringBuilder m, Random random, int lines) {
        for (int i = 0; i < lines; i++) {
            m.append(words(random, 4 + random.nextInt(10))).append("\r\n");
        }
    }

    static String words(Random random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }
}
