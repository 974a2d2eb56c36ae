package org.maillab.simulator.world;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The few header fields a device shows in its message list (Message-ID, Subject, From), picked from a
 * message as it streams past, without keeping the message: an {@link OutputStream} sink that keeps only
 * the header section (up to 64 KB) and counts the rest.
 */
public final class HeaderSummary extends OutputStream {

    private static final int MAX_HEADER = 64 * 1024;

    private final StringBuilder header = new StringBuilder();
    private boolean headerDone;
    private long octets;
    private int lastLineStart;

    @Override
    public void write(int b) {
        octets++;
        if (headerDone) {
            return;
        }
        header.append((char) (b & 0xff));
        if (b == '\n') {
            String line = header.substring(lastLineStart).strip();
            lastLineStart = header.length();
            if (line.isEmpty() || header.length() > MAX_HEADER) {
                headerDone = true;
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (headerDone) {
            octets += len;
            return;
        }
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Octets written in all. */
    public long octets() {
        return octets;
    }

    public String messageId() {
        return MessageIds.fromHeader(header.toString().getBytes(StandardCharsets.ISO_8859_1)).orElse("");
    }

    public String subject() {
        return field("subject");
    }

    public String from() {
        return field("from");
    }

    private String field(String name) {
        for (String line : header.toString().split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }
}
