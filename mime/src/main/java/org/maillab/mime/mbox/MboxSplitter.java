package org.maillab.mime.mbox;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the messages in an mbox file (the "From " line format of RFC 4155) in one streaming pass,
 * returning byte ranges rather than copies. A message starts after a line beginning with
 * {@code "From "} that is the first line of the file or follows an empty line; the empty line before
 * the next separator belongs to the mbox format, not to the message. {@code >From } quoting is left
 * as it is (the ranges are the stored bytes).
 */
public final class MboxSplitter {

    /** One message of the mbox: its bytes are {@code [offset, offset + length)}. */
    public record Entry(long offset, long length, String separator) {
    }

    private MboxSplitter() {
    }

    /** True if the stream's first bytes are an mbox separator line ({@code "From "}). */
    public static boolean looksLikeMbox(byte[] head, int len) {
        return len >= 5 && head[0] == 'F' && head[1] == 'r' && head[2] == 'o' && head[3] == 'm' && head[4] == ' ';
    }

    /** Splits the mbox read from {@code in} (not closed). */
    public static List<Entry> split(InputStream in) throws IOException {
        InputStream input = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 65536);
        List<Entry> entries = new ArrayList<>();
        long offset = 0;
        long messageStart = -1;
        String separator = null;
        long previousLineStart = -1;
        boolean previousLineEmpty = true;
        long lastEmptyLineStart = -1;
        StringBuilder head = new StringBuilder();
        int c;
        long lineStart = 0;
        boolean atLineStart = true;
        while (true) {
            c = input.read();
            if (atLineStart) {
                lineStart = offset;
                head.setLength(0);
                atLineStart = false;
            }
            if (c < 0 || c == '\n') {
                boolean empty = head.length() == 0 || (head.length() == 1 && head.charAt(0) == '\r');
                boolean isSeparator = head.length() >= 5 && head.substring(0, 5).equals("From ")
                        && (previousLineStart < 0 || previousLineEmpty);
                if (isSeparator) {
                    if (messageStart >= 0) {
                        long end = previousLineEmpty && lastEmptyLineStart >= messageStart ? lastEmptyLineStart : lineStart;
                        entries.add(new Entry(messageStart, end - messageStart, separator));
                    }
                    separator = head.toString().strip();
                    messageStart = offset + (c < 0 ? 0 : 1);
                }
                if (empty) {
                    lastEmptyLineStart = lineStart;
                }
                previousLineEmpty = empty;
                previousLineStart = lineStart;
                if (c < 0) {
                    break;
                }
                offset++;
                atLineStart = true;
                continue;
            }
            if (head.length() < 200) {
                head.append((char) c);
            }
            offset++;
        }
        if (messageStart >= 0) {
            long end = offset;
            entries.add(new Entry(messageStart, Math.max(0, end - messageStart), separator));
        } else if (offset > 0) {
            entries.add(new Entry(0, offset, null));
        }
        return entries;
    }
}
