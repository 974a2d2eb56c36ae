package org.maillab.simulator.world;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Finds a message's Message-ID in its header without reading the body. */
public final class MessageIds {

    private static final int MAX_HEADER = 64 * 1024;

    private MessageIds() {
    }

    /** The Message-ID (without angle brackets) in the header section at the start of {@code in}. */
    public static Optional<String> read(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int total = 0;
        int c;
        while ((c = in.read()) >= 0 && total++ < MAX_HEADER) {
            if (c == '\n') {
                String l = line.toString().strip();
                if (l.isEmpty()) {
                    return Optional.empty();
                }
                Optional<String> id = fromLine(l);
                if (id.isPresent()) {
                    return id;
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        return Optional.empty();
    }

    /** The Message-ID in a header block given as text. */
    public static Optional<String> fromHeader(byte[] header) {
        for (String l : new String(header, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            if (l.isEmpty()) {
                break;
            }
            Optional<String> id = fromLine(l);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromLine(String l) {
        if (l.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
            String v = l.substring("message-id:".length()).strip();
            if (v.startsWith("<") && v.endsWith(">")) {
                v = v.substring(1, v.length() - 1);
            }
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }
        return Optional.empty();
    }
}
