package org.maillab.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Something that can be streamed to a client: {@link Connection#stream(ByteSource)} opens it on a worker
 * thread when the connection's earlier output has been sent, reads it in chunks as the socket drains, and
 * closes it at the end (or when the connection closes). So a 50 MB RETR or FETCH never sits in memory.
 *
 * <p>Transformations (POP3 dot-stuffing, RFC 1939 §3; CRLF normalisation) are the protocol's business:
 * wrap the stream, e.g. {@code () -> new DotStuffingInputStream(store.open(id))}.
 */
@FunctionalInterface
public interface ByteSource {

    /** Opens a fresh stream of the bytes; called at most once per {@code stream()} call, on a worker thread. */
    InputStream open() throws IOException;

    /** The bytes of an array (not copied: do not change it afterwards). */
    static ByteSource of(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }

    /** The bytes of a file. */
    static ByteSource of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
