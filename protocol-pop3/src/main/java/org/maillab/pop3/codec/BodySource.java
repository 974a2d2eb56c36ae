package org.maillab.pop3.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a multi-line response before dot-stuffing: opened once, when the writer gets to it,
 * so a large message is streamed from the store and never held in memory whole.
 */
@FunctionalInterface
public interface BodySource {

    /** Opens the body; the caller closes the stream. */
    InputStream open() throws IOException;

    /**
     * The exact number of octets {@link #open()} yields, or -1 if unknown. A known size lets the server
     * choose between sending the body in one write and streaming it without reading it twice.
     */
    default long size() {
        return -1;
    }

    /** A body whose size is known in advance (e.g. a stored message's canonical size). */
    static BodySource sized(long size, BodySource source) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        return new BodySource() {
            @Override
            public InputStream open() throws IOException {
                return source.open();
            }

            @Override
            public long size() {
                return size;
            }
        };
    }
}
