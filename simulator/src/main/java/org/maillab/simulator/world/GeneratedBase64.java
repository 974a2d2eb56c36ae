package org.maillab.simulator.world;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random octets (incompressible, like a video), base64-encoded in 76-character
 * lines (RFC 2045 §6.8), generated a line at a time.
 */
final class GeneratedBase64 extends InputStream {

    private final SplittableRandom random;
    private long remaining;
    private byte[] line = new byte[0];
    private int pos;

    GeneratedBase64(long size, long seed) {
        this.remaining = size;
        this.random = new SplittableRandom(seed);
    }

    private boolean fill() {
        if (remaining <= 0) {
            return false;
        }
        int n = (int) Math.min(57, remaining);
        byte[] raw = new byte[n];
        for (int i = 0; i < n; i++) {
            raw[i] = (byte) random.nextInt(256);
        }
        remaining -= n;
        line = (Base64.getEncoder().encodeToString(raw) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        pos = 0;
        return true;
    }

    @Override
    public int read() {
        if (pos >= line.length && !fill()) {
            return -1;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len && (pos < line.length || fill())) {
            int chunk = Math.min(len - n, line.length - pos);
            System.arraycopy(line, pos, b, off + n, chunk);
            pos += chunk;
            n += chunk;
        }
        return n == 0 ? -1 : n;
    }
}
