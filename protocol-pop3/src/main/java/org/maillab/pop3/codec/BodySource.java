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
}
