package org.maillab.simulator.world;

import java.io.InputStream;
import java.util.SplittableRandom;

/** Exactly {@code size} octets of plain text in lines of at most 72 characters plus CRLF, generated lazily. */
final class GeneratedText extends InputStream {

    private static final String[] WORDS = {"mail", "server", "the", "a", "message", "of", "and", "to", "read",
            "folder", "offline", "online", "protocol", "today", "meeting", "please", "thanks", "report", "link",
            "network", "slow", "fast", "quota", "inbox", "attached", "see", "below", "regards"};

    private final SplittableRandom random;
    private long remaining;
    private final StringBuilder line = new StringBuilder();
    private int pos;

    GeneratedText(long size, long seed) {
        this.remaining = size;
        this.random = new SplittableRandom(seed);
    }

    private void fill() {
        line.setLength(0);
        pos = 0;
        while (line.length() < 60) {
            line.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        line.setLength(line.length() - 1);
        line.append("\r\n");
    }

    @Override
    public int read() {
        if (remaining <= 0) {
            return -1;
        }
        if (pos >= line.length()) {
            fill();
        }
        remaining--;
        // The last two octets always end the text with CRLF, so the next part starts on its own line.
        if (remaining == 1) {
            pos = line.length();
            return '\r';
        }
        if (remaining == 0) {
            return '\n';
        }
        return line.charAt(pos++);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                break;
            }
            b[off + n++] = (byte) c;
        }
        return n == 0 ? -1 : n;
    }
}
